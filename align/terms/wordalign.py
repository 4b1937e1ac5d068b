"""Word alignment inside the aligned segments, and the phrase a term's words align to.

The words of every aligned segment are aligned with IBM Model 1 and a diagonal prior
(``align.terms.ibm``, deterministic), both ways, symmetrised with grow-diag-final-and.
A small corpus says little about rare words, so (below 10,000 segments) the CC-CEDICT
entries of the Chinese words that occur are added to the training data as extra sentence
pairs (not aligned for themselves). A term's translation in one segment is then the smallest target span
consistent with the alignment (Och & Ney 2004): every link from the term's words lands
inside the span, and no link from inside the span leaves the term; a conjunct of a
coordination takes the target conjunct in its place (``conjunct``). The variants of one
rendering (inflection, word order, words written as initials) count together.
eflomal was measured in this aligner's place (issue 15): worse on all three judged
corpora, and not reproducible (its sampler takes no seed), so it is not used.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from align import cedict
from align.terms.candidates import (
    COORDINATION_MARKS,
    EN_COORDINATORS,
    NAME_TAGS,
    TERM_EDGE_WORDS,
    ChineseTerms,
    EnglishTerms,
    is_furniture_term,
    join_tokens,
    key,
)
from align.terms.consensus import consensus, coordination, is_edge
from align.terms.counting import CorpusPass, Finder, TermCount, verb_phrases
from align.terms.evidence import content_words, coordinative
from align.terms.ibm import Links, align_words

_MAX_SPAN = 10  #: target words a term's translation may take, at most
_DICTIONARY_PAIRS = 4  #: glosses per dictionary headword added to the training data
_DICTIONARY_BELOW = 10_000  #: segments below which the dictionary is added
_CANDIDATES = 8  #: aligned phrases per term considered
_GROW = 2  #: unaligned words a phrase may grow by on either side
_STRAY = 0.25  #: links into a phrase from outside the term it may have, per link from the term


@dataclass(slots=True)
class Tokens:
    """The words of one side of a segment and the character offset each starts at."""

    words: list[str]
    starts: list[int]

    def covering(self, start: int, end: int) -> tuple[int, int]:
        """Indices of the first and last word overlapping characters [start, end)."""
        return bisect_right(self.starts, start) - 1, bisect_left(self.starts, end) - 1


def tokens_of(words: list[str], lang: str) -> Tokens:
    """The words but spaces, with the character offset each starts at (Chinese, whose terms
    are found in the text) or their index (English, matched on words)."""
    if lang != "zh":
        kept = [w for w in words if w.strip()]
        return Tokens(kept, list(range(len(kept))))
    kept, starts, at = [], [], 0
    for word in words:
        if word.strip():
            kept.append(word)
            starts.append(at)
        at += len(word)
    return Tokens(kept, starts)


def _dictionary_pairs(vocabulary: Iterable[str], english: EnglishTerms) -> list[tuple[str, str]]:
    """CC-CEDICT headwords of the corpus with their first glosses, as token strings."""
    pairs = []
    for word in sorted(vocabulary):
        for gloss in cedict.glosses(word)[:_DICTIONARY_PAIRS]:
            tokens = tokens_of(english.tokens(gloss), "en").words
            if 0 < len(tokens) <= 4:
                pairs.append((word, " ".join(tokens)))
    return pairs


def extract_phrases(links: Links, first: int, last: int, words: list[str]) -> list[tuple[int, int]]:
    """The target spans consistent with the links of source words first..last (but for a
    stray link or two, as a small corpus aligns noisily), without function words at its
    edges: the smallest one, and a one-word one grown over unaligned content words on
    either side (Zhaoxu of Ma Zhaoxu, when only Ma is linked), as phrase extraction does."""
    targets = [j for i, j in links if first <= i <= last]
    if not targets:
        return []
    low, high = min(targets), max(targets)
    leaving = sum(low <= j <= high and not first <= i <= last for i, j in links)
    if high - low >= _MAX_SPAN or leaving > _STRAY * len(targets):  # a stray link or two is noise
        return []
    while low < high and not is_edge(words[low]):  # "the" United Nations Human Rights Council:
        low += 1  # an article or a comma the term's words link to is not part of the translation
    while high > low and not is_edge(words[high]):
        high -= 1
    aligned = {j for _, j in links}

    def open_word(j: int) -> bool:
        return 0 <= j < len(words) and j not in aligned and words[j].isalnum() and (
            words[j].lower() not in TERM_EDGE_WORDS)

    def grown(edge: int, step: int) -> list[int]:
        return [edge + step * n for n in range(_GROW + 1)
                if all(open_word(edge + step * m) for m in range(1, n + 1))]

    lows, highs = (grown(low, -1), grown(high, 1)) if low == high else ([low], [high])
    return [(a, b) for a in lows for b in highs
            if b - a < _MAX_SPAN and is_edge(words[a]) and is_edge(words[b])]


_BRACKETS = frozenset("()（）[]")


def conjunct(span: tuple[int, int], words: list[str], second: bool) -> tuple[int, int]:
    """The conjunct of a target coordination "X and Y" in the term's place, when the term is
    one side of a source coordination (反恐和去极端化; ``second``: it follows the mark) and
    its words aligned to the other side ("counter-terrorism" for 去极端化): coordinations keep
    their order in translation, and a small corpus aligns the words of such a pair loosely.
    The other conjunct runs to a function word or punctuation, as long as ``span`` at most
    but for two words. Otherwise ``span`` itself."""
    low, high = span
    inside = [j for j in range(low + 1, high) if words[j].lower() in EN_COORDINATORS]
    if len(inside) == 1:  # the span is "X and Y" itself: the term's side of it
        return (inside[0] + 1, high) if second else (low, inside[0] - 1)
    most = high - low + 3
    step = 1 if second else -1
    mark = high + 1 if second else low - 1
    if not 0 <= mark < len(words) or words[mark].lower() not in EN_COORDINATORS:
        return span
    start = end = mark + step
    while 0 <= end + step < len(words) and abs(end + step - start) < most and is_edge(words[end + step]):
        end += step
    if not 0 <= start < len(words) or not is_edge(words[start]):
        return span
    return (start, end) if second else (end, start)


def bracketed(words: list[str]) -> list[list[str]]:
    """The renderings in an aligned span: "High Commissioner for Human Rights ( OHCHR" is a
    full form and its abbreviation, each a translation, not one phrase."""
    if not _BRACKETS & set(words):
        return [words]
    parts, current = [], []
    for word in [*words, "("]:
        if word in _BRACKETS:
            while current and not is_edge(current[0]):
                current.pop(0)
            while current and not is_edge(current[-1]):
                current.pop()
            if current:
                parts.append(current)
            current = []
        else:
            current.append(word)
    return parts


@lru_cache(maxsize=1 << 16)
def variant_key(phrase: str) -> tuple[str, ...]:
    """What the variants of one rendering share: the stems of its content words ("China's path
    of human rights development", "China's path on human rights development"; "paths of human
    rights development", "human rights development path"). A small corpus rarely repeats a
    rendering word for word, and each variant is evidence for the others."""
    return tuple(sorted(content_words(phrase))) or (phrase,)


class PhraseTable:
    """Per source term, how often each target phrase was its aligned translation, and how
    often term and phrase (or a variant of it, see ``variant_key``) share a segment at all."""

    def __init__(self) -> None:
        self.aligned: dict[str, Counter] = {}
        self.occurrences: Counter = Counter()  #: aligned occurrences of each term
        self.segments: Counter = Counter()  #: segments holding each term, or each candidate phrase
        self.cooc: Counter = Counter()  #: (term, phrase) → segments holding both
        self._grouped: dict[str, dict[tuple[str, ...], Counter]] = {}
        self._group_of: dict[str, dict[str, tuple[str, ...]]] = {}  #: term → its phrase → variant group

    def share(self, term: str, target: str) -> float:
        """Share of the term's occurrences whose words align to ``target`` or a variant of it, in
        tenths (a share is not read finer than that)."""
        seen = self.occurrences[term]
        group = self._group_of.get(term, {}).get(target) or variant_key(target)
        hits = sum(self._variants(term).get(group, Counter()).values())
        return round(hits / seen, 1) if seen else 0.0

    def candidates(self, term: str, least: int) -> list[str]:
        """The term's most frequent aligned renderings, one per set of variants (its commonest
        form; among equals the first seen)."""
        ranked = sorted(self._variants(term).values(), key=lambda forms: -sum(forms.values()))
        return [forms.most_common(1)[0][0] for forms in ranked[:_CANDIDATES] if sum(forms.values()) >= least]

    def _variants(self, term: str) -> dict[tuple[str, ...], Counter]:
        """The term's aligned phrases grouped by ``variant_key`` (once the table is filled); a
        phrase that writes words of another one as initials joins its group (the "UN" and
        "United Nations" the words of 联合国 align to are one rendering)."""
        if term not in self._grouped:
            aligned = self.aligned.get(term, Counter())
            full_form = {short: variant_key(phrase) for phrase in sorted(aligned)
                         for short in _contractions(phrase, whole=True)}
            group_of = {phrase: full_form.get(phrase) or variant_key(phrase) for phrase in aligned}
            grouped: dict[tuple[str, ...], Counter] = {}
            for phrase, n in aligned.items():
                grouped.setdefault(group_of[phrase], Counter())[phrase] = n
            self._grouped[term], self._group_of[term] = grouped, group_of
        return self._grouped[term]

    def association(self, term: str, phrase: str) -> tuple[int, float]:
        """Segments holding both, and their Dice coefficient."""
        both = self.cooc[term, phrase]
        total = self.segments[term] + self.segments["\0" + phrase]
        return both, 2 * both / total if total else 0.0


def _term_words(text: str, tokens: Tokens, finder: Finder | None, wanted: set[str], verbs: set[str],
                ) -> Iterator[tuple[int, int, str, str]]:
    """(first word, last word, key, the longest term around it or "") of each occurrence of a
    wanted term: for Chinese the outermost ones (see ``Finder.outermost``), then those nested
    in a longer term made of whole words of it (联合国 of 联合国人权理事会, not 利亚 of 以利亚撒)."""
    if finder is not None:
        found = list(finder.find(text))
        outer = list(finder.outermost(text, wanted, verbs, found))
        yield from ((*tokens.covering(start, end), term, "") for start, end, term in outer)
        counted = {(start, term) for start, _, term in outer}
        bounds = {*tokens.starts, len(text)}
        for start, term in found:
            end = start + len(term)
            if term in wanted and (start, term) not in counted and start in bounds and end in bounds:
                around = max((t for s, t in found if s <= start and s + len(t) >= end and t != term),
                             key=len, default="")
                yield (*tokens.covering(start, end), term, around)
        return
    lowered, reach = [w.lower() for w in tokens.words], -1
    for first in range(len(lowered)):
        for last in range(min(first + _MAX_SPAN, len(lowered)) - 1, first - 1, -1):
            term = join_tokens(lowered[first : last + 1])
            if term in wanted and last > reach:
                yield first, last, term, ""
                reach = last
                break


def phrase_table(state: CorpusPass, terms: Iterable[str], longer: Mapping[str, TermCount], src_lang: str,
                 tgt_lang: str, chinese: ChineseTerms, english: EnglishTerms) -> PhraseTable:
    """Align the words of every bilingual segment and count the phrase each source term aligns to."""
    wanted = set(terms)
    finder = Finder(wanted | set(longer)) if src_lang == "zh" else None
    verbs = verb_phrases(longer)
    segments: list[tuple[list[tuple[int, int, str, int]], list[str]]] = []  # term occurrences, target words
    src_side, tgt_side, vocabulary = [], [], set()
    placement: Counter = Counter()  # (term, the term around it or "") → occurrences
    for record in state.records():
        if record.tgt_text:
            src_words, tgt_words = record.words()  # as cut when the corpus was read
            src_tokens, tgt_words = tokens_of(src_words, src_lang), tokens_of(tgt_words, tgt_lang).words
            vocabulary.update(src_tokens.words if src_lang == "zh" else tgt_words)
            src_side.append(" ".join(src_tokens.words))
            tgt_side.append(" ".join(tgt_words))
            found = [(first, last, term, _side(src_tokens.words, first, last, src_lang), around)
                     for first, last, term, around in _term_words(record.src_text, src_tokens, finder, wanted,
                                                                  verbs)]
            placement.update((term, around) for *_, term, _, around in found)
            segments.append((found, tgt_words))
    nested = _mostly_nested(placement)
    segments = [([(first, last, term, side) for first, last, term, side, around in found
                  if not around or term in nested], tgt_words) for found, tgt_words in segments]
    # a large corpus aligns its words well alone, and the dictionary would nearly double its size
    extra = _dictionary_pairs(vocabulary, english) if len(src_side) < _DICTIONARY_BELOW else []
    if src_lang != "zh":
        extra = [(b, a) for a, b in extra]
    alignments = align_words(src_side, tgt_side, extra)
    del src_side, tgt_side
    table = PhraseTable()
    coordinated = {t for t in wanted if src_lang == "zh" and coordinative(t)
                   and not COORDINATION_MARKS & set(t)}
    joined = (lambda words: "".join(words)) if tgt_lang == "zh" else join_tokens
    for (found, tgt_words), links in zip(segments, alignments, strict=True):
        for first, last, term, side in found:
            table.occurrences[term] += 1
            for span in extract_phrases(links, first, last, tgt_words):
                low, high = span
                if tgt_lang != "zh" and term in coordinated:
                    low, high = coordination(span, tgt_words)
                elif side and tgt_lang != "zh":
                    low, high = conjunct(span, tgt_words, side > 0)
                for part in bracketed(tgt_words[low : high + 1]):
                    phrase = key(joined(part), tgt_lang)
                    if not is_furniture_term(phrase):
                        table.aligned.setdefault(term, Counter())[phrase] += 1
    if src_lang == "zh" and tgt_lang == "en":
        table.aligned = consensus(table.aligned, lambda t: t in longer and longer[t].tag in NAME_TAGS,
                                  chinese.plain_words)
    _count_segments(table, segments, joined, tgt_lang)
    return table


def _mostly_nested(placement: Counter) -> set[str]:
    """The terms whose translation is read from their nested occurrences too: those found
    more often inside longer terms than alone, inside several different ones (联合国 of
    联合国人权理事会, 联合国人权高专办 ...). What their words align to there ("United Nations"
    in "United Nations Human Rights Council") is then most of the evidence, as C-value counts
    a nested term's occurrences. A term mostly found alone keeps to those; one found inside a
    single longer term is a piece of it (残疾 of 没有残疾), not a term of its own."""
    alone, inside, around = Counter(), Counter(), {}
    for (term, longer), n in placement.items():
        if longer:
            inside[term] += n
            around.setdefault(term, set()).add(longer)
        else:
            alone[term] += n
    return {term for term, n in inside.items() if n > alone[term] and len(around[term]) > 1}


def _side(words: list[str], first: int, last: int, lang: str) -> int:
    """Is the term at ``first..last`` a conjunct of a coordination (反恐和去极端化): 1 when
    it follows a mark (in a list, 反恐和去极端化、经济社会发展, the mark before it binds the
    pair), -1 when it only precedes one, else 0."""
    if lang != "zh":
        return 0
    if first >= 2 and words[first - 1] in COORDINATION_MARKS:
        return 1
    return -1 if last + 2 < len(words) and words[last + 1] in COORDINATION_MARKS else 0


def _contractions(phrase: str, whole: bool = False) -> Iterator[str]:
    """``phrase`` with two or three of its words in a row written as their initials: "un human
    rights council" of "united nations human rights council", the same rendering; with
    ``whole``, a phrase of two or three words may be all initials ("un")."""
    words = phrase.split()
    for size in (2, 3):
        for at in range(len(words) - size + 1):
            run = words[at : at + size]
            if (whole or len(run) < len(words)) and all(
                    w.isalpha() and w not in TERM_EDGE_WORDS for w in run):
                yield " ".join([*words[:at], "".join(w[0] for w in run), *words[at + size :]])


def _count_segments(table: PhraseTable, segments: list[tuple[list[tuple[int, int, str, int]], list[str]]],
                    joined, tgt_lang: str) -> None:
    """Segments holding each term, each aligned phrase or a variant of it, and both."""
    wanted: dict[str, set[str]] = {term: set(table.candidates(term, 1)) for term in table.aligned}
    phrases = set().union(*wanted.values()) if wanted else set()
    by_variant: dict[tuple[str, ...], set[str]] = {}
    for p in phrases:
        by_variant.setdefault(variant_key(p), set()).add(p)
    keys = by_variant.keys()
    forms = {p for counter in table.aligned.values() for p in counter if variant_key(p) in keys}
    variant_of = {p: variant_key(p) for p in forms | phrases}
    if tgt_lang != "zh":
        for form in list(forms):
            for short in _contractions(form):
                if short not in variant_of:
                    variant_of[short] = variant_of[form]
                    forms.add(short)
    longest = max((len(p.split()) for p in forms), default=0)
    starts = {p.split()[0] for p in forms}
    prefixes = forms | {p[:at] for p in forms for at, c in enumerate(p) if c in " '"}  # where a token may end
    for found, tgt_words in segments:
        terms = {term for _, _, term, _ in found}
        if tgt_lang == "zh":
            text = "".join(tgt_words)
            seen = {p for p in forms if p in text}
        else:
            lowered = [w.lower() for w in tgt_words]
            seen = set()
            for i, w in enumerate(lowered):
                if w in starts:
                    for j in range(i + 1, min(i + longest, len(lowered)) + 1):
                        if (p := joined(lowered[i:j])) not in prefixes:
                            break  # no form goes on from here: a longer span only adds to the text
                        if p in forms:
                            seen.add(p)
        present = set().union(*(by_variant[variant_of[p]] for p in seen))
        table.segments.update(terms)
        table.segments.update("\0" + p for p in present)
        table.cooc.update((t, p) for t in terms for p in wanted.get(t, ()) if p in present)
