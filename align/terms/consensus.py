"""What a term's aligned renderings agree on, when a small corpus shows each only once.

Phrase extraction reads one occurrence at a time, and a phrase consistent with
one occurrence's links often takes a neighbour along ("advancing whole-process people's
democracy", "view of China's whole-process democracy" for 全过程人民民主). Across the
term's occurrences the translation is what they share: an edge word that only one
occurrence links the term to, and that no CC-CEDICT gloss of the term's words gives,
is trimmed (never down to one word); a rendering that leaves out inner words the term's
words gloss ("whole-process democracy" without "people's", 人民) is the longer rendering
shortened, and counts for it.
Names are left alone: their spelling is checked by sound (``evidence.transliteration``).
A coordinative compound (男女) agrees with a whole coordination ("men and women").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from align.terms.candidates import EN_COORDINATORS, TERM_EDGE_WORDS
from align.terms.evidence import glossed_by


def agreed(renderings: Counter, glossed: Callable[[str], bool]) -> Counter:
    """The renderings of one term (phrase → occurrences) with the edge words trimmed that one
    occurrence alone links it to and ``glossed`` does not support, and each shortened
    rendering counted for the longer one it shortens."""
    if sum(renderings.values()) < 2:
        return renderings
    seen: Counter = Counter()  # occurrences linking the term to each word
    for phrase, n in renderings.items():
        for word in set(phrase.split()):
            seen[word] += n

    def kept(word: str) -> bool:
        return is_edge(word) and (seen[word] >= 2 or glossed(word))

    trimmed: Counter = Counter()
    for phrase, n in renderings.items():
        words = phrase.split()
        low, high = 0, len(words) - 1
        while low < high and not kept(words[low]):
            low += 1
        while high > low and not kept(words[high]):
            high -= 1
        # never down to one word: that is most often a modifier whose head the aligner missed
        # elsewhere ("African" of "African countries", "violent" of "violent terrorism")
        trimmed[" ".join(words[low : high + 1]) if high > low and kept(words[low]) else phrase] += n
    out: Counter = Counter()
    for phrase, n in trimmed.items():
        out[_lengthened(phrase, trimmed, glossed)] += n
    return out


def _lengthened(phrase: str, renderings: Counter, glossed: Callable[[str], bool]) -> str:
    """The longest other rendering that is ``phrase`` with inner words added, all of them
    glossed by the term's words; ``phrase`` itself when there is none."""
    words = phrase.split()
    best = phrase
    for other in renderings:
        longer = other.split()
        if (len(longer) > len(words) > 1 and longer[0] == words[0] and longer[-1] == words[-1]
                and _inside(words, longer) and all(glossed(w) for w in longer if w not in words)
                and len(longer) > len(best.split())):
            best = other
    return best


def _inside(words: list[str], longer: list[str]) -> bool:
    """Are ``words`` a subsequence of ``longer``?"""
    rest = iter(longer)
    return all(w in rest for w in words)


def consensus(aligned: dict[str, Counter], skip: Callable[[str], bool],
              words_of: Callable[[str], list[str]]) -> dict[str, Counter]:
    """``agreed`` for every term but those ``skip`` says (names), glossed by CC-CEDICT's
    entries of the term and of its words (``words_of``)."""
    return {term: renderings if skip(term) else agreed(
                renderings, lambda word, term=term: glossed_by(term, words_of(term), word))
            for term, renderings in aligned.items()}


def coordination(span: tuple[int, int], words: list[str]) -> tuple[int, int]:
    """The whole target coordination "X and Y" when the words of a coordinative compound
    (男女, see ``coordinative``) aligned to one conjunct of it ("men" of "men and women"): its
    other conjunct is as long as ``span``. Otherwise ``span`` itself."""
    low, high = span
    size = high - low + 1
    if high + 2 < len(words) and words[high + 1].lower() in EN_COORDINATORS:
        end = min(high + 1 + size, len(words) - 1)
        if all(is_edge(words[j]) for j in (high + 2, end)):
            return low, end
    if low >= 2 and words[low - 1].lower() in EN_COORDINATORS:
        start = max(low - 1 - size, 0)
        if all(is_edge(words[j]) for j in (start, low - 2)):
            return start, high
    return span


def is_edge(word: str) -> bool:
    """Can a translation start or end with ``word``? Not with punctuation or a function word."""
    return any(c.isalnum() for c in word) and word.lower() not in TERM_EDGE_WORDS
