"""The per-pair verdict: unrelated texts refused, translations (even partial) accepted."""

from __future__ import annotations

import pytest

from align.types import Bead
from align.verdict import CONFIDENT, judge
from tests.test_cli import assert_one_line_error, run


def _beads(pairs: int, confidence: float, src_extra: int = 0, tgt_extra: int = 0) -> list[Bead]:
    beads = [Bead((i,), (i,), confidence) for i in range(pairs)]
    beads += [Bead((pairs + k,), ()) for k in range(src_extra)]
    beads += [Bead((), (pairs + k,)) for k in range(tgt_extra)]
    return beads


def test_pairs_that_nothing_confidently_aligns_are_refused():
    verdict = judge(_beads(30, CONFIDENT / 2), [20.0] * 30, [40.0] * 30, "zh", "en")
    assert not verdict.translates
    assert verdict.src_coverage == verdict.tgt_coverage == 0.0


def test_a_partial_translation_is_accepted_and_its_coverage_said():
    # The English translates the first third of the Chinese only.
    beads = _beads(10, 0.95, src_extra=20)
    verdict = judge(beads, [20.0] * 30, [40.0] * 10, "zh", "en")
    assert verdict.translates
    assert "English covers 33% of the Chinese" in verdict.coverage_line()
    assert "Chinese covers 100% of the English" in verdict.coverage_line()


def test_a_headline_against_a_long_article_is_accepted():
    beads = [Bead((0,), (0,), 0.9)] + [Bead((), (j,)) for j in range(1, 77)]
    verdict = judge(beads, [30.0], [90.0] * 77, "zh", "en")
    assert verdict.translates and verdict.src_coverage == 1.0


def test_a_side_too_short_to_judge_is_not_refused():
    beads = [Bead((0,), (0,), 0.2)] + [Bead((), (j,)) for j in range(1, 40)]
    verdict = judge(beads, [30.0], [90.0] * 40, "zh", "en")
    assert verdict.translates
    # Not "English covers 0% of the Chinese (partial translation)": the headline may be right.
    assert "Chinese has under 8 sentences" in verdict.coverage_line()
    assert "0%" not in verdict.coverage_line()


@pytest.mark.slow
def test_unrelated_seed_pages_are_refused_and_nothing_is_written(tmp_path):
    from tests.conftest import REPO

    seeds = sorted((REPO / "seeds").glob("00[01]_*.txt"))
    out = tmp_path / "out.tmx"
    result = run("pair", *seeds, "-o", out)
    assert_one_line_error(result, "do not look like translations", "--force")
    assert not out.exists()
    forced = run("pair", *seeds, "-o", out, "--force")
    assert forced.exit_code == 0 and out.exists()
