"""Text without a counterpart is left out: page furniture, insertions merged into weak beads."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from align.furniture import furniture_lines, looks_like_furniture
from align.peel import PeelContext, peel_bead
from align.sides import Side, prepare_sides
from align.types import Bead

DEMO = Path(__file__).resolve().parents[1] / "seeds" / "demo"


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def _lines(name: str) -> list[str]:
    return [line.strip() for line in (DEMO / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_demo_pages_furniture_is_flagged_and_their_article_is_not():
    en, zh = _lines("bachelet-visit.en.txt"), _lines("bachelet-visit.zh.txt")
    flagged_en = [en[i] for i in np.flatnonzero(furniture_lines(en, "en"))]
    flagged_zh = [zh[i] for i in np.flatnonzero(furniture_lines(zh, "zh"))]
    assert [" ".join(t.split()) for t in flagged_en] == ["Home>>", "(Web editor: Kou Jie, Bianji)", "Photos"]
    assert flagged_zh == ["（完）"]  # the headline and the dateline are text


def test_furniture_is_a_run_from_either_end_not_a_short_line_inside_the_text():
    texts = ["Share this article", "The minister arrived on Monday.", "Yes",
             "He left on Friday.", "Source: Xinhua"]
    assert furniture_lines(texts, "en").tolist() == [True, False, False, False, True]
    assert not looks_like_furniture("( Vivent les amis de la montagne !)", "fr")  # a sentence
    assert looks_like_furniture("责任编辑：王佳", "zh")


def test_a_furniture_line_pays_unless_its_nearest_sentence_faces_it():
    """A byline both sides print is its partner's nearest sentence and pairs for free; a
    furniture line whose nearest sentence is elsewhere costs one unit in any pair bead."""
    vecs = _unit(np.eye(4, dtype=np.float32))
    side = Side(vecs, np.full(4, 10.0), np.zeros(4), furniture=np.array([True, True, False, False]),
                top_idx=np.array([[0], [3], [2], [3]]), top_sim=np.ones((4, 1)))
    # Beads ending before source 1 and 2 (one sentence each), facing target 0 alone.
    assert side.stray_furniture(np.array([1, 2]), 1, np.array([1, 1]), 1).tolist() == [0.0, 1.0]
    # A two-sentence span with both lines, facing targets 0..3: line 1's nearest (3) faces it.
    assert side.stray_furniture(np.array([2]), 2, np.array([4]), 4).tolist() == [0.0]
    assert side.stray_furniture(np.array([2]), 2, np.array([3]), 3).tolist() == [1.0]


def test_a_weak_bead_loses_the_inserted_sentence_it_does_not_need():
    rng = np.random.default_rng(2)
    meaning = rng.normal(size=(12, 64)).astype(np.float32)
    src = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.5)
    tgt = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.5)
    inserted = _unit(rng.normal(size=(1, 64)).astype(np.float32))
    tgt = np.vstack([tgt[:6], inserted, tgt[6:]])  # target 6 translates nothing
    s, t = prepare_sides(src, tgt, np.full(12, 30.0), np.full(13, 30.0), 3)
    context = PeelContext(s, t, ratio=1.0, length=0.25, lexical=0.0, lexical_base=0.1)
    beads, evidence = peel_bead(context, Bead((5,), (5, 6)))
    assert beads == [Bead((5,), (5,), 0.0), Bead((), (6,), 0.0)]
    assert evidence[0].similarity > 0.3
    # A bead of two translated pairs keeps both.
    assert peel_bead(context, Bead((3, 4), (3, 4)))[0] == [Bead((3, 4), (3, 4), 0.0)]
