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

from align.terms.candidates import ChineseTerms, EnglishTerms, is_furniture_term, parts, term_length
from align.terms.counting import Counts

#: A term is at least this many times more frequent here than in general language;
#: the score grows with the log of the ratio up to ``_SPECIFIC_FULL``.
_SPECIFIC_MIN = 8.0
_SPECIFIC_FULL = 1000.0


def specificity(ratio: float) -> float:
    """0 below ``_SPECIFIC_MIN`` times the general frequency, rising to 1 at ``_SPECIFIC_FULL``."""
    if ratio < _SPECIFIC_MIN:
        return 0.0
    return min(1.0, 0.1 + 0.9 * math.log(ratio / _SPECIFIC_MIN) / math.log(_SPECIFIC_FULL / _SPECIFIC_MIN))


def termhood(counts: Counts, lang: str, extractor: ChineseTerms | EnglishTerms, min_freq: int,
             corpus_words: float) -> dict[str, float]:
    """C-value × document spread × specificity, for candidates seen at least ``min_freq`` times;
    frequencies are document-balanced (see ``CorpusPass.weights``)."""
    table = {k: v for k, v in counts.table.items() if v.freq >= min_freq and not is_furniture_term(k)}
    nested_sum: Counter = Counter()
    nested_n: Counter = Counter()
    for longer, row in table.items():
        if row.tag.startswith("v+"):  # 呼吁人权高专办 is a use of 人权高专办, not a longer term
            continue
        for part in set(parts(longer, lang)):
            if part in table:
                nested_sum[part] += row.balanced
                nested_n[part] += 1
    scores = {}
    for term, row in table.items():
        freq = row.balanced
        free = freq - nested_sum[term] / nested_n[term] if nested_n[term] else freq
        cvalue = math.log2(1 + term_length(term, lang)) * max(free, 0.0)
        spread = 1 + math.log(row.docs)
        specific = specificity(freq / corpus_words / extractor.general_frequency(term))
        if cvalue > 0 and specific > 0:
            scores[term] = cvalue * spread * specific
    return scores
