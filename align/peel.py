"""Peel off the sentences a weak bead does not need: insertions the programme merged.

The programme leaves a sentence out only when that earns more than merging it, and
a merge costs little where a bead is poor anyway: an untranslated paragraph, a
caption or a spliced block ends up inside a large, unlikely bead rather than as
gaps. For beads of three or more sentences that the confidence model finds
unlikely, this pass drops sentences from either end of either side, one at a
time, while the bead's score (similarity, length ratio, dictionary coverage, as the
programme counts them) does not fall without them; what is dropped becomes a gap.
Only a sentence whose best match on the other side is among its side's weakest
can go: one whose translation is elsewhere belongs to a misaligned stretch, and
making it a gap would add an error, not remove one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from align.confidence import Evidence
from align.lexical import TermMatches
from align.sides import Side, length_delta, similarity
from align.types import Bead

#: A sentence can be peeled off only if its best match on the other side is weaker than
#: this share of its side's best matches (tuned on the noise benchmark, bench/noise.py).
LOOSE = 0.3

Ids = tuple[int, ...]


@dataclass
class PeelContext:
    """What scoring a bead needs besides its sentences."""

    src: Side
    tgt: Side
    ratio: float  #: target characters per source character
    length: float  #: weight of the squared log length ratio
    lexical: float  #: weight of dictionary coverage (0: none)
    lexical_base: float
    matches: TermMatches | None = None
    src_loose: np.ndarray = field(init=False)  #: sentences whose best match is weak
    tgt_loose: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        best = self.src.top_sim[:, 0], self.tgt.top_sim[:, 0]
        self.src_loose, self.tgt_loose = (b <= np.quantile(b, LOOSE) for b in best)

    def coverage(self, src_ids: Ids, tgt_ids: Ids) -> float:
        """Share of the bead's dictionary terms matched on its other side (NaN: none)."""
        if self.matches is None or not self.lexical:
            return float("nan")
        src_hits, tgt_hits = self.matches.pairs(np.repeat(np.array(src_ids), len(tgt_ids)),
                                                np.tile(np.array(tgt_ids), len(src_ids)))
        src_n = self.matches.src_count[list(src_ids)].sum()
        tgt_n = self.matches.tgt_count[list(tgt_ids)].sum()
        found = min(src_hits.sum(), src_n) + min(tgt_hits.sum(), tgt_n)
        return float(found / (src_n + tgt_n)) if src_n + tgt_n else float("nan")

    def score(self, src_ids: Ids, tgt_ids: Ids) -> tuple[float, Evidence]:
        """The bead's score as the programme counts it, and its evidence."""
        sim = similarity(self.src, self.tgt, src_ids, tgt_ids)
        s_len = self.src.lens[list(src_ids)].sum()
        t_len = self.tgt.lens[list(tgt_ids)].sum()
        delta = float(length_delta(s_len, t_len, self.ratio))
        cov = self.coverage(src_ids, tgt_ids)
        score = sim - self.length * delta**2
        if not np.isnan(cov):
            score += self.lexical * (cov - self.lexical_base)
        return score, Evidence(sim, cov, delta)


def _trimmed(ctx: PeelContext, src_ids: Ids, tgt_ids: Ids) -> Iterator[tuple[Ids, Ids, Bead, bool]]:
    """Each bead one loose end sentence smaller that keeps both sides: its source and
    target, the gap it leaves, and whether that gap comes first."""
    if len(src_ids) > 1:
        for keep, drop, first in ((src_ids[1:], src_ids[0], True), (src_ids[:-1], src_ids[-1], False)):
            if ctx.src_loose[drop]:
                yield keep, tgt_ids, Bead((drop,), (), 0.0), first
    if len(tgt_ids) > 1:
        for keep, drop, first in ((tgt_ids[1:], tgt_ids[0], True), (tgt_ids[:-1], tgt_ids[-1], False)):
            if ctx.tgt_loose[drop]:
                yield src_ids, keep, Bead((), (drop,), 0.0), first


def peel_bead(ctx: PeelContext, bead: Bead) -> tuple[list[Bead], list[Evidence]]:
    """The bead with the end sentences it does not need split off as gaps, in order."""
    src_ids, tgt_ids = bead.src, bead.tgt
    score, evidence = ctx.score(src_ids, tgt_ids)
    before: list[Bead] = []
    after: list[Bead] = []
    while True:
        options = [(*ctx.score(s, t), s, t, gap, first)
                   for s, t, gap, first in _trimmed(ctx, src_ids, tgt_ids)]
        best = max(options, key=lambda o: o[0], default=None)
        if best is None or best[0] < score:
            break
        score, evidence, src_ids, tgt_ids, gap, first = best
        (before if first else after).append(gap)
    beads = [*before, Bead(src_ids, tgt_ids, 0.0), *after[::-1]]
    return beads, [*([Evidence()] * len(before)), evidence, *([Evidence()] * len(after))]


def peel(ctx: PeelContext, beads: list[Bead], evidence: list[Evidence], weak: list[bool]
         ) -> tuple[list[Bead], list[Evidence]]:
    """Peel every bead of three or more sentences marked ``weak``."""
    out_b: list[Bead] = []
    out_e: list[Evidence] = []
    for bead, ev, is_weak in zip(beads, evidence, weak, strict=True):
        if is_weak and len(bead.src) + len(bead.tgt) > 2:
            more_b, more_e = peel_bead(ctx, bead)
            out_b += more_b
            out_e += more_e
        else:
            out_b.append(bead)
            out_e.append(ev)
    return out_b, out_e


def split_outliers(beads: list[Bead], evidence: list[Evidence], deviations: float
                   ) -> tuple[list[Bead], list[Evidence]]:
    """Pair beads whose similarity lies more than ``deviations`` robust standard deviations
    (1.4826 × the median absolute deviation) below the document's median, split into one
    gap per sentence: on a document that otherwise aligns well, such a bead pairs two
    lines that have nothing to do with each other."""
    sims = np.array([e.similarity for b, e in zip(beads, evidence, strict=True) if b.is_pair])
    if len(sims) < 8 or not deviations:
        return beads, evidence
    median = float(np.median(sims))
    floor = median - deviations * 1.4826 * float(np.median(np.abs(sims - median)))
    out_b: list[Bead] = []
    out_e: list[Evidence] = []
    for bead, ev in zip(beads, evidence, strict=True):
        if bead.is_pair and ev.similarity < floor:
            gaps = [Bead((i,), (), 0.0) for i in bead.src] + [Bead((), (j,), 0.0) for j in bead.tgt]
            out_b += gaps
            out_e += [Evidence()] * len(gaps)
        else:
            out_b.append(bead)
            out_e.append(ev)
    return out_b, out_e
