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
   log length-ratio penalty. Leaving a sentence out costs a constant, and half
   of it for each further sentence of a run (affine gaps, as in sequence
   alignment), a tenth where that sentence matches nothing well: a spliced
   paragraph costs less left out whole than with its ends merged into the beads
   beside it.
4. **Lexical evidence** (zh-en only, see ``align.lexical``): a bead also earns
   the share of its words that CC-CEDICT matches on its other side, above a
   small base, so a bead that leaves a sentence's words unaccounted for loses
   to one that includes it.

Page furniture, outliers and weak beads are then handled by
``align.furniture`` and ``align.peel``. Each pair bead's evidence (similarity,
coverage, length; from ``align.context`` its neighbours, furniture, what leaving out an end
sentence gains) goes to ``align.confidence``, whose model, fitted on the development gold sets by
``bench/calibrate.py``, turns it into the probability that the bead is exactly right.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.band import Band, anchor_chain, search_band
from align.confidence import Evidence, feature_matrix, probabilities, with_confidence
from align.context import in_context
from align.lexical import BandCoverage, TermMatches, Terms
from align.peel import PeelContext, realign_weak, split_outliers
from align.sides import FEW, Side, anchor_points, length_delta, length_ratio, prepare_sides
from align.types import Bead


@dataclass(frozen=True)
class AlignConfig:
    """Aligner knobs; defaults are tuned on MAC-Dev and Bible dev data (see BENCHMARKS.md)."""

    max_align: int = 6  #: most sentences in one bead, both sides together
    top_k: int = 1  #: neighbours per sentence for anchors and the margin
    window: int = 8  #: band half-width (sentences) around the anchor path
    length: float = 0.25  #: weight of the squared log length-ratio penalty
    skip: float = -0.2  #: score of a 1-0 or 0-1 bead
    gap_run: float = 0.5  #: share of ``skip`` each further sentence of a run of left-out
    #: sentences on one side pays: a spliced paragraph is left out whole rather than its ends
    #: merged into the beads beside it (1 → 0.5: clean beads the same, less noise absorbed;
    #: bench/noise.py)
    loose_run: float = 0.1  #: the same share for a loose sentence (``align.sides.LOOSE``): a
    #: run of text without a counterpart costs still less (0.5 → 0.1: clean beads the same,
    #: less noise absorbed; 0.05 loses Text+Berg clean beads)
    longest_run: int = 4  #: most source sentences in one run (a longer one opens again);
    #: target runs are found along a row, of any length
    merge: float = 0.0  #: penalty per extra sentence in a bead beyond 1-1
    paragraph: float = 0.3  #: penalty per side where a bead spans a paragraph break
    lexical: float = 0.4  #: weight of dictionary word coverage (zh-en); 0 turns it off
    lexical_base: float = 0.1  #: coverage that earns nothing; below it a bead pays
    min_pair: float = 0.0  #: pair beads less likely right than this become gaps (no TU)
    realign: float = 0.15  #: beads of 3+ sentences less likely right than this are aligned
    #: again inside their rectangle, their loose sentences free to leave out (``align.peel``;
    #: 0.1 → 0.15: one more Text+Berg insertion, noisy F1 up, clean unchanged; bench/noise.py)
    outlier: float = 4.0  #: pair beads this many robust deviations less similar than the
    #: document's median become gaps (0: never)
    furniture: float = 0.4  #: cost per page-furniture line in a pair bead that its nearest
    #: sentence on the other side is not in, and of a 1-1 bead with furniture on either side and
    #: no dictionary word in common (zh-en); leaving one out is free

    def bead_types(self) -> list[tuple[int, int]]:
        """All (src, tgt) sizes allowed: 0-1, 1-0, runs of up to ``longest_run`` source
        sentences left out (k-0), and every m-n with m + n ≤ max_align."""
        types = [(1, 0), (0, 1)]
        if min(self.gap_run, self.loose_run) < 1.0:
            types += [(k, 0) for k in range(2, self.longest_run + 1)]
        types += [
            (a, b)
            for a in range(1, self.max_align)
            for b in range(1, self.max_align)
            if a + b <= self.max_align
        ]
        return types


def align_with_evidence(
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
    src_furniture: np.ndarray | None = None,
    tgt_furniture: np.ndarray | None = None,
    src_untranslatable: np.ndarray | None = None,
    tgt_untranslatable: np.ndarray | None = None,
    src_background: np.ndarray | None = None,
    tgt_background: np.ndarray | None = None,
) -> tuple[list[Bead], list[Evidence]]:
    """Align two sequences of L2-normalised sentence vectors; return beads in order with
    the evidence behind each (confidences are left at 0; ``align_vectors`` adds them).

    ``*_windows`` optionally map a span size k to the embeddings of every run of
    k consecutive sentences (row e = sentences e..e+k-1); spans of other sizes
    use length-weighted means of sentence vectors. ``*_paragraphs`` give each
    sentence's paragraph number: a bead that spans a paragraph break is
    penalised, since translators keep paragraphs and CAT tools never match
    across them. ``*_terms`` (from ``align.lexical.sentence_terms``) add
    dictionary evidence weighted by ``config.lexical``. ``*_furniture`` flag lines
    that look like page furniture (``align.furniture.furniture_lines``): they are left
    out for free and cost ``config.furniture`` in a pair bead; so do ``*_untranslatable`` lines
    (``align.pipeline.untranslatable``: wordless lines, untranslated passages), but only at a
    bead's ends. ``*_background`` are unrelated sentences in a side's language, the baseline
    for a side too short to sample (``align.sides.prepare_sides``).
    """
    config = config or AlignConfig()
    n, m = len(src_vecs), len(tgt_vecs)
    if n == 0 or m == 0:
        gaps = [Bead((i,), ()) for i in range(n)] + [Bead((), (j,)) for j in range(m)]
        return gaps, [Evidence()] * len(gaps)
    src, tgt = prepare_sides(
        src_vecs, tgt_vecs, src_lens, tgt_lens, config.top_k, src_windows, tgt_windows,
        src_background, tgt_background,
    )
    for side, paragraphs in ((src, src_paragraphs), (tgt, tgt_paragraphs)):
        if paragraphs is not None:
            side.paragraph = np.asarray(paragraphs)
    anchors = anchor_chain(anchor_points(src, tgt), m)
    lo, hi = search_band(anchors, n, m, config.window)
    matches = None
    if config.lexical and src_terms is not None and tgt_terms is not None:
        matches = TermMatches(src_terms, tgt_terms)
    ratio, src_share, tgt_share = length_ratio(src.lens, tgt.lens, anchors)
    # Leaving out a sentence costs less on a side that is mostly unaccounted for.
    for side, share, furniture, untranslatable in (
            (src, src_share, src_furniture, src_untranslatable),
            (tgt, tgt_share, tgt_furniture, tgt_untranslatable)):
        side.skip = np.full(len(side.vecs), config.skip * share)
        if furniture is not None:
            side.furniture = np.asarray(furniture, dtype=bool)
            side.skip[side.furniture] = 0.0
        if untranslatable is not None:
            side.untranslatable = np.asarray(untranslatable, dtype=bool)
            side.skip[side.untranslatable] = 0.0
        side.extend = side.skip * np.where(side.loose, config.loose_run, config.gap_run)
    beads, evidence = _programme(src, tgt, lo, hi, ratio, config, matches)
    beads, evidence = split_outliers(beads, evidence, config.outlier)
    evidence = in_context(src, tgt, beads, evidence, ratio)
    if config.realign > 0:
        probs = iter(probabilities(feature_matrix(beads, evidence)).tolist())
        weak = [b.is_pair and next(probs) < config.realign for b in beads]
        if any(w and len(b.src) + len(b.tgt) > 2 for w, b in zip(weak, beads, strict=True)):
            context = PeelContext(src, tgt, ratio, config.length,
                                  config.lexical if matches else 0.0, config.lexical_base, matches)
            beads, evidence = realign_weak(context, beads, evidence, weak, config.max_align)
            evidence = in_context(src, tgt, beads, evidence, ratio)
    return beads, evidence


def align_vectors(
    src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_lens: np.ndarray, tgt_lens: np.ndarray,
    config: AlignConfig | None = None, **inputs,
) -> list[Bead]:
    """Align like ``align_with_evidence`` (same optional ``inputs``, by keyword) and give
    each pair bead its calibrated confidence; pair beads less likely right than
    ``config.min_pair`` become gaps (no TU)."""
    config = config or AlignConfig()
    beads, evidence = align_with_evidence(src_vecs, tgt_vecs, src_lens, tgt_lens, config, **inputs)
    return without_unlikely(with_confidence(beads, evidence), config.min_pair)


def without_unlikely(beads: list[Bead], floor: float) -> list[Bead]:
    """Pair beads below ``floor`` split into one gap per sentence: an unrelated line
    (page furniture, a caption, an insertion) is left out rather than paired."""
    out = []
    for bead in beads:
        if bead.is_pair and bead.confidence < floor:
            out += [Bead((i,), ()) for i in bead.src] + [Bead((), (j,)) for j in bead.tgt]
        else:
            out.append(bead)
    return out


@dataclass
class _Scored:
    """Every bead of one type the programme may use: where it ends and starts, what it
    earns, and the evidence behind the score (kept for the confidence)."""

    cells: np.ndarray
    prev: np.ndarray
    score: np.ndarray
    similarity: np.ndarray  #: 1 - cosine distance relative to unrelated text
    coverage: np.ndarray  #: share of dictionary words matched, NaN without evidence
    length: np.ndarray  #: log length ratio against the document's own

    def at(self, cell: int) -> tuple[float, float, float]:
        """(similarity, coverage, length) of the bead ending at ``cell``."""
        k = int(np.searchsorted(self.cells, cell))
        return float(self.similarity[k]), float(self.coverage[k]), float(self.length[k])


def _type_scores(
    src: Side, tgt: Side, band: Band, a: int, b: int, ratio: float, config: AlignConfig,
    coverage: BandCoverage | None = None, chunk: int = 16384,
) -> _Scored:
    """For bead type (a, b): every band cell it can end at, its predecessor cell, its
    score and the evidence behind it.

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
    nothing = np.zeros(len(cells))
    if b == 0 or a == 0:
        if b == 0:  # a run of a source sentences: the first pays skip, the rest extend
            first = rows[cells] - a
            skip = src.skip[first] + sum(src.extend[first + p] for p in range(1, a))
        else:
            skip = tgt.skip[cols[cells] - 1]
        return _Scored(cells, prev, skip, nothing, nothing, nothing)
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
        s_base[sl] = 1.0 - s_vec @ tgt.sample_mean
        t_base[sl] = 1.0 - t_vec @ src.sample_mean
    # Cosine distance relative to the spans' mean distance from random text of the
    # other side: a margin that corrects for spans that are close to everything. A
    # side too short to sample (a headline) gives no baseline: its "random" sentence
    # would be the very translation being scored.
    s_w, t_w = float(len(tgt.sample) >= FEW), float(len(src.sample) >= FEW)
    base = (s_w * s_base + t_w * t_base) / (s_w + t_w) if s_w + t_w else np.ones(len(cells))
    similarity = 1.0 - (1.0 - cos.astype(np.float64)) / np.maximum(base, 1e-6)
    delta = length_delta(s_len, t_len, ratio)
    score = similarity - config.length * delta**2 - config.merge * (a + b - 2)
    score -= config.paragraph * (src.crosses_paragraph(i, a).astype(float)
                                 + tgt.crosses_paragraph(j, b))
    share = coverage.of(i, j, a, b) if coverage is not None else np.full(len(cells), np.nan)
    stray = src.stray_furniture(i, a, j, b) + tgt.stray_furniture(j, b, i, a)
    src_furniture, tgt_furniture = src.all_furniture(i, a), tgt.all_furniture(j, b)
    foreign = src_furniture & tgt_furniture
    if a == b == 1:
        # A headline may look like furniture while its translation does not: a lone
        # line paired with a sentence pays only where both look like furniture, or where
        # either does and no dictionary word is shared ("你好。" facing "Home>>").
        stray *= foreign
        foreign = src_furniture | tgt_furniture
    # Furniture facing furniture with no dictionary word in common is two pages' own
    # ("相关新闻" facing "Home>>"): it pays even where the lines are each other's nearest.
    score -= config.furniture * np.where(foreign & (share == 0), np.maximum(stray, 1.0), stray)
    score -= config.furniture * (src.stray_untranslatable(i, a, j, b) + tgt.stray_untranslatable(j, b, i, a))
    if coverage is not None:
        score += config.lexical * np.where(np.isnan(share), 0.0, share - config.lexical_base)
    return _Scored(cells, prev, score, similarity, share, delta)


def _programme(
    src: Side, tgt: Side, lo: np.ndarray, hi: np.ndarray, ratio: float, config: AlignConfig,
    matches: TermMatches | None = None,
) -> tuple[list[Bead], list[Evidence]]:
    """Best-scoring path of beads through the band, then backtrack; each side's ``skip``
    scores leaving out each of its sentences."""
    band = Band(lo, hi)
    types = config.bead_types()
    coverage = BandCoverage(matches, band) if matches is not None else None
    scored = [_type_scores(src, tgt, band, a, b, ratio, config, coverage) for a, b in types]
    # Per type, where each row's cells start in its (row-sorted) cell list.
    starts = [np.searchsorted(band.rows[s.cells], np.arange(len(lo) + 1)) for s in scored]
    best = np.full(band.off[-1], -np.inf)
    arg = np.full(band.off[-1], -1, dtype=np.int8)
    insertion = types.index((0, 1))
    # 0-1 beads move along a row: column j is reached from column j' < j by leaving out
    # targets j'..j-1 as one run, which pays tgt.skip[j'] and tgt.extend of the rest:
    # opening[j'] + extended[j], a running maximum over j' along the row.
    extended = np.concatenate(([0.0], np.cumsum(tgt.extend)))
    opening = np.concatenate((tgt.skip - tgt.extend, [0.0])) - extended
    run_from = np.full(band.off[-1], -1, dtype=np.int64)
    best[0] = 0.0
    for i in range(len(lo)):
        row = slice(band.off[i], band.off[i + 1])
        for t, (a, _) in enumerate(types):
            if a == 0:
                continue
            part = slice(starts[t][i], starts[t][i + 1])
            cand = best[scored[t].prev[part]] + scored[t].score[part]
            target = scored[t].cells[part]
            better = cand > best[target]
            best[target[better]] = cand[better]
            arg[target[better]] = t
        cols = band.cols[row]
        start = best[row] + opening[cols]
        top = np.maximum.accumulate(start)
        origin = np.maximum.accumulate(np.where(start >= top, np.arange(len(start)), 0))
        run = np.concatenate(([-np.inf], top[:-1] + extended[cols[1:]]))
        from_left = run > best[row] + 1e-9  # not rounding noise of the cell itself
        best[row] = np.where(from_left, run, best[row])
        arg[row] = np.where(from_left, insertion, arg[row])
        run_from[row] = np.where(from_left, np.concatenate(([0], cols[origin[:-1]])), -1)
    return _backtrack(band, arg, run_from, scored, types)


def _backtrack(
    band: Band, arg: np.ndarray, run_from: np.ndarray, scored: list[_Scored],
    types: list[tuple[int, int]],
) -> tuple[list[Bead], list[Evidence]]:
    """The best path's beads; a run of left-out sentences becomes one gap bead each."""
    i, j = len(band.lo) - 1, int(band.hi[-1])
    beads: list[Bead] = []
    evidence: list[Evidence] = []
    while i > 0 or j > 0:
        cell = int(band.index(i, j))
        t = int(arg[cell])
        a, b = types[t]
        if a and b:
            beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j)), 0.0))
            evidence.append(Evidence(*scored[t].at(cell)))
        else:
            a, b = (a, 0) if a else (0, j - int(run_from[cell]))
            beads += [Bead((k,), (), 0.0) for k in range(i - 1, i - a - 1, -1)]
            beads += [Bead((), (k,), 0.0) for k in range(j - 1, j - b - 1, -1)]
            evidence += [Evidence()] * (a + b)
        i, j = i - a, j - b
    return beads[::-1], evidence[::-1]
