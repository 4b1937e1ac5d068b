"""Each document side as the aligner sees it: centred vectors, lengths, neighbours.

Split from ``align.aligner`` so the dynamic programme reads on its own: this
module holds what is computed once per side before it (centring, nearest
neighbours on the other side, a random sample as the baseline of unrelated text,
span vectors), the anchor candidates drawn from the neighbours, and the length
ratio of the two sides that the programme's length penalty expects.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from align.band import top_k_similarities

#: A sentence is loose when its best match on the other side is weaker than this share of its
#: side's best matches: likely text without a counterpart (a spliced line, an insertion) rather than
#: one whose translation is elsewhere (tuned on the noise benchmark, bench/noise.py, for the
#: re-alignment of weak beads: 0.3 / 0.4 / 0.7 found 27 / 29 / 30 Text+Berg insertions at clean
#: strict F1 0.9205 / 0.9206 / 0.9183).
LOOSE = 0.4


@dataclass
class Side:
    """One document's vectors, weights and neighbour statistics, ready for span scoring."""

    vecs: np.ndarray  # (n, d), L2-normalised
    lens: np.ndarray  # (n,) characters
    hub: np.ndarray  # (n,) mean cosine to the k nearest sentences of the other side
    sample: np.ndarray | None = None  # random sentences, the baseline for the other side
    windows: dict[int, np.ndarray] = field(default_factory=dict)  # size → embedded spans
    paragraph: np.ndarray | None = None  # (n,) paragraph number of each sentence, if known
    skip: np.ndarray | None = None  # (n,) score of leaving each sentence out (a 1-0 or 0-1 bead)
    extend: np.ndarray | None = None  # (n,) the same for a sentence after the first of a run
    furniture: np.ndarray | None = None  # (n,) whether each sentence looks like page furniture
    untranslatable: np.ndarray | None = None  # (n,) whether each sentence translates nothing: no word
    # in it, or in a passage left in the other side's language (align.pipeline.untranslatable)
    top_idx: np.ndarray | None = None  # (n, k) those neighbours
    top_sim: np.ndarray | None = None

    @cached_property
    def loose(self) -> np.ndarray:
        """Whether each sentence's best match on the other side is among its side's weakest
        (``LOOSE``)."""
        best = self.top_sim[:, 0]
        return best <= np.quantile(best, LOOSE)

    @cached_property
    def sample_mean(self) -> np.ndarray:
        """Mean of the random sample: a vector's mean cosine to the sample is one dot product."""
        return self.sample.mean(axis=0)

    def span(self, end: np.ndarray | int, size: int) -> tuple[np.ndarray, np.ndarray]:
        """Mean vector (length-weighted, normalised) and length of spans of ``size``
        sentences ending before ``end``; the embedded span where ``windows`` has one."""
        end = np.asarray(end)
        length = np.zeros(end.shape, dtype=np.float64)
        for k in range(1, size + 1):
            length += self.lens[end - k]
        if size in self.windows:
            vec = self.windows[size][end - size]
        else:
            vec = np.zeros((*end.shape, self.vecs.shape[1]), dtype=np.float32)
            for k in range(1, size + 1):
                vec += self.vecs[end - k] * self.lens[end - k][..., None].astype(np.float32)
        return vec / np.maximum(np.linalg.norm(vec, axis=-1, keepdims=True), 1e-12), length

    def bead_vector(self, ids: tuple[int, ...]) -> np.ndarray:
        """``span`` of one bead's (consecutive) sentences, without the array machinery:
        the confidence features score tens of thousands of single beads."""
        if len(ids) in self.windows:
            vec = self.windows[len(ids)][ids[0]]
        elif len(ids) == 1:
            vec = self.vecs[ids[0]]
        else:
            span = slice(ids[0], ids[-1] + 1)
            vec = self.lens[span].astype(np.float32) @ self.vecs[span]
        return vec / max(math.sqrt(vec @ vec), 1e-12)

    def stray_furniture(self, end: np.ndarray, size: int, other_end: np.ndarray, other_size: int
                        ) -> np.ndarray:
        """Page-furniture lines (``align.furniture``) in spans of ``size`` ending before ``end``
        whose nearest sentence on the other side is not in the facing span: a heading or
        byline that the other side translates prefers its translation above all else."""
        return self._stray(self.furniture, end, range(1, size + 1), other_end, other_size)

    def stray_untranslatable(self, end: np.ndarray, size: int, other_end: np.ndarray,
                             other_size: int) -> np.ndarray:
        """Like ``stray_furniture`` for untranslatable lines at either end of the spans only: one
        inside a bead cannot leave without splitting it, and in the gold it mostly belongs
        there (debris of a caption inside a sentence the bead translates)."""
        return self._stray(self.untranslatable, end, sorted({1, size}), other_end, other_size)

    def _stray(self, flags: np.ndarray | None, end: np.ndarray, offsets, other_end: np.ndarray,
               other_size: int) -> np.ndarray:
        count = np.zeros(len(end))
        if flags is None:
            return count
        for k in offsets:
            nearest = self.top_idx[end - k, 0]
            inside = (nearest >= other_end - other_size) & (nearest < other_end)
            count += flags[end - k] & ~inside
        return count

    def all_furniture(self, end: np.ndarray, size: int) -> np.ndarray:
        """Whether every sentence of the spans of ``size`` ending before ``end`` looks like
        page furniture (all False when no line was flagged)."""
        if self.furniture is None:
            return np.zeros(len(end), dtype=bool)
        return np.all([self.furniture[end - k] for k in range(1, size + 1)], axis=0)

    def holds_furniture(self, ids: tuple[int, ...]) -> bool:
        """Whether any of these sentences looks like page furniture."""
        return self.furniture is not None and bool(self.furniture[list(ids)].any())

    def crosses_paragraph(self, end: np.ndarray, size: int) -> np.ndarray:
        """Whether the span of ``size`` sentences ending before ``end`` spans a paragraph break."""
        if self.paragraph is None or size < 2:
            return np.zeros(len(end), dtype=bool)
        return self.paragraph[end - 1] != self.paragraph[end - size]


def length_delta(src_chars, tgt_chars, ratio: float):
    """Log of the target length over the length ``ratio`` expects of the source, each side
    padded by 10 characters so that short sentences do not swing it."""
    return np.log((tgt_chars + 10.0) / (ratio * src_chars + 10.0))


def length_ratio(src_lens: np.ndarray, tgt_lens: np.ndarray, anchors: list[tuple[int, int]]
                 ) -> tuple[float, float, float]:
    """Target characters per source character, and the share of each side's text the other
    side accounts for (1, 1 for a whole translation).

    Normally the whole documents' ratio; when the anchor pairs' ratio differs from it
    by more than half, one side holds much text the other lacks (a headline against a
    full article, a partial translation): the anchors' ratio is the translation's, and
    the longer side is only partly accounted for."""
    whole = float(tgt_lens.sum() / src_lens.sum())
    if not anchors:
        return whole, 1.0, 1.0
    i, j = np.array(anchors).T
    paired = float(tgt_lens[j].sum() / src_lens[i].sum())
    if max(paired / whole, whole / paired) <= 1.5:
        return whole, 1.0, 1.0
    return paired, min(whole / paired, 1.0), min(paired / whole, 1.0)


def centred(vecs: np.ndarray, mean: np.ndarray | None = None) -> np.ndarray:
    """Remove the document's mean direction, then renormalise.

    Sentence embeddings share a large common component (same language, same
    text); a mean of several vectors keeps it while its own detail averages
    out, so uncentred spans look more similar to everything than single
    sentences do, and the programme merges far too much.
    """
    vecs = np.asarray(vecs, dtype=np.float32)
    vecs = vecs - (vecs.mean(axis=0, keepdims=True) if mean is None else mean)
    return np.ascontiguousarray(vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12))


#: Fewer sentences than this on a side: no statistics (mean, random sample) of its own.
FEW = 8


def prepare_sides(
    src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_lens: np.ndarray, tgt_lens: np.ndarray,
    k: int, src_windows: dict[int, np.ndarray] | None = None,
    tgt_windows: dict[int, np.ndarray] | None = None,
    src_background: np.ndarray | None = None, tgt_background: np.ndarray | None = None,
) -> tuple[Side, Side]:
    """Centre both sides and attach each sentence's k nearest neighbours on the other side.

    A side of fewer than ``FEW`` sentences against a longer one has no mean of its own
    worth removing (one sentence minus its own mean is nothing): it is centred on the
    other side's mean; a lone sentence against another short side is left as it is.
    Such a side has no random sample of its own either: ``*_background`` (vectors of
    ``align.background`` in its language), when given, stand in for it.
    """
    means = [np.asarray(v, dtype=np.float32).mean(axis=0) for v in (src_vecs, tgt_vecs)]
    sizes = [len(src_vecs), len(tgt_vecs)]
    for side in (0, 1):
        if sizes[side] < FEW <= sizes[1 - side]:
            means[side] = means[1 - side]
        elif sizes[side] == 1:
            means[side] = np.zeros_like(means[side])
    src_vecs, tgt_vecs = centred(src_vecs, means[0]), centred(tgt_vecs, means[1])
    idx, sim = top_k_similarities(src_vecs, tgt_vecs, k)
    idx_t, sim_t = top_k_similarities(tgt_vecs, src_vecs, k)
    src = Side(
        src_vecs, np.maximum(np.asarray(src_lens, float), 1.0), sim.mean(axis=1),
        top_idx=idx, top_sim=sim,
    )
    tgt = Side(tgt_vecs, np.maximum(np.asarray(tgt_lens, float), 1.0), sim_t.mean(axis=1),
                top_idx=idx_t, top_sim=sim_t)
    rng = np.random.default_rng(0)
    src.sample = src.vecs[rng.choice(len(src.vecs), min(32, len(src.vecs)), replace=False)]
    tgt.sample = tgt.vecs[rng.choice(len(tgt.vecs), min(32, len(tgt.vecs)), replace=False)]
    for side, windows, background, mean in ((src, src_windows, src_background, means[0]),
                                            (tgt, tgt_windows, tgt_background, means[1])):
        side.windows = {size: centred(w, mean) for size, w in (windows or {}).items()}
        if background is not None and len(side.vecs) < FEW:
            side.sample = centred(background, mean)
    return src, tgt


def anchor_points(src: Side, tgt: Side) -> list[tuple[int, int, float]]:
    """Top-k candidates as weighted points; the weight is the margin, floored just above 0."""
    points = []
    for i in range(len(src.vecs)):
        for j, cos in zip(src.top_idx[i], src.top_sim[i], strict=True):
            margin = cos - 0.5 * (src.hub[i] + tgt.hub[j])
            if margin > -0.01:
                points.append((i, int(j), float(margin) + 0.011))
    return points


def similarity(src: Side, tgt: Side, src_ids: tuple[int, ...], tgt_ids: tuple[int, ...]) -> float:
    """The programme's similarity of one bead (``align.aligner``), from sentence vectors alone."""
    s_vec, t_vec = src.bead_vector(src_ids), tgt.bead_vector(tgt_ids)
    cos = float(s_vec @ t_vec)
    base = 0.5 * (2.0 - float(s_vec @ tgt.sample_mean + t_vec @ src.sample_mean))
    return 1.0 - (1.0 - cos) / max(base, 1e-6)
