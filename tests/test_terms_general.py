"""Termhood against general language and uses of a term that are no terms (align.terms)."""

from __future__ import annotations

import random

from wordfreq import word_frequency

from align.terms import GlossaryOptions, Segment, build_glossary
from align.terms.candidates import ChineseTerms

PLACES = [("北京", "Beijing"), ("日内瓦", "Geneva"), ("纽约", "New York"), ("维也纳", "Vienna")]


def test_a_set_phrase_is_as_general_as_wordfreq_says():
    chinese = ChineseTerms([], frozenset())
    # jieba's dictionary counts 长时间 (a long time) far below its use: wordfreq's count stands
    assert chinese.general_frequency("长时间") >= word_frequency("长时间", "zh") > 1e-5
    assert chinese.general_frequency("长时间") > 50 * chinese.general_frequency("人权高专办")


def test_a_verb_governing_a_term_opens_no_term():
    chinese = ChineseTerms([], frozenset())
    assert chinese.governed_object("呼吁人权高专办") == "人权高专办"  # to call on OHCHR
    assert chinese.governed_object("例行记者会") == ""  # a routine press conference
    assert chinese.governed_object("人权高专办") == ""


def _segments(verb_zh: str, verb_en: str, bilingual: bool) -> list[Segment]:
    rng = random.Random(3)
    out = []
    for i in range(60):
        (zh, en), (zh2, en2) = rng.sample(PLACES, 2)
        if i % 2:
            src = f"{verb_zh}人权高专办在{zh}和{zh2}开会。"
            tgt = f"{verb_en} OHCHR to meet in {en} and {en2}."
        else:
            src, tgt = f"人权高专办在{zh}会见了{zh2}代表。", f"OHCHR met the delegate of {en2} in {en}."
        out.append(Segment(src, tgt if bilingual else "", f"doc{i % 3}"))
    return out


def test_a_verb_phrase_is_a_term_only_when_translated_as_a_unit():
    glossary = build_glossary(_segments("呼吁", "", False), GlossaryOptions(top=30))
    monolingual = {e.src for e in glossary.entries}
    assert "人权高专办" in monolingual and "呼吁人权高专办" not in monolingual
    bilingual = {e.src: e.tgt for e in build_glossary(_segments("呼吁", "They called on", True),
                                                      GlossaryOptions(top=30)).entries}
    assert "人权高专办" in bilingual  # listed in both; the verb phrase only with a translation
    assert "呼吁人权高专办" not in bilingual or bilingual["呼吁人权高专办"]
