"""Terms inside longer terms: where their translations are read, and which targets they share.

联合国 of the demo pair stands alone three times and inside longer names eleven times
(联合国人权理事会, 联合国人权高专办 ...); 高专 is the abbreviation of 高级专员 inside
联合国人权事务高级专员, whose translation holds 高专's ("High Commissioner").
"""

from __future__ import annotations

from collections import Counter

from align.terms.candidates import ChineseTerms
from align.terms.counting import Finder
from align.terms.linking import Candidate, _holder, abbreviates, link
from align.terms.wordalign import PhraseTable, _mostly_nested, _term_words, tokens_of


def test_a_nested_occurrence_is_made_of_whole_words_of_the_longer_term():
    chinese = ChineseTerms([], frozenset())
    finder = Finder({"联合国", "联合国人权理事会", "利亚", "以利亚撒"})

    def found(text: str, wanted: set[str]) -> list[tuple[str, str]]:
        tokens = tokens_of(chinese.plain_words(text), "zh")
        return [(term, around) for *_, term, around in _term_words(text, tokens, finder, wanted, set())]

    assert found("联合国人权理事会开会", {"联合国"}) == [("联合国", "联合国人权理事会")]
    assert found("联合国人权理事会开会", {"联合国", "联合国人权理事会"}) == [
        ("联合国人权理事会", ""), ("联合国", "联合国人权理事会")]
    # 利亚 ends inside jieba's word 以利亚: a fragment, not an occurrence
    assert found("以利亚撒说", {"利亚", "以利亚撒"}) == [("以利亚撒", "")]


def test_nested_occurrences_count_for_a_term_mostly_found_inside_several_longer_ones():
    placement = Counter({("联合国", "联合国人权理事会"): 4, ("联合国", "联合国人权高专办"): 5,
                         ("联合国", ""): 3,
                         ("权益保障", "群体权益保障"): 2, ("权益保障", ""): 3,
                         ("残疾", "没有残疾"): 30, ("残疾", ""): 2})
    assert _mostly_nested(placement) == {"联合国"}


def test_initials_and_full_form_are_one_aligned_rendering():
    table = PhraseTable()
    table.aligned["联合国"] = Counter({"united nations": 3, "un": 2, "charter": 1, "unhcr": 1})
    table.occurrences["联合国"] = 10
    assert table.share("联合国", "united nations") == table.share("联合国", "un") == 0.5
    assert table.share("联合国", "charter") == 0.1
    assert table.candidates("联合国", 1)[0] == "united nations"
    assert "un" not in table.candidates("联合国", 1)


def test_abbreviations_take_the_first_characters_of_consecutive_words():
    assert abbreviates("高专", ["联合国", "人权", "事务", "高级", "专员"])
    assert abbreviates("人权高专", ["人权", "高级", "专员"])
    assert not abbreviates("人权高专", ["人权", "事务", "高级", "专员"])  # a word skipped
    assert not abbreviates("专高", ["高级", "专员"])
    assert not abbreviates("联合", ["联合国"])  # one word: containment, not abbreviation


def test_a_longer_term_shares_the_target_of_its_abbreviated_part():
    holds = _holder(ChineseTerms([], frozenset()))
    src_terms = ["高专", "联合国人权事务高级专员", "外交部副部长"]
    whole = "united nations high commissioner for human rights"
    candidates = [Candidate(0, "high commissioner", 20, 0.85, 2, aligned=0.7),
                  Candidate(1, whole, 3, 0.75, 7, aligned=0.2),
                  Candidate(2, "high commissioner for human rights", 3, 0.75, 5, aligned=0.2),
                  Candidate(2, "vice foreign minister", 2, 0.5, 3)]
    linked = link(candidates, src_terms, [], "zh", "en", holds)
    assert linked[0].tgt == "high commissioner"
    # 联合国人权事务高级专员 holds 高专 (高级 专员); 外交部副部长 does not: a longer phrase
    # around "high commissioner" is an indirect association for it
    assert linked[1].tgt == whole
    assert linked[2].tgt == "vice foreign minister"
    assert 1 not in link(candidates, src_terms, [], "zh", "en")  # as a string it holds no 高专
