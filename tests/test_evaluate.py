"""Tests for align.evaluate: the Vecalign/Bertalign strict and lax P/R/F1.

Every expected number below is worked out by hand in the comment above it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from align.errors import AlignError
from align.evaluate import evaluate_paths, format_bead, parse_beads, score
from align.types import Bead

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def beads(text: str) -> list[Bead]:
    return parse_beads(text.replace(" ", "\n"))


def figures(gold: str, test: str) -> dict[str, float]:
    return score([beads(gold)], [beads(test)]).as_dict()


def assert_figures(got: dict[str, float], **expected: float) -> None:
    for key, value in expected.items():
        assert got[key] == pytest.approx(value), key


def test_exact_match_scores_one_everywhere():
    gold = "[0]:[0] [1,2]:[1] [3]:[] []:[2] [4]:[3,4]"
    got = figures(gold, gold)
    assert got == pytest.approx(
        {f"{n}_{m}": 1.0 for n in ("strict", "lax") for m in ("p", "r", "f1")}
    )


def test_split_2_1_bead_is_a_strict_miss_and_a_lax_hit():
    # gold [1,2]:[1]; test cuts it into [1]:[1] + [2]:[].
    # Precision over 4 test beads: [0]:[0] and [3]:[2] hit; [1]:[1] is lax only
    # (1 is linked to 1 in the gold); [2]:[] has no target, so no lax hit either.
    #   strict P = 2/4, lax P = 3/4.
    # Recall over 3 gold pairs against the test pairs: [1,2]:[1] is lax only.
    #   strict R = 2/3, lax R = 3/3.
    # strict F1 = 2 * 1/2 * 2/3 / (1/2 + 2/3) = 4/7; lax F1 = 2 * 3/4 / (7/4) = 6/7.
    got = figures("[0]:[0] [1,2]:[1] [3]:[2]", "[0]:[0] [1]:[1] [2]:[] [3]:[2]")
    assert_figures(got, strict_p=1 / 2, lax_p=3 / 4, strict_r=2 / 3, lax_r=1.0,
                   strict_f1=4 / 7, lax_f1=6 / 7)


def test_merged_beads_are_strict_misses_and_lax_hits():
    # gold [0]:[0] [1]:[1]; test merges them into [0,1]:[0,1].
    # P: 1 test bead, not in gold, overlaps → strict 0/1, lax 1/1.
    # R: 2 gold beads, neither in test, both overlap → strict 0/2, lax 2/2.
    got = figures("[0]:[0] [1]:[1]", "[0,1]:[0,1]")
    assert_figures(got, strict_p=0.0, lax_p=1.0, strict_r=0.0, lax_r=1.0,
                   strict_f1=0.0, lax_f1=1.0)


def test_gold_insertions_and_deletions_are_left_out_of_recall():
    # gold has [1]:[] and []:[1]; test pairs them up as [1]:[1].
    # P over 3 test beads: [0]:[0], [2]:[2] hit; [1]:[1] misses both ways
    # (sentence 1 has no target in the gold) → P = 2/3 strict and lax.
    # R over the 2 gold *pairs* only: both found → R = 1; F1 = 2 * 2/3 / (5/3) = 0.8.
    got = figures("[0]:[0] [1]:[] []:[1] [2]:[2]", "[0]:[0] [1]:[1] [2]:[2]")
    assert_figures(got, strict_p=2 / 3, lax_p=2 / 3, strict_r=1.0, lax_r=1.0,
                   strict_f1=0.8, lax_f1=0.8)


def test_test_insertions_and_deletions_count_in_precision():
    # gold [0]:[0] [1]:[1]; test leaves sentence 1 unaligned on both sides.
    # P over 3 test beads: only [0]:[0] hits → 1/3 strict and lax.
    # R over 2 gold pairs against test pairs {[0]:[0]}: 1/2 strict and lax.
    # F1 = 2 * 1/3 * 1/2 / (5/6) = 0.4.
    got = figures("[0]:[0] [1]:[1]", "[0]:[0] [1]:[] []:[1]")
    assert_figures(got, strict_p=1 / 3, lax_p=1 / 3, strict_r=1 / 2, lax_r=1 / 2,
                   strict_f1=0.4, lax_f1=0.4)


def test_matching_deletion_is_a_precision_hit():
    # gold and test agree that source 1 is untranslated: 3/3 precision, 2/2 recall.
    gold = "[0]:[0] [1]:[] [2]:[1]"
    assert_figures(figures(gold, gold), strict_p=1.0, strict_r=1.0)
    # The same gold with a test that aligns 1 and 2 to target 1 instead:
    # P over 2 test beads: [0]:[0] hits; [1,2]:[1] is lax (2 → 1) → strict 1/2, lax 2/2.
    # R over 2 gold pairs: [2]:[1] is lax via the test's [1,2]:[1] → strict 1/2, lax 2/2.
    got = figures(gold, "[0]:[0] [1,2]:[1]")
    assert_figures(got, strict_p=1 / 2, lax_p=1.0, strict_r=1 / 2, lax_r=1.0)


def test_documents_are_micro_averaged():
    # Doc A is the split-2-1 case (P 2/4, R 2/3 strict); doc B is exact with 2 beads.
    # Micro: strict P = (2 + 2) / (4 + 2) = 2/3, strict R = (2 + 2) / (3 + 2) = 4/5.
    gold = [beads("[0]:[0] [1,2]:[1] [3]:[2]"), beads("[0]:[0] [1]:[1]")]
    test = [beads("[0]:[0] [1]:[1] [2]:[] [3]:[2]"), beads("[0]:[0] [1]:[1]")]
    got = score(gold, test).as_dict()
    assert_figures(got, strict_p=2 / 3, strict_r=4 / 5, lax_p=5 / 6, lax_r=1.0)


def test_empty_test_scores_zero_not_a_division_error():
    got = score([beads("[0]:[0]")], [[]]).as_dict()
    assert got == {k: 0.0 for k in got}


def test_documents_must_pair_up():
    with pytest.raises(ValueError):
        score([beads("[0]:[0]"), beads("[0]:[0]")], [beads("[0]:[0]")])


# --- the bead file format -----------------------------------------------------------


def test_parse_accepts_spaces_blank_lines_and_empty_sides():
    parsed = parse_beads("[0, 1]:[0]\n\n  [ 2 ] : [ 1 , 2 ]  \n[]:[3]\n[3]:[]\r\n")
    assert [(b.src, b.tgt) for b in parsed] == [
        ((0, 1), (0,)), ((2,), (1, 2)), ((), (3,)), ((3,), ()),
    ]


def test_format_and_parse_round_trip():
    original = [Bead((0, 1), (0,)), Bead((), (1,)), Bead((2,), ()), Bead((3,), (2, 3, 4))]
    text = "".join(format_bead(b) + "\n" for b in original)
    assert text == "[0,1]:[0]\n[]:[1]\n[2]:[]\n[3]:[2,3,4]\n"
    assert parse_beads(text) == original


@pytest.mark.parametrize(
    "line", ["[0]-[1]", "[a]:[1]", "0:1", "[0]:[1] extra", "[-1]:[0]", "[0]:", "{0}:{1}"]
)
def test_malformed_line_names_file_and_line(tmp_path, line):
    path = tmp_path / "test.align"
    path.write_text(f"[0]:[0]\n\n{line}\n[2]:[2]\n", encoding="utf-8")
    with pytest.raises(AlignError) as info:
        evaluate_paths(path, path)
    assert f"{path}:3:" in str(info.value)


def test_space_separated_ids_are_a_parse_error_not_a_crash():
    with pytest.raises(AlignError, match=r"gold\.align:1:"):
        parse_beads("[1 2]:[3]\n", "gold.align")


def test_non_utf8_bead_file_is_a_user_error(tmp_path):
    path = tmp_path / "gold.align"
    path.write_bytes("[0]:[0]\n".encode("utf-16"))
    with pytest.raises(AlignError, match=r"gold\.align"):
        evaluate_paths(path, path)


# --- files and folders --------------------------------------------------------------


def write_beads(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text.replace(" ", "\n") + "\n", encoding="utf-8")
    return path


def test_single_files_are_compared_whatever_their_names(tmp_path):
    gold = write_beads(tmp_path, "gold.align", "[0]:[0] [1]:[1]")
    test = write_beads(tmp_path, "output.beads", "[0]:[0] [1]:[] []:[1]")
    assert_figures(evaluate_paths(gold, test).as_dict(), strict_p=1 / 3, strict_r=1 / 2)


def test_folders_pair_files_by_name(tmp_path):
    # The test folder has an extra file that sorts first: pairing by position
    # would compare gold b with test a.
    write_beads(tmp_path / "gold", "b.align", "[0]:[0] [1]:[1]")
    write_beads(tmp_path / "gold", "c.align", "[0,1]:[0]")
    write_beads(tmp_path / "test", "a.align", "[5]:[5]")
    write_beads(tmp_path / "test", "b.align", "[0]:[0] [1]:[1]")
    write_beads(tmp_path / "test", "c.align", "[0,1]:[0]")
    (tmp_path / "test" / "notes.txt").write_text("not a bead file", encoding="utf-8")
    got = evaluate_paths(tmp_path / "gold", tmp_path / "test").as_dict()
    assert got == pytest.approx({k: 1.0 for k in got})


def test_folder_missing_a_test_file_names_it(tmp_path):
    write_beads(tmp_path / "gold", "001.align", "[0]:[0]")
    write_beads(tmp_path / "gold", "002.align", "[0]:[0]")
    write_beads(tmp_path / "test", "001.align", "[0]:[0]")
    write_beads(tmp_path / "test", "003.align", "[0]:[0]")
    with pytest.raises(AlignError, match=r"002\.align"):
        evaluate_paths(tmp_path / "gold", tmp_path / "test")


def test_folder_without_bead_files(tmp_path):
    (tmp_path / "empty").mkdir()
    gold = write_beads(tmp_path, "g.align", "[0]:[0]")
    with pytest.raises(AlignError, match=r"no \.align files"):
        evaluate_paths(gold, tmp_path / "empty")


def test_missing_path(tmp_path):
    gold = write_beads(tmp_path, "g.align", "[0]:[0]")
    with pytest.raises(AlignError, match="no such file") as info:
        evaluate_paths(gold, tmp_path / "nope.align")
    assert "nope.align" in str(info.value)


def test_real_gold_folder_against_itself_scores_one():
    gold = SHARED_DATA / "mac-dev-zh-en" / "gold"
    if not gold.is_dir():
        pytest.skip(f"{gold} not present")
    got = evaluate_paths(gold, gold).as_dict()
    assert got == pytest.approx({k: 1.0 for k in got})
