"""Sentence alignment from sentence vectors: anchors first, then an m-n dynamic programme.

The method follows Liu & Zhu (2022, Bertalign) in outline, written from the paper:

1. **Anchors.** Every source sentence looks up its top-k most similar target
   sentences. The heaviest chain of such candidates that increases on both
   sides (a weighted longest-increasing-subsequence, solved with a Fenwick
   tree in O(nk log m)) is the 1-1 skeleton of the alignment.
2. **Band.** The second pass only visits DP cells in the rectangles between
   consecutive anchors, widened by ``window``: memory and time grow with the
   band, not with n × m.
3. **m-n programme.** Beads of up to ``max_align`` sentences in total are
   scored from the sentence vectors alone: a multi-sentence side is the
   length-weighted mean of its sentence vectors, so each sentence is encoded
   exactly once. Each bead earns a margin-style similarity: 1 minus its
   cosine distance divided by the two sides' mean distance from random
   sentences of the other side (1 = identical, 0 = no closer than unrelated
   text; this removes the "hub" spans every cosine likes), minus a squared
   log length-ratio penalty. Insertions and deletions cost a constant.
4. **Lexical evidence** (zh-en only, see ``align.lexical``): a bead also earns
   the share of its words that CC-CEDICT matches on its other side, above a
   small base, so a bead that leaves a sentence's words unaccounted for loses
   to one that includes it.

Each bead's confidence maps its margin through a logistic curve fitted on the
development gold sets (see ``bench/``), so it reads as "how likely this bead is
exactly right".
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from align.lexical import TermMatches, Terms
from align.types import Bead


@dataclass(frozen=True)
class AlignConfig:
    """Aligner knobs; defaults are tuned on MAC-Dev and Bible dev data (see BENCHMARKS.md)."""

    max_align: int = 6  #: most sentences in one bead, both sides together
    top_k: int = 3  #: neighbours per sentence for anchors and the margin
    window: int = 8  #: band half-width (sentences) around the anchor path
    length: float = 0.25  #: weight of the squared log length-ratio penalty
    skip: float = -0.2  #: score of a 1-0 or 0-1 bead
    merge: float = 0.0  #: penalty per extra sentence in a bead beyond 1-1
    paragraph: float = 0.3  #: penalty per side where a bead spans a paragraph break
    lexical: float = 0.4  #: weight of dictionary word coverage (zh-en); 0 turns it off
    lexical_base: float = 0.1  #: coverage that earns nothing; below it a bead pays
    confidence_scale: float = 3.4  #: logistic slope mapping margin → confidence (fitted)
    confidence_mid: float = -0.06  #: margin at which confidence is 0.5 (fitted)

    def bead_types(self) -> list[tuple[int, int]]:
        """All (src, tgt) sizes allowed: 0-1, 1-0 and every m-n with m + n ≤ max_align."""
        types = [(1, 0), (0, 1)]
        types += [
            (a, b)
            for a in range(1, self.max_align)
            for b in range(1, self.max_align)
            if a + b <= self.max_align
        ]
        return types


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
class _Side:
    """One document's vectors, weights and neighbour statistics, ready for span scoring."""

    vecs: np.ndarray  # (n, d), L2-normalised
    lens: np.ndarray  # (n,) characters
    hub: np.ndarray  # (n,) mean cosine to the k nearest sentences of the other side
    sample: np.ndarray | None = None  # random sentences, the baseline for the other side
    windows: dict[int, np.ndarray] = field(default_factory=dict)  # size → embedded spans
    paragraph: np.ndarray | None = None  # (n,) paragraph number of each sentence, if known
    top_idx: np.ndarray | None = None  # (n, k) those neighbours, source side only
    top_sim: np.ndarray | None = None

    def span(self, end: np.ndarray | int, size: int) -> tuple[np.ndarray, np.ndarray]:
        """Mean vector (length-weighted, normalised) and length of spans of ``size``
        sentences ending before ``end``."""
        end = np.asarray(end)
        vec = np.zeros((*end.shape, self.vecs.shape[1]), dtype=np.float32)
        length = np.zeros(end.shape, dtype=np.float64)
        for k in range(1, size + 1):
            w = self.lens[end - k]
            vec += self.vecs[end - k] * w[..., None].astype(np.float32)
            length += w
        if size in self.windows:
            vec = self.windows[size][end - size]
        norm = np.linalg.norm(vec, axis=-1, keepdims=True)
        vec /= np.maximum(norm, 1e-12)
        return vec, length

    def crosses_paragraph(self, end: np.ndarray, size: int) -> np.ndarray:
        """Whether the span of ``size`` sentences ending before ``end`` spans a paragraph break."""
        if self.paragraph is None or size < 2:
            return np.zeros(len(end), dtype=bool)
        return self.paragraph[end - 1] != self.paragraph[end - size]


def _centred(vecs: np.ndarray, mean: np.ndarray | None = None) -> np.ndarray:
    """Remove the document's mean direction, then renormalise.

    Sentence embeddings share a large common component (same language, same
    text); a mean of several vectors keeps it while its own detail averages
    out, so uncentred spans look more similar to everything than single
    sentences do, and the programme merges far too much.
    """
    vecs = np.asarray(vecs, dtype=np.float32)
    vecs = vecs - (vecs.mean(axis=0, keepdims=True) if mean is None else mean)
    return np.ascontiguousarray(vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12))


def _sides(
    src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_lens: np.ndarray, tgt_lens: np.ndarray,
    k: int, src_windows: dict[int, np.ndarray] | None = None,
    tgt_windows: dict[int, np.ndarray] | None = None,
) -> tuple[_Side, _Side]:
    """Centre both sides and attach each sentence's k nearest neighbours on the other side."""
    means = [np.asarray(v, dtype=np.float32).mean(axis=0) for v in (src_vecs, tgt_vecs)]
    src_vecs, tgt_vecs = _centred(src_vecs, means[0]), _centred(tgt_vecs, means[1])
    idx, sim = top_k_similarities(src_vecs, tgt_vecs, k)
    _, sim_t = top_k_similarities(tgt_vecs, src_vecs, k)
    src = _Side(
        src_vecs, np.maximum(np.asarray(src_lens, float), 1.0), sim.mean(axis=1),
        top_idx=idx, top_sim=sim,
    )
    tgt = _Side(tgt_vecs, np.maximum(np.asarray(tgt_lens, float), 1.0), sim_t.mean(axis=1))
    rng = np.random.default_rng(0)
    src.sample = src.vecs[rng.choice(len(src.vecs), min(32, len(src.vecs)), replace=False)]
    tgt.sample = tgt.vecs[rng.choice(len(tgt.vecs), min(32, len(tgt.vecs)), replace=False)]
    for side, windows, mean in ((src, src_windows, means[0]), (tgt, tgt_windows, means[1])):
        side.windows = {size: _centred(w, mean) for size, w in (windows or {}).items()}
    return src, tgt


def _anchor_points(src: _Side, tgt: _Side) -> list[tuple[int, int, float]]:
    """Top-k candidates as weighted points; the weight is the margin, floored just above 0."""
    points = []
    for i in range(len(src.vecs)):
        for j, cos in zip(src.top_idx[i], src.top_sim[i], strict=True):
            margin = cos - 0.5 * (src.hub[i] + tgt.hub[j])
            if margin > -0.01:
                points.append((i, int(j), float(margin) + 0.011))
    return points


def align_vectors(
    src_vecs: np.ndarray,
    tgt_vecs: np.ndarray,
    src_lens: np.ndarray,
    tgt_lens: np.ndarray,
    config: AlignConfig | None = None,
    src_windows: dict[int, np.ndarray] | None = None,
    tgt_windows: dict[int, np.ndarray] | None = None,
    src_paragraphs: list[int] | None = None,
    tgt_paragraphs: list[int] | None = None,
    src_terms: list[Terms] | None = None,
    tgt_terms: list[Terms] | None = None,
) -> list[Bead]:
    """Align two sequences of L2-normalised sentence vectors; return beads in order.

    ``*_windows`` optionally map a span size k to the embeddings of every run of
    k consecutive sentences (row e = sentences e..e+k-1); spans of other sizes
    use length-weighted means of sentence vectors. ``*_paragraphs`` give each
    sentence's paragraph number: a bead that spans a paragraph break is
    penalised, since translators keep paragraphs and CAT tools never match
    across them. ``*_terms`` (from ``align.lexical.sentence_terms``) add
    dictionary evidence weighted by ``config.lexical``.
    """
    config = config or AlignConfig()
    n, m = len(src_vecs), len(tgt_vecs)
    if n == 0 or m == 0:
        return [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
    src, tgt = _sides(
        src_vecs, tgt_vecs, src_lens, tgt_lens, config.top_k, src_windows, tgt_windows
    )
    for side, paragraphs in ((src, src_paragraphs), (tgt, tgt_paragraphs)):
        if paragraphs is not None:
            side.paragraph = np.asarray(paragraphs)
    lo, hi = search_band(anchor_chain(_anchor_points(src, tgt), m), n, m, config.window)
    ratio = tgt.lens.sum() / src.lens.sum()
    matches = None
    if config.lexical and src_terms is not None and tgt_terms is not None:
        matches = TermMatches(src_terms, tgt_terms)
    return _programme(src, tgt, lo, hi, ratio, config, matches)


@dataclass
class _Band:
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


class _Coverage:
    """Dictionary matches of every sentence pair in the band, summed into bead coverage."""

    def __init__(self, matches: TermMatches, band: _Band) -> None:
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


def _type_scores(
    src: _Side, tgt: _Side, band: _Band, a: int, b: int, ratio: float, config: AlignConfig,
    coverage: _Coverage | None = None, chunk: int = 16384,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For bead type (a, b): every band cell it can end at, its predecessor cell, its
    score and its margin.

    Every bead earns at most 1, so a merge wins only where the separate beads
    it replaces would earn less in total: that is, where some of its sentences
    match nothing well alone. A squared log length ratio (against the
    document's own ratio) adds Gale–Church's evidence, which embeddings of
    short sentences lack.
    """
    rows, cols = band.rows, band.cols
    cells = np.flatnonzero((rows >= a) & (cols >= b))
    prev = band.index(rows[cells] - a, cols[cells] - b)
    cells, prev = cells[prev >= 0], prev[prev >= 0]
    if b == 0 or a == 0:
        return cells, prev, np.full(len(cells), config.skip), np.zeros(len(cells))
    i, j = rows[cells], cols[cells]
    cos = np.empty(len(cells), dtype=np.float32)
    s_len = np.empty(len(cells))
    t_len = np.empty(len(cells))
    s_base = np.empty(len(cells))
    t_base = np.empty(len(cells))
    for c in range(0, len(cells), chunk):
        sl = slice(c, c + chunk)
        s_vec, s_len[sl] = src.span(i[sl], a)
        t_vec, t_len[sl] = tgt.span(j[sl], b)
        cos[sl] = np.einsum("nd,nd->n", s_vec, t_vec)
        s_base[sl] = 1.0 - (s_vec @ tgt.sample.T).mean(axis=1)
        t_base[sl] = 1.0 - (t_vec @ src.sample.T).mean(axis=1)
    # Cosine distance relative to the spans' mean distance from random text of the
    # other side: a margin that corrects for spans that are close to everything.
    cost = (1.0 - cos.astype(np.float64)) / np.maximum(0.5 * (s_base + t_base), 1e-6)
    delta = np.log((t_len + 10.0) / (ratio * s_len + 10.0))
    score = (1.0 - cost) - config.length * delta**2 - config.merge * (a + b - 2)
    score -= config.paragraph * (src.crosses_paragraph(i, a).astype(float)
                                 + tgt.crosses_paragraph(j, b))
    if coverage is not None:
        share = coverage.of(i, j, a, b)
        score += config.lexical * np.where(np.isnan(share), 0.0, share - config.lexical_base)
    return cells, prev, score, 1.0 - cost


def _programme(
    src: _Side, tgt: _Side, lo: np.ndarray, hi: np.ndarray, ratio: float, config: AlignConfig,
    matches: TermMatches | None = None,
) -> list[Bead]:
    """Best-scoring path of beads through the band, then backtrack."""
    band = _Band(lo, hi)
    types = config.bead_types()
    coverage = _Coverage(matches, band) if matches is not None else None
    scored = [_type_scores(src, tgt, band, a, b, ratio, config, coverage) for a, b in types]
    # Per type, where each row's cells start in its (row-sorted) cell list.
    starts = [np.searchsorted(band.rows[cells], np.arange(len(lo) + 1)) for cells, *_ in scored]
    best = np.full(band.off[-1], -np.inf)
    arg = np.full(band.off[-1], -1, dtype=np.int8)
    insertion = types.index((0, 1))
    best[0] = 0.0
    for i in range(len(lo)):
        row = slice(band.off[i], band.off[i + 1])
        for t, (a, _) in enumerate(types):
            if a == 0:
                continue
            cells, prev, score, _ = scored[t]
            part = slice(starts[t][i], starts[t][i + 1])
            cand = best[prev[part]] + score[part]
            target = cells[part]
            better = cand > best[target]
            best[target[better]] = cand[better]
            arg[target[better]] = t
        # 0-1 beads move along the row: a running maximum of best[j] - skip * j.
        steps = np.arange(row.stop - row.start) * config.skip
        run = np.maximum.accumulate(best[row] - steps) + steps
        from_left = run > best[row] + 1e-9  # not rounding noise of the cell itself
        best[row] = np.where(from_left, run, best[row])
        arg[row] = np.where(from_left, insertion, arg[row])
    margin_of = {}
    for t, (cells, _, _, margin) in enumerate(scored):
        margin_of[t] = dict(zip(cells.tolist(), margin.tolist(), strict=True))
    return _backtrack(band, arg, margin_of, types, config)


def _backtrack(
    band: _Band, arg: np.ndarray, margin_of: dict[int, dict[int, float]],
    types: list[tuple[int, int]], config: AlignConfig,
) -> list[Bead]:
    i, j = len(band.lo) - 1, int(band.hi[-1])
    beads: list[Bead] = []
    while i > 0 or j > 0:
        cell = int(band.index(i, j))
        t = int(arg[cell])
        a, b = types[t]
        conf = 0.0
        if a and b:
            z = config.confidence_scale * (margin_of[t][cell] - config.confidence_mid)
            conf = 1.0 / (1.0 + math.exp(-z))
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), round(conf, 4)))
        i, j = i - a, j - b
    return beads[::-1]
