"""Dictionary evidence for Chinese-English alignment: which words of a sentence pair translate each other.

Short sentences embed poorly, and a merge looks as good as the two beads it
replaces to a mean of vectors; the words that CC-CEDICT says translate each
other tell the programme which sentences a bead must include to account for
its content. Each Chinese word (forward maximum matching on CC-CEDICT
headwords) becomes the set of content words of its glosses, each English
word its own crude stem; both sides meet in that stem space. Latin words and
numbers inside the Chinese text match themselves.

Only zh-en has this evidence: identical tokens alone (names, numbers) made
de-fr alignment worse on Text+Berg (see BENCHMARKS.md).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from align.band import Band
from align.cedict import dictionary, glosses
from align.text import EN_FUNCTION_WORDS, stem

#: One sentence's content words, each as the stems it can match on the other side.
Terms = list[frozenset[str]]

_LATIN = re.compile(r"[A-Za-z]+|\d+")
_WORD = re.compile(r"[^\W\d_]+|\d+")
_LONGEST = 4  # longest headword forward maximum matching tries


@cache
def _gloss_stems(word: str) -> frozenset[str]:
    """Stems of the content words in ``word``'s CC-CEDICT glosses (创造 → creat, bring, produc, set)."""
    return frozenset(
        stem(t) for g in glosses(word) for t in _LATIN.findall(g)
        if len(t) > 1 and t.lower() not in EN_FUNCTION_WORDS
    )


def _chinese_words(text: str) -> list[str]:
    """Forward maximum matching on CC-CEDICT headwords; Latin and digit runs stay whole."""
    heads = dictionary()
    words: list[str] = []
    for part in re.split(r"([A-Za-z]+|\d+)", text):
        if _LATIN.fullmatch(part):
            words.append(part)
            continue
        i = 0
        while i < len(part):
            size = 1
            for n in range(min(_LONGEST, len(part) - i), 1, -1):
                if part[i : i + n] in heads:
                    size = n
                    break
            words.append(part[i : i + size])
            i += size
    return words


def _chinese_terms(text: str) -> Terms:
    terms = []
    for word in _chinese_words(text):
        if _LATIN.fullmatch(word):
            if word.lower() not in EN_FUNCTION_WORDS:
                terms.append(frozenset([stem(word)]))
        elif keys := _gloss_stems(word):
            terms.append(keys)
    return terms


def _english_terms(text: str) -> Terms:
    return [frozenset([stem(t)]) for t in _WORD.findall(text) if t.lower() not in EN_FUNCTION_WORDS]


def sentence_terms(texts: list[str], lang: str, other: str) -> list[Terms] | None:
    """Each sentence's terms when ``lang``→``other`` is zh→en or en→zh, else None (no evidence)."""
    pair = (lang.split("-")[0].lower(), other.split("-")[0].lower())
    if pair == ("zh", "en"):
        return [_chinese_terms(t) for t in texts]
    if pair == ("en", "zh"):
        return [_english_terms(t) for t in texts]
    return None


class TermMatches:
    """How many terms of each sentence of one side a sentence of the other side accounts for."""

    def __init__(self, src: list[Terms], tgt: list[Terms]) -> None:
        self.src_count = np.array([len(t) for t in src], dtype=float)
        self.tgt_count = np.array([len(t) for t in tgt], dtype=float)
        self._src, self._tgt = _by_stem(src), _by_stem(tgt)

    def pairs(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For sentence pairs (i[k], j[k]): terms of i found in j, and terms of j found in i."""
        src_hits = np.zeros(len(i))
        tgt_hits = np.zeros(len(i))
        for k, (a, b) in enumerate(zip(i.tolist(), j.tolist(), strict=True)):
            s, t = self._src[a], self._tgt[b]
            if len(s) > len(t):
                s, t = t, s
            shared = [key for key in s if key in t]
            if shared:
                src_hits[k] = _bits(self._src[a], shared)
                tgt_hits[k] = _bits(self._tgt[b], shared)
        return src_hits, tgt_hits


def _by_stem(sentences: list[Terms]) -> list[dict[str, int]]:
    """Per sentence, stem → bit mask of the terms that contain it."""
    out = []
    for terms in sentences:
        masks: dict[str, int] = {}
        for bit, keys in enumerate(terms):
            for key in keys:
                masks[key] = masks.get(key, 0) | 1 << bit
        out.append(masks)
    return out


def _bits(masks: dict[str, int], keys: list[str]) -> int:
    """How many distinct terms contain any of ``keys``."""
    union = 0
    for key in keys:
        union |= masks[key]
    return union.bit_count()


class BandCoverage:
    """Dictionary matches of every sentence pair in the band, summed into bead coverage."""

    def __init__(self, matches: TermMatches, band: Band) -> None:
        self.matches, self.band = matches, band
        pair = (band.rows > 0) & (band.cols > 0)  # cell (i, j) holds sentence pair (i-1, j-1)
        self.src_hits = np.zeros(band.off[-1])
        self.tgt_hits = np.zeros(band.off[-1])
        self.src_hits[pair], self.tgt_hits[pair] = matches.pairs(
            band.rows[pair] - 1, band.cols[pair] - 1)

    def of(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Share of the terms of beads (i-a..i-1, j-b..j-1) matched on their other side,
        NaN where neither side has terms. Pair counts are summed and capped, which
        counts a word matched in two sentences once only when it hits the cap."""
        src_hits = np.zeros(len(i))
        tgt_hits = np.zeros(len(i))
        for p in range(a):
            for q in range(b):
                cell = self.band.index(i - p, j - q)
                inside = cell >= 0
                src_hits[inside] += self.src_hits[cell[inside]]
                tgt_hits[inside] += self.tgt_hits[cell[inside]]
        src_n = sum(self.matches.src_count[i - p] for p in range(1, a + 1))
        tgt_n = sum(self.matches.tgt_count[j - q] for q in range(1, b + 1))
        found = np.minimum(src_hits, src_n) + np.minimum(tgt_hits, tgt_n)
        total = src_n + tgt_n
        return np.where(total > 0, found / np.maximum(total, 1.0), np.nan)
