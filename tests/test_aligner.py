"""The aligner on synthetic vectors with known answers, and on real gold data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align.aligner import AlignConfig, align_vectors, anchor_chain, search_band
from align.evaluate import parse_beads, score
from align.types import Bead

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_anchor_chain_is_the_heaviest_increasing_chain():
    # (0,0) (1,1) (2,2) is worth 3; (0,2) weighs 2.5 but blocks everything after it.
    points = [(0, 0, 1.0), (0, 2, 2.5), (1, 1, 1.0), (2, 2, 1.0)]
    assert anchor_chain(points, 3) == [(0, 0), (1, 1), (2, 2)]


def test_anchor_chain_never_uses_a_source_sentence_twice():
    points = [(0, 0, 1.0), (0, 1, 1.0), (1, 2, 1.0)]
    chain = anchor_chain(points, 3)
    assert [i for i, _ in chain] == [0, 1]


def test_search_band_covers_corners_and_anchors_and_is_monotone():
    lo, hi = search_band([(2, 3), (5, 5)], n=8, m=9, window=1)
    assert lo[0] == 0 and hi[-1] == 9
    assert all(lo[i] <= 3 <= hi[i] for i in (2, 3))
    assert np.all(np.diff(lo) >= 0) and np.all(np.diff(hi) >= 0)
    assert np.all(lo <= hi)


def _meanings(count: int, dim: int = 64, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(count, dim)).astype(np.float32)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def test_recovers_known_merges_splits_and_insertions():
    """Target = source with sentence 3 split in two, 6+7 merged, and an extra sentence.

    Noise is set so that true pairs have a cosine near 0.6, as real centred
    embeddings of translations do.
    """
    rng = np.random.default_rng(1)
    src = _meanings(60)
    noise = 0.8
    halves = rng.normal(size=(2, src.shape[1])).astype(np.float32) * noise * 0.5
    tgt_rows, gold = [], []
    for i in range(60):
        j = len(tgt_rows)
        if i == 13:  # one source sentence translated as two
            tgt_rows += [src[i] * 0.5 + halves[0], src[i] * 0.5 + halves[1]]
            gold.append(Bead((i,), (j, j + 1)))
        elif i == 26:  # two source sentences translated as one
            tgt_rows.append(src[i] + src[i + 1])
            gold.append(Bead((i, i + 1), (j,)))
        elif i == 27:
            continue
        else:
            tgt_rows.append(src[i] + rng.normal(size=src.shape[1]).astype(np.float32) * noise)
            gold.append(Bead((i,), (j,)))
        if i == 40:  # a sentence only the translation has
            gold.append(Bead((), (len(tgt_rows),)))
            tgt_rows.append(_meanings(1, seed=7)[0])
    tgt = np.stack(tgt_rows)
    src_lens = np.full(len(src), 40.0)
    tgt_lens = np.full(len(tgt), 40.0)
    tgt_lens[[13, 14]] = 20.0  # the two halves of the split
    tgt_lens[26] = 80.0  # the merged one is as long as its two sources
    beads = align_vectors(_unit(src), _unit(tgt), src_lens, tgt_lens)
    found = {(b.src, b.tgt) for b in beads}
    assert ((13,), (13, 14)) in found  # the split
    assert any(26 in b.src and 27 in b.src for b in beads)  # the merge, kept together
    assert score([gold], [beads]).as_dict()["strict_f1"] >= 0.9
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def test_beads_do_not_span_paragraph_breaks():
    """A split that the translation put into two paragraphs becomes a 1-1 and a 0-1."""
    rng = np.random.default_rng(4)
    src = _meanings(12, seed=4)
    halves = rng.normal(size=(2, src.shape[1])).astype(np.float32) * 0.4
    tgt = np.stack([*(src[:5] + rng.normal(size=(5, src.shape[1])) * 0.8),
                    src[5] * 0.5 + halves[0], src[5] * 0.5 + halves[1],
                    *(src[6:] + rng.normal(size=(6, src.shape[1])) * 0.8)]).astype(np.float32)
    lens = np.full(12, 40.0), np.r_[np.full(5, 40.0), 20.0, 20.0, np.full(6, 40.0)]
    merged = align_vectors(_unit(src), _unit(tgt), *lens)
    assert ((5,), (5, 6)) in {(b.src, b.tgt) for b in merged}
    paragraphs = [0] * 6 + [1] * 7  # the translator's break falls inside the split
    kept = align_vectors(_unit(src), _unit(tgt), *lens, src_paragraphs=[0] * 6 + [1] * 6,
                         tgt_paragraphs=paragraphs)
    assert not any(5 in b.tgt and 6 in b.tgt for b in kept)
    assert [j for b in kept for j in b.tgt] == list(range(13))


def test_every_sentence_is_covered_once_in_order():
    src, tgt = _meanings(30, seed=2), _meanings(25, seed=3)  # unrelated texts
    beads = align_vectors(_unit(src), _unit(tgt), np.full(30, 20.0), np.full(25, 20.0))
    assert [i for b in beads for i in b.src] == list(range(30))
    assert [j for b in beads for j in b.tgt] == list(range(25))
    assert all(len(b.src) + len(b.tgt) <= AlignConfig().max_align for b in beads)


def test_max_align_bounds_bead_size():
    src = _meanings(10)
    tgt = np.stack([src[:5].sum(axis=0), *src[5:]])  # five sentences merged into one
    config = AlignConfig(max_align=3)
    beads = align_vectors(_unit(src), _unit(tgt), np.full(10, 20.0), np.full(6, 20.0), config)
    assert max(len(b.src) + len(b.tgt) for b in beads) <= 3


def test_empty_side_gives_insertions_only():
    beads = align_vectors(np.zeros((0, 8)), _unit(_meanings(3, 8)), np.zeros(0), np.ones(3))
    assert [(b.src, b.tgt) for b in beads] == [((), (0,)), ((), (1,)), ((), (2,))]


@pytest.mark.skipif(not (DATA / "mac-dev-zh-en").is_dir(), reason="../shared/data absent")
def test_real_chapter_against_gold():
    """MAC-Dev chapter 1 with the bundled encoder: measured 0.95 strict F1."""
    from align.encoders import E5Encoder

    folder = DATA / "mac-dev-zh-en"
    zh = (folder / "zh" / "001").read_text(encoding="utf-8").splitlines()
    en = (folder / "en" / "001").read_text(encoding="utf-8").splitlines()
    gold = parse_beads((folder / "gold" / "001.align").read_text(encoding="utf-8"))
    encoder = E5Encoder()
    lens = [np.array([len(s.replace(" ", "")) for s in side], float) for side in (zh, en)]
    beads = align_vectors(encoder.encode(zh), encoder.encode(en), *lens)
    scores = score([gold], [beads]).as_dict()
    assert scores["strict_f1"] >= 0.92
    assert scores["lax_f1"] >= 0.98
