"""Bead confidence: a probability, furniture left out, a short side against a long one."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner import align_vectors
from align.confidence import (
    DEFAULT_MIN_SCORE,
    FEATURES,
    Evidence,
    feature_matrix,
    probabilities,
    with_confidence,
)
from align.types import Bead


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def test_every_pair_bead_gets_a_probability_and_gaps_get_zero():
    beads = [Bead((0,), (0,)), Bead((1,), ()), Bead((2, 3), (1,))]
    evidence = [Evidence(0.8, 0.5, 0.1, 1.0), Evidence(), Evidence(0.3, float("nan"), 0.4, 0.5)]
    assert feature_matrix(beads, evidence).shape == (2, len(FEATURES))
    out = with_confidence(beads, evidence)
    assert out[1].confidence == 0.0
    assert all(0.0 < b.confidence < 1.0 for b in out if b.is_pair)


def _probabilities(evidence: list[Evidence]) -> np.ndarray:
    """P(right) of a run of 1-1 beads with this evidence."""
    beads = [Bead((k,), (k,)) for k in range(len(evidence))]
    return probabilities(feature_matrix(beads, evidence))


ORDINARY = Evidence(0.5, 0.4, 0.0, 1.0, size=30.0)


def test_a_closer_bead_is_more_likely_right():
    low = _probabilities([Evidence(0.2, 0.2, 0.0, 0.5, size=30.0)] + [ORDINARY] * 4)[0]
    high = _probabilities([Evidence(0.9, 0.8, 0.0, 1.0, size=30.0)] + [ORDINARY] * 4)[0]
    assert high > low


def test_a_bead_beside_a_short_one_is_less_likely_right():
    """A sentence short for its document beside a bead is often the other half of one
    gold bead (a Bible verse of two sentences each side, paired 1-1 + 1-1)."""
    short = Evidence(0.5, 0.4, 0.0, 1.0, size=4.0)
    beside_short = _probabilities([ORDINARY, short] + [ORDINARY] * 4)[0]
    beside_typical = _probabilities([ORDINARY] * 6)[0]
    assert beside_short < beside_typical


def test_lines_without_counterpart_at_the_ends_do_not_become_tus():
    """Like a page's "Home>>" / "（完）" and "Photos": unrelated lines at each end of both
    sides are left out or paired below the TU floor."""
    rng = np.random.default_rng(3)
    meaning = rng.normal(size=(40, 64)).astype(np.float32)
    src = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.8)
    tgt = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.8)
    furniture = _unit(rng.normal(size=(4, 64)).astype(np.float32))
    src = np.vstack([furniture[:1], src, furniture[1:2]])
    tgt = np.vstack([furniture[2:3], tgt, furniture[3:]])
    beads = align_vectors(src, tgt, np.full(42, 30.0), np.full(42, 30.0))
    noise_src, noise_tgt = {0, 41}, {0, 41}
    for bead in beads:
        if bead.is_pair and (noise_src & set(bead.src) or noise_tgt & set(bead.tgt)):
            assert bead.confidence < DEFAULT_MIN_SCORE, bead
    right = [b for b in beads if b.is_pair and len(b.src) == len(b.tgt) == 1 and b.src == b.tgt]
    assert len(right) >= 36 and np.mean([b.confidence for b in right]) > 0.7


@pytest.mark.slow
def test_demo_page_furniture_is_not_paired(demo_alignment):
    assert any(b.is_pair for b in demo_alignment.beads)
    for bead in demo_alignment.beads:
        if not bead.is_pair:
            continue
        zh = "".join(demo_alignment.src.texts[i] for i in bead.src)
        en = " ".join(demo_alignment.tgt.texts[j] for j in bead.tgt)
        assert not ("（完）" in zh and "Photos" in en), (zh, en)


@pytest.mark.slow
def test_a_headline_alone_finds_its_translation_in_the_article(demo_pair, e5_encoder):
    from align.encoders import CachedEncoder
    from align.pipeline import PairOptions, align_documents, read_pair
    from align.verdict import judge_alignment

    options = PairOptions()
    zh, en = read_pair(str(demo_pair[0]), str(demo_pair[1]), options)
    zh.paragraphs = zh.paragraphs[:1]  # the headline only
    result = align_documents(zh, en, CachedEncoder(e5_encoder), options)
    pairs = [b for b in result.beads if b.is_pair]
    assert len(pairs) == 1 and pairs[0].src == (0,)
    # The title or the lead sentence: both name the vice foreign minister.
    assert any("chinese vice foreign minister" in result.tgt.texts[j].lower() for j in pairs[0].tgt)
    assert judge_alignment(result).translates  # one line is too short to refuse on


@pytest.mark.slow
@pytest.mark.parametrize("line", ["你好。", "谢谢大家。"])
def test_a_lone_unrelated_line_is_not_paired_with_page_furniture(demo_pair, e5_encoder, line):
    """Against a web page, any unrelated line is nearest to its furniture ("Home>>"): with
    no dictionary word in common, the pair pays and is not offered as a TU."""
    from align.encoders import CachedEncoder
    from align.pipeline import PairOptions, align_documents, read_pair

    options = PairOptions()
    zh, en = read_pair(str(demo_pair[0]), str(demo_pair[1]), options)
    zh.paragraphs = [line]
    result = align_documents(zh, en, CachedEncoder(e5_encoder), options)
    assert [b for b in result.beads if b.is_pair and b.confidence >= DEFAULT_MIN_SCORE] == []


@pytest.mark.slow
def test_a_few_lines_of_another_text_find_no_translation_in_a_web_page(demo_pair, e5_encoder):
    """Three lines of a novel against a web page. A side too short to sample takes its
    baseline of unrelated text from ``align.background``; without it the page's furniture
    looked like a translation of anything (靴声响到门口… ↔ Home>> at 0.8)."""
    from align.encoders import CachedEncoder
    from align.pipeline import PairOptions, align_documents, read_pair
    from tests.conftest import SHARED

    novel = SHARED / "data" / "mac-dev-zh-en" / "zh" / "002"
    if not novel.exists():
        pytest.skip("needs ../shared/data")
    options = PairOptions()
    zh, en = read_pair(str(demo_pair[0]), str(demo_pair[1]), options)
    zh.paragraphs = [line for line in novel.read_text("utf-8").splitlines() if line.strip()][:3]
    result = align_documents(zh, en, CachedEncoder(e5_encoder), options)
    assert [b for b in result.beads if b.is_pair and b.confidence >= DEFAULT_MIN_SCORE] == []


def test_each_background_is_large_enough_to_stand_for_a_sample():
    """The programme ignores a sample of fewer than ``FEW`` sentences, and only a side
    shorter than that takes the background."""
    from align.background import BACKGROUND, background_texts
    from align.sides import FEW

    for lang, texts in BACKGROUND.items():
        assert len(set(texts)) == len(texts) >= FEW, lang
        assert background_texts(lang, FEW - 1) == list(texts)
        assert background_texts(lang, FEW) == []
    assert background_texts("xx", 1) == []
