"""Co-occurrence of source terms and target candidates over the aligned segments.

Dice of a term and each target n-gram, kept when significant by log-likelihood
(G² ≥ 10.83, p < 0.001). The pair table is pruned at a cap, so memory stays
bounded on a large TMX.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from align.terms.candidates import key
from align.terms.counting import CorpusPass

_G2_P001 = 10.83  #: log-likelihood ratio critical value, 1 degree of freedom, p < 0.001
SourceFinder = Callable[[str, list], dict[str, str]]


def _g2(c: np.ndarray, f_s: np.ndarray, f_t: np.ndarray, n: int) -> np.ndarray:
    """Dunning's log-likelihood ratio of a 2×2 co-occurrence table, vectorised."""
    table = [c, f_s - c, f_t - c, n - f_s - f_t + c]
    rows = [f_s, f_s, n - f_s, n - f_s]
    cols = [f_t, n - f_t, f_t, n - f_t]
    total = np.zeros_like(c, dtype=float)
    for observed, row, col in zip(table, rows, cols, strict=True):
        observed = observed.astype(float)
        expected = row.astype(float) * col / n
        with np.errstate(divide="ignore", invalid="ignore"):
            total += np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * total



class PairCounts:
    """Segment counts of (term, target) pairs, as int64 keys merged in batches. Pruned like
    ``_Counts`` (lossy counting): in a big corpus a frequent term meets nearly every target,
    so past ``cap`` distinct pairs the rarest go. A dropped pair was too rare for a Dice
    worth linking; the counts of terms and targets themselves stay exact."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.keys = np.zeros(0, dtype=np.int64)  # sorted
        self.counts = np.zeros(0, dtype=np.int64)
        self.pruned_below = 0
        self._pending = array("q")  # 8 bytes a pair, not a Python int each

    def add(self, pairs: Iterable[int]) -> None:
        self._pending.extend(pairs)
        if len(self._pending) > self.cap // 4:
            self._flush()

    def totals(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct keys, sorted, and their counts."""
        self._flush()
        return self.keys, self.counts

    def _flush(self) -> None:
        """Merge the batch into the sorted keys: no re-sort of them, so little memory on top."""
        batch, seen = np.unique(np.frombuffer(self._pending, dtype=np.int64), return_counts=True)
        self._pending = array("q")
        at = np.searchsorted(self.keys, batch)
        known = at < len(self.keys)
        known[known] = self.keys[at[known]] == batch[known]
        self.counts[at[known]] += seen[known]
        self.keys = np.insert(self.keys, at[~known], batch[~known])
        self.counts = np.insert(self.counts, at[~known], seen[~known])
        if len(self.keys) > self.cap:  # drop the rarest until a quarter of the cap is free
            while len(self.keys) > self.cap * 3 // 4:
                self.pruned_below += 1
                keep = self.counts > self.pruned_below
                self.keys, self.counts = self.keys[keep], self.counts[keep]


def cooccurrences(state: CorpusPass, sources: dict[str, int], targets: dict[str, int], present: SourceFinder,
                   tgt_lang: str, cap: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Segment counts of each source term, each target candidate, and each pair of them
    (at most ``cap`` pairs, see ``PairCounts``)."""
    f_src = np.zeros(len(sources), dtype=np.int64)
    f_tgt = np.zeros(len(targets), dtype=np.int64)
    width = max(len(targets), 1)
    pairs = PairCounts(cap)
    bilingual = 0
    for record in state.records():
        if not record.tgt_text:
            continue
        bilingual += 1
        s_ids = {sources[k] for k in present(record.src_text, record.src_terms)}
        t_ids = {targets[k] for t, _ in record.tgt_terms if (k := key(t, tgt_lang)) in targets}
        f_src[list(s_ids)] += 1
        f_tgt[list(t_ids)] += 1
        pairs.add(s * width + t for s in s_ids for t in t_ids)
    return *pairs.totals(), f_src, f_tgt, bilingual


@dataclass(frozen=True, slots=True)
class Association:
    """A target candidate of one source term and how strongly they co-occur."""

    tgt: int
    cooc: int
    dice: float


def shortlist(keys: np.ndarray, counts: np.ndarray, f_src: np.ndarray, f_tgt: np.ndarray, n: int,
              width: int, min_cooc: int, size: int) -> dict[int, list[Association]]:
    """Per source term, its best target candidates by Dice among significant pairs."""
    if n == 0 or not len(keys):
        return {}
    width = max(width, 1)
    often = counts >= min_cooc  # first: most pairs met once, and _g2 needs a dozen arrays
    keys, counts = keys[often], counts[often]
    s, t = keys // width, keys % width
    dice = 2 * counts / (f_src[s] + f_tgt[t])
    keep = _g2(counts, f_src[s], f_tgt[t], n) >= _G2_P001
    s, t, counts, dice = s[keep], t[keep], counts[keep], dice[keep]
    order = np.lexsort((t, -dice, s))
    out: dict[int, list[Association]] = {}
    for src_id, target, cooc, score in zip(s[order].tolist(), t[order].tolist(), counts[order].tolist(),
                                           dice[order].tolist(), strict=True):
        bucket = out.setdefault(src_id, [])
        if len(bucket) < size:
            bucket.append(Association(target, cooc, score))
    return out
