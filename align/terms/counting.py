"""Reading the corpus once and counting candidates.

The candidates of each segment go to a temporary file that the later passes
re-read, and the count tables are pruned at a cap, so memory does not grow with
the size of a TMX file. Chinese candidates that are pieces of longer words
(names jieba cuts: 亚伯 + 拉罕) are grown back by their neighbouring characters.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO

from align.terms.candidates import (
    FUNCTION_CHARS,
    FURNITURE_LINE,
    ChineseTerms,
    EnglishTerms,
    short_unpunctuated,
)
from align.terms.model import Segment
from align.terms.parallel import Analysis, analysed
from align.text import is_han_word

Candidate = tuple[str, str]  #: (term as written, tag of its head word)


@dataclass(slots=True)
class TermCount:
    """How often a candidate occurs, in how many documents, and its document-balanced frequency."""

    freq: int
    docs: int
    last_doc: int
    tag: str  #: jieba tag of the head word; "+" starts a phrase, "v+" a verb phrase
    balanced: float  #: occurrences weighted so that each document weighs the same (see ``weights``)


@dataclass
class Counts:
    """The ``TermCount`` of each candidate of one language, pruned at a cap (lossy counting).
    Documents are counted as runs: a corpus lists each document's segments together."""

    cap: int
    table: dict[str, TermCount] = field(default_factory=dict)
    pruned_below: int = 0

    def add(self, term_key: str, tag: str, doc: int, weight: float = 1.0) -> None:
        row = self.table.get(term_key)
        if row is None:
            self.table[term_key] = TermCount(1, 1, doc, tag, weight)
            if len(self.table) > self.cap:
                self._prune()
        else:
            row.freq += 1
            row.balanced += weight
            if row.last_doc != doc:
                row.docs += 1
                row.last_doc = doc

    def _prune(self) -> None:
        """Drop the rarest candidates until a quarter of the cap is free."""
        while len(self.table) > self.cap * 3 // 4:
            self.pruned_below += 1
            self.table = {k: v for k, v in self.table.items() if v.freq > self.pruned_below}

    def freq(self, term_key: str) -> int:
        row = self.table.get(term_key)
        return row.freq if row else 0


@dataclass(slots=True)
class Record:
    """One cached segment that counts, with the candidates found in each side."""

    doc: int
    src_text: str
    tgt_text: str
    src_terms: list[Candidate]
    tgt_terms: list[Candidate]
    src_words: str  #: the words of ``src_text`` as the extractor cut them, tab-joined
    tgt_words: str

    def words(self) -> tuple[list[str], list[str]]:
        """The words of each side, as the extractors cut them when the corpus was read."""
        return (self.src_words.split("\t") if self.src_words else [],
                self.tgt_words.split("\t") if self.tgt_words else [])


@dataclass
class CorpusPass:
    """What the first reading leaves behind: the candidate file and corpus-wide tallies."""

    cache: IO[str]
    segments: int = 0
    bilingual: int = 0
    src_chars: int = 0
    docs: dict[str, int] = field(default_factory=dict)
    doc_chars: list[int] = field(default_factory=list)
    repeats: Counter = field(default_factory=Counter)  # short unpunctuated lines -> count

    def records(self) -> Iterator[Record]:
        """The cached segments that count: no furniture, each text once per document."""
        self.cache.seek(0)
        seen: set[int] = set()
        for line in self.cache:
            (doc, short, furniture, src_text, tgt_text, src_terms, tgt_terms, src_words,
             tgt_words) = json.loads(line)
            if furniture or (short and self.repeats[src_text] > 1):
                continue
            fingerprint = hash((doc, src_text, tgt_text))
            if fingerprint in seen:
                continue
            if len(seen) < 5_000_000:
                seen.add(fingerprint)
            yield Record(doc, src_text, tgt_text, [tuple(c) for c in src_terms],
                         [tuple(c) for c in tgt_terms], src_words, tgt_words)

    def weights(self) -> list[float]:
        """Per document, the square root of mean size / its size (within 0.3–3): the longest
        document of a collection does not fill the glossary alone, and the terms of a long
        one, seen in more places, still weigh more than a short one's."""
        mean = sum(self.doc_chars) / max(len(self.doc_chars), 1)
        return [min(3.0, max(0.3, (mean / max(size, 1)) ** 0.5)) for size in self.doc_chars]

    def close(self) -> None:
        self.cache.close()


def read_corpus(segments: Iterable[Segment], src: ChineseTerms | EnglishTerms,
                tgt: ChineseTerms | EnglishTerms, progress: Callable[[int], None], processes: int = 1
                ) -> CorpusPass:
    """Extract candidates of every segment into a temporary file (one JSON line each), on up to
    ``processes`` worker processes (0: one per free core; see ``align.terms.parallel``)."""
    state = CorpusPass(cache=tempfile.TemporaryFile("w+", encoding="utf-8"))  # noqa: SIM115 - closed by the caller
    texts = ((segment.doc, " ".join(segment.src.split()), " ".join(segment.tgt.split()))
             for segment in segments)
    try:
        for doc, src_text, tgt_text, analysis in analysed((t for t in texts if t[1]), src, tgt, processes):
            _read_segment(state, doc, src_text, tgt_text, src.lang, analysis)
            progress(1)
    except BaseException:
        state.close()
        raise
    return state


def _read_segment(state: CorpusPass, name: str, src_text: str, tgt_text: str, src_lang: str,
                  analysis: Analysis) -> None:
    doc = state.docs.setdefault(name, len(state.docs))
    if doc == len(state.doc_chars):
        state.doc_chars.append(0)
    state.doc_chars[doc] += len(src_text)
    short = short_unpunctuated(src_text, src_lang)
    if short and len(state.repeats) < 1_000_000:
        state.repeats[src_text] += 1
    state.segments += 1
    state.bilingual += bool(tgt_text)
    state.src_chars += len(src_text)
    src_words, src_terms, tgt_words, tgt_terms = analysis
    record = [doc, short, bool(FURNITURE_LINE.search(src_text)), src_text, tgt_text, src_terms, tgt_terms,
              "\t".join(src_words), "\t".join(tgt_words)]  # no tabs: the text's white space is one space
    state.cache.write(json.dumps(record, ensure_ascii=False) + "\n")


_LONG_OBJECT = 5  #: characters of a verb's object that is a term of its own (国际和平及安全)


class Finder:
    """Every occurrence of a set of Chinese terms in a text, via an index on their first two characters."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._index: dict[str, list[str]] = {}
        for term in sorted(set(terms), key=lambda t: (-len(t), t)):
            self._index.setdefault(term[:2], []).append(term)

    def find(self, text: str) -> Iterator[tuple[int, str]]:
        for start in range(len(text) - 1):
            for term in self._index.get(text[start : start + 2], ()):
                if text.startswith(term, start):
                    yield start, term

    def outermost(self, text: str, wanted: set[str], verb_phrases: set[str] = frozenset(),
                  found: list[tuple[int, str]] | None = None) -> Iterator[tuple[int, int, str]]:
        """(start, end, term) of the wanted terms in ``text`` not inside a longer occurrence
        (利亚 in 以利亚撒), but for a long noun phrase that ends a verb phrase as its object:
        国际和平及安全 of 维持国际和平及安全 is still an occurrence of its own (摩西 of 吩咐摩西,
        灾害能力 of 抵御灾害能力 are not: a short verb object, a piece of a longer noun)."""
        reach = verb_reach = -1
        found = self.find(text) if found is None else found
        for start, term in sorted(found, key=lambda x: (x[0], -len(x[1]))):
            end = start + len(term)
            if end <= reach or end < verb_reach or (end == verb_reach and len(term) < _LONG_OBJECT):
                continue
            if term in wanted:
                yield start, end, term
            if term in verb_phrases and end > verb_reach:
                verb_reach = end
            else:
                reach = end


def verb_phrases(table: Mapping[str, TermCount]) -> set[str]:
    """The candidates that are a verb and its object (吩咐摩西, 维持国际和平及安全)."""
    return {k for k, row in table.items() if row.tag.startswith("v+")}


def _substring_counts(state: CorpusPass, terms: list[str], tags: dict[str, str],
                      ) -> tuple[Counts, dict[str, tuple[Counter, Counter]], Counter]:
    """Occurrences and documents of Chinese terms as substrings, the two characters on
    either side of each occurrence, and how often each term straddles the edge of another
    (会见巴切 over 巴切莱特: (会见巴切, 巴切莱特) → count)."""
    counts = Counts(cap=len(terms) + 1)
    neighbours: dict[str, tuple[Counter, Counter]] = {t: (Counter(), Counter()) for t in terms}
    crossing: Counter = Counter()
    finder = Finder(terms)
    weights = state.weights()
    for record in state.records():
        text = record.src_text
        found = list(finder.find(text))
        for start, term in found:
            counts.add(term, tags.get(term, ""), record.doc, weights[record.doc])
            end = start + len(term)
            left, right = neighbours[term]
            left[text[max(start - 2, 0) : start]] += 1
            right[text[end : end + 2]] += 1
        crossing.update({(a, b) for s, a in found for t, b in found
                         if s < t < s + len(a) < t + len(b) or t < s < t + len(b) < s + len(a)})
    return counts, neighbours, crossing


def _straddling(counts: Counts, crossing: Counter, tags: dict[str, str]) -> set[str]:
    """Candidates that in most occurrences straddle a word boundary of a more frequent
    candidate, or of a name as frequent: the end of one word and the start of the next
    (会见巴切, 莱特高专 over 巴切莱特; 依本 over 本宪章)."""
    def stronger(b: str, a: str) -> bool:
        name = tags.get(b, "") in _NAME_TAGS and tags.get(a, "") not in _NAME_TAGS
        return counts.freq(b) > counts.freq(a) or (counts.freq(b) == counts.freq(a) and name)

    return {a for (a, b), n in crossing.items()
            if a in counts.table and n >= 0.5 * counts.freq(a) and stronger(b, a)}


_NAME_TAGS = frozenset({"nr", "nrt", "nrfg"})
_OPEN = 0.9  #: a candidate with no boundary on one side this often is a piece of something longer
_MAX_GROWN = 3  #: only short candidates (name pieces) grow: longer ones are phrases


def _neighbour(context: str, side: str, chinese: ChineseTerms) -> str:
    """The character next to an occurrence, or '' when there is a boundary there:
    punctuation, a function word, the end of the text, or the start of a common word
    (报告 after 涉疆 is a word of its own, 亚撒 after 以利 is not)."""
    char = context[-1:] if side == "left" else context[:1]
    if not char or not is_han_word(char) or char in FUNCTION_CHARS or (
            len(context) == 2 and chinese.is_common_word(context)):
        return ""
    return char


def _open_share(tally: Counter, side: str, chinese: ChineseTerms) -> float:
    """Share of occurrences with no boundary on ``side``: near 1 for a piece of a longer word."""
    total = sum(tally.values())
    return sum(n for c, n in tally.items() if _neighbour(c, side, chinese)) / total if total else 0.0


def _grown(term: str, neighbours: tuple[Counter, Counter], chinese: ChineseTerms) -> str:
    """``term`` with the character that stands beside most (60%) of its occurrences, on a
    side where it (nearly) never has a boundary."""
    for side, tally in zip(("left", "right"), neighbours, strict=True):
        if _open_share(tally, side, chinese) <= _OPEN:
            continue
        chars: Counter = Counter()
        for context, n in tally.items():
            if char := _neighbour(context, side, chinese):
                chars[char] += n
        char, n = max(chars.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0))
        if n >= 2 and n >= 0.6 * sum(tally.values()):
            return char + term if side == "left" else term + char
    return term


def grow_fragments(state: CorpusPass, pool: list[str], tags: dict[str, str], keep: set[str],
                   chinese: ChineseTerms) -> Counts:
    """Mend pieces of words (亚伯 + 拉罕, 舍客 + 勒: jieba cuts unknown names into known
    words), then drop candidates that still nearly always run on into other characters
    (以利 of 以利亚撒, or a verb like 晓谕 that always takes an object). Returns the counts."""
    for _ in range(3):
        counts, neighbours, crossing = _substring_counts(state, pool, tags)
        grown = []
        for term in pool:
            new = term if term in keep or len(term) > _MAX_GROWN else _grown(
                term, neighbours[term], chinese)
            tags.setdefault(new, tags.get(term, ""))
            grown.append(new)
        grown = list(dict.fromkeys(grown))
        if grown == pool:
            break
        pool = grown
    else:
        counts, neighbours, crossing = _substring_counts(state, pool, tags)
    for term in _straddling(counts, crossing, tags) - keep:
        del counts.table[term]
    for term in pool:  # a phrase of dictionary words (同 + 联合国人权高专办) is no piece of a word
        phrase = tags.get(term, "").startswith(("+", "v+"))
        if term in counts.table and term not in keep and not phrase and max(
                _open_share(t, side, chinese) for t, side in zip(neighbours[term], ("left", "right"),
                                                                 strict=True)) > _OPEN:
            del counts.table[term]
    return counts
