"""Whole terms and whole translations where one occurrence alone misleads (issue 15).

A nested term that recurs only inside one longer term is a piece of it (国际和平 of
国际和平及安全); a coordinative compound is translated by a coordination (男女: "men and
women"); a rendering is what the term's occurrences agree on, not what one occurrence's
links took along ("advancing whole-process people's democracy").
"""

from __future__ import annotations

from collections import Counter

from align.terms.candidates import ChineseTerms
from align.terms.consensus import agreed
from align.terms.counting import Counts
from align.terms.evidence import coordinative, glossed_by
from align.terms.linking import Candidate, _drop_partial, link
from align.terms.termhood import termhood
from align.terms.wordalign import coordination

CHINESE = ChineseTerms([], frozenset())


def _scores(freqs: dict[str, int]) -> dict[str, float]:
    counts = Counts(cap=100)
    for term, n in freqs.items():
        for _ in range(n):
            counts.add(term, "+n", 0)
    return termhood(counts, "zh", CHINESE, 2, corpus_words=1000)[0]


def test_a_term_recurring_only_inside_one_longer_term_is_a_piece_of_it():
    # 国际和平 three times: twice inside 国际和平及安全, once alone
    assert "国际和平" not in _scores({"国际和平": 3, "国际和平及安全": 2})
    assert "国际和平及安全" in _scores({"国际和平": 3, "国际和平及安全": 2})
    # twice alone: a term of its own
    assert "国际和平" in _scores({"国际和平": 4, "国际和平及安全": 2})


def test_coordinative_compounds_are_those_glossed_part_by_part():
    assert coordinative("男女") and coordinative("父母")  # "male and female", "father and mother"
    assert not coordinative("权利")  # "power and wealth": 利 is not glossed "wealth"
    assert not coordinative("人权") and not coordinative("国际和平")


def test_a_coordinative_compound_takes_the_whole_target_coordination():
    words = ["ensure", "that", "all", "men", "and", "women", ",", "in", "particular"]
    assert coordination((3, 3), words) == (3, 5)  # "men" → "men and women"
    assert coordination((5, 5), words) == (3, 5)  # "women" → "men and women"
    assert coordination((2, 2), words) == (2, 2)  # no coordination next to it


def test_a_coordinative_compound_is_not_translated_by_one_conjunct():
    src_terms = ["男女", "妇女"]
    by_term = {0: [Candidate(0, t, 8, d, len(t.split())) for t, d in
                   (("men", 0.94), ("women", 0.52), ("men and women", 0.71), ("equal", 0.29))],
               1: [Candidate(1, "women", 20, 0.9, 1)]}
    _drop_partial(by_term, src_terms, {}, "zh", "en")
    assert [c.tgt for c in by_term[0]] == ["men and women", "equal"]
    assert [c.tgt for c in by_term[1]] == ["women"]
    # "women" linked to 妇女 first does not keep 男女 from the coordination holding it
    linked = link([c for group in by_term.values() for c in group], src_terms, [], "zh", "en")
    assert linked[1].tgt == "women" and linked[0].tgt == "men and women"


def _glossed(term: str):
    words = [w for w, _ in CHINESE.words(term)]
    return lambda word: glossed_by(term, words, word)


def test_renderings_are_trimmed_to_what_the_occurrences_agree_on():
    term = "全过程人民民主"
    renderings = Counter({"advancing whole-process people's democracy": 1,
                          "view of china's whole-process democracy": 1})
    # edge words one occurrence alone links to go; "people's" (人民) is the term's own word
    assert agreed(renderings, _glossed(term)) == Counter({"whole-process people's democracy": 2})
    whole = "united nations high commissioner for human rights"
    assert agreed(Counter({whole + " michelle": 1, whole: 1}), _glossed("联合国人权事务高级专员")) == Counter(
        {whole: 2})


def test_agreement_needs_two_occurrences_and_keeps_two_words():
    one = Counter({"advancing whole-process people's democracy": 1})
    assert agreed(one, _glossed("全过程人民民主")) == one
    # "African" alone is the aligner missing the head, not evidence against "countries"
    cut = Counter({"african countries": 1, "african": 1})
    assert agreed(cut, _glossed("非洲国家")) == cut
