"""The search space of the aligner: nearest neighbours, the anchor chain and the band around it.

Kept apart from the dynamic programme (``align.aligner``) because document
pairing uses the same neighbour search.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np


def top_k_similarities(
    a: np.ndarray, b: np.ndarray, k: int, cells: int = 1 << 22
) -> tuple[np.ndarray, np.ndarray]:
    """Indices and cosines of each row of ``a``'s k nearest rows of ``b``, in blocks of rows
    small enough that a block's similarities stay within ``cells`` values (scratch memory
    does not grow with the documents)."""
    k = min(k, len(b))
    idx = np.empty((len(a), k), dtype=np.int64)
    sim = np.empty((len(a), k), dtype=np.float32)
    block = max(1, cells // max(len(b), 1))
    for start in range(0, len(a), block):
        s = a[start : start + block] @ b.T
        part = np.argpartition(-s, k - 1, axis=1)[:, :k]
        vals = np.take_along_axis(s, part, axis=1)
        order = np.argsort(-vals, axis=1, kind="stable")
        idx[start : start + block] = np.take_along_axis(part, order, axis=1)
        sim[start : start + block] = np.take_along_axis(vals, order, axis=1)
    return idx, sim


def anchor_chain(points: list[tuple[int, int, float]], m: int) -> list[tuple[int, int]]:
    """Heaviest chain of (i, j, weight) points strictly increasing in i and in j.

    Points must be sorted by i. A Fenwick tree over j holds the best chain
    ending at any j' ≤ j; points of the same i are queried before any of them
    is inserted, so a chain never uses one source sentence twice.
    """
    tree_val = [0.0] * (m + 1)
    tree_arg = [-1] * (m + 1)
    best_val = [0.0] * len(points)
    back = [-1] * len(points)

    def query(j: int) -> tuple[float, int]:  # best chain over targets < j
        val, arg = 0.0, -1
        while j > 0:
            if tree_val[j] > val:
                val, arg = tree_val[j], tree_arg[j]
            j -= j & -j
        return val, arg

    def update(j: int, val: float, arg: int) -> None:
        j += 1
        while j <= m:
            if val > tree_val[j]:
                tree_val[j], tree_arg[j] = val, arg
            j += j & -j

    start = 0
    while start < len(points):
        end = start
        while end < len(points) and points[end][0] == points[start][0]:
            end += 1
        for p in range(start, end):
            val, arg = query(points[p][1])
            best_val[p], back[p] = val + points[p][2], arg
        for p in range(start, end):
            update(points[p][1], best_val[p], p)
        start = end
    if not points:
        return []
    p = max(range(len(points)), key=best_val.__getitem__)
    chain = []
    while p >= 0:
        chain.append((points[p][0], points[p][1]))
        p = back[p]
    return chain[::-1]


def search_band(
    anchors: list[tuple[int, int]], n: int, m: int, window: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per DP row i (0..n), the inclusive range of columns j the programme may visit.

    Between consecutive anchors the path may go anywhere in their rectangle,
    widened by ``window`` on each side, so a missed or wrong anchor costs
    nothing worse than a wider search.
    """
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    corners = [(0, 0), *((i, j) for i, j in anchors), (n, m)]
    for (i0, j0), (i1, j1) in itertools.pairwise(corners):
        rows = slice(i0, min(i1 + 1, n) + 1)
        lo[rows] = np.minimum(lo[rows], max(j0 - window, 0))
        hi[rows] = np.maximum(hi[rows], min(j1 + 1 + window, m))
    # Make both bounds non-decreasing so every cell has a predecessor inside the band.
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m
    return lo, hi


@dataclass
class Band:
    """The band as a flat array of cells, row by row: cell (i, j) is at off[i] + j - lo[i]."""

    lo: np.ndarray
    hi: np.ndarray

    def __post_init__(self) -> None:
        widths = self.hi - self.lo + 1
        self.off = np.concatenate(([0], np.cumsum(widths)))
        self.rows = np.repeat(np.arange(len(widths)), widths)
        self.cols = np.arange(self.off[-1]) - self.off[self.rows] + self.lo[self.rows]

    def index(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Flat positions of cells (i, j), or -1 where (i, j) is outside the band."""
        i = np.asarray(i)
        j = np.asarray(j)
        ok = (i >= 0) & (j >= 0)
        ic = np.where(ok, i, 0)
        ok &= (j >= self.lo[ic]) & (j <= self.hi[ic])
        return np.where(ok, self.off[ic] + j - self.lo[ic], -1)
