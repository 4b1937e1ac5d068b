"""Text without a counterpart is left out: page furniture, insertions merged into weak beads."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from align.aligner import AlignConfig, align_vectors
from align.confidence import Evidence
from align.context import _drop_gain
from align.furniture import furniture_lines, is_wordless, looks_like_furniture, wordless_lines
from align.language import untranslated_lines
from align.peel import PeelContext, realign_bead, realign_weak
from align.pipeline import text_evidence
from align.sides import Side, prepare_sides, similarity
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


def lengths(texts: list[str]) -> np.ndarray:
    return np.array([len(t.replace(" ", "")) for t in texts], dtype=float)


def _with_insertion(inserted: int = 1) -> tuple[Side, Side]:
    """Twelve translated pairs; targets 6.. (``inserted`` of them) translate nothing."""
    rng = np.random.default_rng(2)
    meaning = rng.normal(size=(12, 64)).astype(np.float32)
    src = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.5)
    tgt = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.5)
    tgt = np.vstack([tgt[:6], _unit(rng.normal(size=(inserted, 64)).astype(np.float32)), tgt[6:]])
    s, t = prepare_sides(src, tgt, np.full(12, 30.0), np.full(12 + inserted, 30.0), 3)
    s.skip, t.skip = np.full(12, -0.2), np.full(12 + inserted, -0.2)
    return s, t


def test_a_weak_bead_realigned_leaves_out_the_inserted_sentence():
    s, t = _with_insertion()
    context = PeelContext(s, t, ratio=1.0, length=0.25, lexical=0.0, lexical_base=0.1)
    assert t.skip[6] < 0 and t.loose[6]  # it matches nothing well: free to leave
    beads, evidence = realign_bead(context, Bead((5,), (5, 6)), max_align=6)
    assert beads == [Bead((5,), (5,), 0.0), Bead((), (6,), 0.0)]
    assert evidence[0].similarity > 0.3
    # Translated sentences are never left out: a bead of two pairs stays paired.
    kept = realign_bead(context, Bead((3, 4), (3, 4)), max_align=6)[0]
    assert all(b.is_pair for b in kept) and sum(len(b.src) for b in kept) == 2


def test_only_weak_beads_are_realigned_and_only_to_leave_out_a_run():
    s, t = _with_insertion(2)
    context = PeelContext(s, t, ratio=1.0, length=0.25, lexical=0.0, lexical_base=0.1)
    bead = Bead((5,), (5, 6, 7))
    assert realign_weak(context, [bead], [Evidence(0.4)], [False], 6)[0] == [bead]
    assert realign_weak(context, [bead], [Evidence(0.4)], [True], 6)[0] == [
        Bead((5,), (5,), 0.0), Bead((), (6,), 0.0), Bead((), (7,), 0.0)]
    # A lone sentence peeled off is as likely a misplaced boundary: the bead stays whole.
    s, t = _with_insertion(1)
    context = PeelContext(s, t, ratio=1.0, length=0.25, lexical=0.0, lexical_base=0.1)
    assert realign_bead(context, Bead((5,), (5, 6)), 6)[0] == [Bead((5,), (5,), 0.0), Bead((), (6,), 0.0)]
    assert realign_weak(context, [Bead((5,), (5, 6))], [Evidence(0.4)], [True], 6)[0] == [Bead((5,), (5, 6))]
    # ... unless the sentence it leaves out joins a gap beside the bead into a run.
    beads = [Bead((5,), (5, 6)), Bead((), (7,))]
    assert realign_weak(context, beads, [Evidence(0.4), Evidence()], [True, False], 6)[0] == [
        Bead((5,), (5,), 0.0), Bead((), (6,), 0.0), Bead((), (7,))]


def test_a_line_without_a_word_is_left_out_at_a_beads_end_but_not_from_its_middle():
    """OCR debris, a lone letter, a page number translate nothing; bare punctuation is the
    tail of the sentence before it. Such a line weighs nothing in a bead's mean vector, so
    only its own rule keeps it out of a merge."""
    assert [is_wordless(t) for t in ["V", "141", "r \\", ".-^ !", "A"]] == [True] * 5
    assert not any(is_wordless(t) for t in ["!", "» .", "No!", "Go to!", "嗯。", "Vv", ""])
    meaning = _unit(np.random.default_rng(3).normal(size=(10, 32)).astype(np.float32))
    debris = _unit(np.random.default_rng(4).normal(size=(1, 32)).astype(np.float32))
    src_texts = [f"Sentence number {k} of the source." for k in range(10)]
    for at, inside in ((6, False), (5, True)):
        tgt = np.vstack([meaning[:at], debris, meaning[at:]])
        tgt_texts = [*src_texts[:at], "V", *src_texts[at:]]
        if inside:  # the debris splits target 5 in two halves, both translating source 5
            tgt = np.vstack([meaning[:5], meaning[5:6], debris, meaning[5:6], meaning[6:]])
            tgt_texts = [*src_texts[:5], "Sentence number", "V", "5 of the source.", *src_texts[6:]]
        inputs = {"src_untranslatable": wordless_lines(src_texts),
                  "tgt_untranslatable": wordless_lines(tgt_texts)}
        beads = align_vectors(meaning, tgt, lengths(src_texts), lengths(tgt_texts), AlignConfig(), **inputs)
        assert (Bead((), (at,), 0.0) in beads) != inside
        assert inside == any(b.src == (5,) and b.tgt == (5, 6, 7) for b in beads)


def test_an_untranslated_passage_is_flagged_and_a_line_of_names_is_not():
    """A German advertisement inside a French article is left out; a lone byline of names,
    which the language model may call German as surely, stays free to pair."""
    fr = ["Michel Ziegenhagen , Lausanne", "Nous sommes partis tôt le matin vers le sommet .",
          "Für jedes Wetter die richtige Jacke .", "V",
          "Ihr Fachhändler zeigt Ihnen das ganze Programm .",
          "Ich möchte den neuen Katalog für Bekleidung und Ausrüstung .",
          "La descente fut longue mais sans difficulté ."]
    wordless = wordless_lines(fr)
    assert untranslated_lines(fr, "fr", "de", wordless).tolist() == [
        False, False, True, False, True, True, False]
    # Two such lines are not a passage; Chinese and English are told apart by script elsewhere.
    assert not untranslated_lines(fr[:3] + fr[5:], "fr", "de", wordless_lines(fr[:3] + fr[5:])).any()
    assert not untranslated_lines(["Hello there , my friend ."] * 3, "zh", "en", np.zeros(3, bool)).any()


def test_the_drop_gain_marks_a_merged_sentence_that_only_dilutes_the_match():
    s, t = _with_insertion()

    def drop(bead: Bead) -> float:
        return _drop_gain(s, t, bead, similarity(s, t, bead.src, bead.tgt))

    assert drop(Bead((5,), (5, 6))) > 0.05
    assert drop(Bead((5,), (5,))) == 0.0


def test_two_pages_furniture_facing_each_other_is_not_paired():
    """"相关新闻" and "Home>>" look alike to an encoder (both page furniture), each the
    other's nearest line, but share no dictionary word: each is left out, while the
    article's sentences pair."""
    zh = ["相关新闻", "部长星期一抵达北京。", "他会见了总理。", "双方讨论了贸易问题。",
          "会谈持续了两个小时。", "部长星期五离开。", "他感谢东道主的款待。",
          "下次会议将在明年举行。", "代表团参观了一家工厂。"]
    en = ["Home>>", "The minister arrived in Beijing on Monday.", "He met the premier.",
          "The two sides discussed trade.", "The talks lasted two hours.",
          "The minister left on Friday.", "He thanked his hosts for their hospitality.",
          "The next meeting will be held next year.", "The delegation visited a factory."]
    rng = np.random.default_rng(5)
    meaning = rng.normal(size=(9, 32)).astype(np.float32)
    src = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.3)
    tgt = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.3)
    # The two lines here are as alike as a translation: at a furniture cost of 1 (all a
    # bead can earn) what decides is whether that cost applies.
    config = AlignConfig(furniture=1.0)
    inputs = text_evidence(zh, en, "zh", "en", config)
    assert inputs["src_furniture"][0] and inputs["tgt_furniture"][0]
    beads = align_vectors(src, tgt, lengths(zh), lengths(en), config, **inputs)
    assert Bead((0,), (), 0.0) in beads and Bead((), (0,), 0.0) in beads
    assert sum(b.is_pair for b in beads) == 8
    # Without dictionary evidence (de-fr) the same two lines still pair: nothing says
    # they are not each other's translation.
    plain = align_vectors(src, tgt, lengths(zh), lengths(en), config,
                          src_furniture=inputs["src_furniture"], tgt_furniture=inputs["tgt_furniture"])
    assert any(b.src == (0,) and b.tgt == (0,) for b in plain)


def _spliced(side: str, edge_chars: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Thirty translated pairs with three unrelated sentences spliced into ``side`` after the
    fifteenth; the block's first and last sentence are ``edge_chars`` long, the rest 40."""
    rng = np.random.default_rng(3)
    meaning = rng.normal(size=(30, 64)).astype(np.float32)
    src = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.8)
    tgt = _unit(meaning + rng.normal(size=meaning.shape).astype(np.float32) * 0.8)
    block = _unit(rng.normal(size=(3, 64)).astype(np.float32))
    lens = np.full(30, 40.0)
    block_lens = np.array([edge_chars, 40.0, edge_chars])
    spliced = np.vstack([src[:15] if side == "src" else tgt[:15], block,
                         src[15:] if side == "src" else tgt[15:]])
    spliced_lens = np.concatenate([lens[:15], block_lens, lens[15:]])
    if side == "src":
        return spliced, tgt, spliced_lens, lens
    return src, spliced, lens, spliced_lens


def test_a_spliced_block_is_left_out_whole_not_merged_at_its_ends():
    """A run of left-out sentences pays the gap cost in full once, then a share of it per
    sentence (``gap_run``, ``loose_run``): paying it in full for each, the programme (without
    the re-alignment of weak beads that follows it) merges the block into the beads beside it."""
    for side, edge_chars in (("tgt", 30.0), ("src", 40.0)):
        src, tgt, src_lens, tgt_lens = _spliced(side, edge_chars)
        beads = align_vectors(src, tgt, src_lens, tgt_lens, AlignConfig(realign=0.0))
        block = {15, 16, 17}
        assert [b for b in beads if block & set(b.src if side == "src" else b.tgt)] == [
            Bead((k,), (), 0.0) if side == "src" else Bead((), (k,), 0.0) for k in sorted(block)], side
        assert sum(b.is_pair and len(b.src) == len(b.tgt) == 1 for b in beads) == 30
        full = AlignConfig(gap_run=1.0, loose_run=1.0, realign=0.0)
        assert _merged(align_vectors(src, tgt, src_lens, tgt_lens, full), side), side


def _merged(beads: list[Bead], side: str) -> bool:
    """Whether a pair bead holds a sentence of the spliced block of ``_spliced``."""
    return any(b.is_pair and {15, 16, 17} & set(b.src if side == "src" else b.tgt) for b in beads)


def test_a_run_of_sentences_that_match_nothing_costs_less_again():
    """The block's sentences are loose (their best match is among their side's weakest), so a
    run of them pays ``loose_run`` per further sentence: shorter edge sentences, which dilute the
    beads beside them less, are still left out where ``gap_run`` alone would merge them."""
    for side, edge_chars in (("tgt", 20.0), ("src", 30.0)):
        src, tgt, src_lens, tgt_lens = _spliced(side, edge_chars)
        spliced = prepare_sides(src, tgt, src_lens, tgt_lens, 1)[0 if side == "src" else 1]
        assert spliced.loose[15:18].all()
        assert not _merged(align_vectors(src, tgt, src_lens, tgt_lens, AlignConfig(realign=0.0)), side)
        as_any = AlignConfig(loose_run=AlignConfig().gap_run, realign=0.0)
        assert _merged(align_vectors(src, tgt, src_lens, tgt_lens, as_any), side), side
