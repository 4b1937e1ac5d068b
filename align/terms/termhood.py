"""Termhood: which candidates are terms of this corpus, and how strongly.

C-value (Frantzi, Ananiadou & Mima 2000): a phrase's parts are not counted again
where they only occur inside it; times the spread over documents; times how much
more frequent the term is here than in general language (jieba's dictionary for
Chinese, ``wordfreq`` for English). A word as frequent in general language as here
(国家, 方面, 问题) is not a term, however often it occurs.
"""

from __future__ import annotations

import math
from collections import Counter

from align.terms.candidates import (
    CONJUNCTIONS,
    ChineseTerms,
    EnglishTerms,
    is_furniture_term,
    parts,
    term_length,
)
from align.terms.counting import Counts

#: A term is at least this many times more frequent here than in general language (国家 in
#: official texts: about 10×; 联合国: 50×); the score grows with the log of the ratio up to
#: ``_SPECIFIC_FULL``. A word below it stays a term only if its translation is a name.
SPECIFIC_MIN = 25.0
_SPECIFIC_FULL = 1000.0
#: A phrase found inside longer candidates this often, as a modifier, is a piece of them
#: (联合国人权 of 联合国人权高专办, 联合国人权理事会), not a term of its own.
_NESTED = 0.75


def specificity(ratio: float) -> float:
    """How much a term's frequency stands out: 0.1 at ``SPECIFIC_MIN`` times the general
    frequency, 1 at ``_SPECIFIC_FULL`` times; below the minimum, 0.05 (a general word)."""
    if ratio < SPECIFIC_MIN:
        return 0.05
    return min(1.0, 0.1 + 0.9 * math.log(ratio / SPECIFIC_MIN) / math.log(_SPECIFIC_FULL / SPECIFIC_MIN))


def _coordinated(term: str, freq: int, table: dict) -> bool:
    """Is ``term`` two terms joined by a conjunction, each far more frequent on its own
    (气候变化和人权理事会), rather than one term with a conjunction inside (信息和通信技术)?"""
    for conjunction in CONJUNCTIONS:
        left, _, right = term.partition(conjunction)
        if right and left in table and right in table and min(
                table[left].freq, table[right].freq) >= 2 * freq:
            return True
    return False


def termhood(counts: Counts, lang: str, extractor: ChineseTerms | EnglishTerms, min_freq: int,
             corpus_words: float) -> tuple[dict[str, float], set[str]]:
    """C-value × document spread × specificity, for candidates seen at least ``min_freq`` times
    (frequencies document-balanced, see ``CorpusPass.weights``), and the candidates that are
    general words (no more frequent here than in general language)."""
    table = {k: v for k, v in counts.table.items() if v.freq >= min_freq and not is_furniture_term(k)}
    nested_sum: Counter = Counter()
    nested_n: Counter = Counter()
    nested_raw: Counter = Counter()
    inside: Counter = Counter()  # occurrences inside longer candidates, heads included
    for longer, row in table.items():
        if row.tag.startswith("v+"):  # 呼吁人权高专办 is a use of 人权高专办, not a longer term
            continue
        for part in set(parts(longer, lang)):
            if part in table:
                nested_sum[part] += row.balanced
                nested_n[part] += 1
                inside[part] += row.freq
                if lang != "zh" or not longer.endswith(part):  # Chinese heads come last: 理事会
                    nested_raw[part] += row.freq  # of 安全理事会 is no modifier there
    scores, general = {}, set()
    for term, row in table.items():
        if row.tag.startswith(("+", "v+")) and (nested_raw[term] >= _NESTED * row.freq
                                                 or _coordinated(term, row.freq, table)):
            continue
        if nested_n[term] == 1 and row.freq - inside[term] < min_freq:
            continue  # recurs only inside one longer term: a piece of it (国际和平 of 国际和平及安全)
        freq = row.balanced
        free = freq - nested_sum[term] / nested_n[term] if nested_n[term] else freq
        cvalue = math.log2(1 + term_length(term, lang)) * max(free, 0.0)
        spread = 1 + math.log(row.docs)
        ratio = row.freq / corpus_words / extractor.general_frequency(term)
        if ratio < SPECIFIC_MIN:
            general.add(term)
        if cvalue > 0:
            scores[term] = cvalue * spread * specificity(ratio)
    return scores, general
