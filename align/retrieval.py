"""Candidate retrieval for document pairing: which pairs are worth verifying.

Each document keeps the ``k`` documents of the other language nearest to it by
pooled sample vector (both directions) and those sharing the most rare numbers
and Latin tokens (an inverted index). Nothing loops over all pairs: up to
``EXACT_CELLS`` similarities the nearest vectors are found exactly (a blocked
matrix product), above that with an inverted-file index (``faiss``), so the
step grows about n·√n with a small constant instead of n².
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from align.band import top_k_similarities

#: A token in more than this share of documents says nothing and costs time.
_COMMON = 0.05
#: Up to this many document-to-document similarities, exact search is fast enough.
EXACT_CELLS = 25_000_000


class Features(Protocol):
    """What retrieval reads of a document (a pairing ``Profile`` or a cluster's summary)."""

    numbers: frozenset[str]
    latin: frozenset[str]
    chars: float

    @property
    def mean(self) -> np.ndarray: ...


def nearest(a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray:
    """Indices of each row of ``a``'s ``k`` nearest rows of ``b`` by cosine (unit rows).

    Exact for small collections; above ``EXACT_CELLS`` an inverted-file index
    (``faiss`` IVF-Flat: k-means cells, each query searching its ``nprobe`` nearest
    cells), trained with a fixed seed so the same input gives the same neighbours.
    HNSW (usearch) was measured too: several times slower to build on 2 cores.
    """
    k = min(k, len(b))
    if k == 0:
        return np.zeros((len(a), 0), dtype=np.int64)
    if len(a) * len(b) <= EXACT_CELLS:
        return top_k_similarities(a, b, k)[0]
    import faiss

    dim = a.shape[1]
    cells = max(1, min(int(4 * math.sqrt(len(b))), len(b) // 39))  # faiss wants 39 per cell
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, cells, faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = 0
    train = np.random.default_rng(0).choice(len(b), min(len(b), 40 * cells), replace=False)
    b = np.ascontiguousarray(b, dtype=np.float32)
    index.train(b[np.sort(train)])
    index.add(b)
    index.nprobe = 16
    _, found = index.search(np.ascontiguousarray(a, dtype=np.float32), k)
    # A row the cells could not fill holds -1: repeat its best neighbour there.
    return np.where(found >= 0, found, found[:, :1])


def unit_rows(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)


def _pooled(profiles: Sequence[Features]) -> np.ndarray:
    """Each document's mean sample vector with its language's mean removed, unit length.

    Without centring, all documents of one language look alike (the common
    component of sentence embeddings); with fewer than 3 documents the mean
    would be the documents themselves, so it is kept.
    """
    pooled = unit_rows(np.stack([p.mean for p in profiles]))
    return unit_rows(pooled - pooled.mean(axis=0)) if len(pooled) >= 3 else pooled


def shared_tokens(src: Sequence[frozenset[str]], tgt: Sequence[frozenset[str]]
                  ) -> dict[tuple[int, int], float]:
    """IDF-weighted share of the smaller document's tokens found in the other, for every
    pair sharing one (an inverted index: no loop over all pairs).

    Tokens in more than 5 % of the documents are ignored: they carry little
    evidence and would make the index quadratic.
    """
    total = len(src) + len(tgt)
    df: Counter[str] = Counter()
    for tokens in (*src, *tgt):
        df.update(tokens)
    limit = max(2, _COMMON * total)
    idf = {t: math.log(1 + total / n) for t, n in df.items() if n <= limit}
    index: dict[str, list[int]] = {}
    for j, tokens in enumerate(tgt):
        for t in tokens:
            if t in idf:
                index.setdefault(t, []).append(j)
    own_tgt = [sum(idf.get(t, 0.0) for t in tokens) for tokens in tgt]
    scores: dict[tuple[int, int], float] = {}
    for i, tokens in enumerate(src):
        for t in tokens:
            for j in index.get(t, ()):
                scores[i, j] = scores.get((i, j), 0.0) + idf[t]
    own_src = [sum(idf.get(t, 0.0) for t in tokens) for tokens in src]
    return {(i, j): v / min(own_src[i], own_tgt[j]) for (i, j), v in scores.items()}


def _top(pairs: dict[tuple[int, int], float], k: int) -> set[tuple[int, int]]:
    """The k best-scoring partners of every document on either side."""
    by_src: dict[int, list[tuple[float, int]]] = {}
    by_tgt: dict[int, list[tuple[float, int]]] = {}
    for (i, j), score in pairs.items():
        by_src.setdefault(i, []).append((score, j))
        by_tgt.setdefault(j, []).append((score, i))
    keep = {(i, j) for i, c in by_src.items() for _, j in sorted(c, reverse=True)[:k]}
    keep |= {(i, j) for j, c in by_tgt.items() for _, i in sorted(c, reverse=True)[:k]}
    return keep


def candidates(src: Sequence[Features], tgt: Sequence[Features], k: int
               ) -> dict[tuple[int, int], dict[str, float]]:
    """Candidate (source, target) index pairs with their retrieval signals.

    The k nearest by pooled vector in both directions, plus the k best by
    shared numbers and by shared Latin tokens.
    """
    a, b = _pooled(src), _pooled(tgt)
    idx, idx_t = nearest(a, b, k), nearest(b, a, k)
    keep = {(i, int(j)) for i, row in enumerate(idx) for j in row}
    keep |= {(int(i), j) for j, row in enumerate(idx_t) for i in row}
    numbers = shared_tokens([p.numbers for p in src], [p.numbers for p in tgt])
    latin = shared_tokens([p.latin for p in src], [p.latin for p in tgt])
    keep |= _top(numbers, k) | _top(latin, k)
    return {
        (i, j): {
            "embedding": float(a[i] @ b[j]),
            "numbers": numbers.get((i, j), 0.0),
            "latin": latin.get((i, j), 0.0),
            "length": math.log(max(tgt[j].chars, 1.0) / max(src[i].chars, 1.0)),
        }
        for i, j in sorted(keep)
    }
