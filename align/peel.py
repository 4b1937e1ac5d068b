"""Re-align weak beads inside their own rectangle: insertions the programme merged.

The programme leaves a sentence out only when that earns more than merging it, and
a merge costs little where a bead is poor anyway: an untranslated paragraph, a
caption or a spliced block ends up inside a large, unlikely bead rather than as
gaps. Each bead of three or more sentences that the confidence model finds
unlikely is aligned again on its own, with the same bead scores (similarity,
length ratio, dictionary coverage) but with its loose sentences free to leave
out: a loose sentence is one whose best match on the other side is among its
side's weakest. One whose translation is elsewhere belongs to a misaligned
stretch, and making it a gap would add an error, not remove one, so it keeps its
usual cost. The bead's own corners stay where the programme put them, so its
neighbours never change. The new beads replace the old one only when the gaps they
make, with a gap already beside the bead, form runs of at least two sentences:
insertions mostly come in runs (42 of the 58 gaps of the Text+Berg gold sit beside
another gap), while a lone sentence peeled off a weak bead, with nothing left out
beside it, was on the dev sets mostly a bead boundary the programme misplaced, and
making it a gap adds a wrong bead rather than removing one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from align.confidence import Evidence
from align.lexical import TermMatches
from align.sides import Side, length_delta, similarity
from align.types import Bead

#: Fewest sentences a re-aligned weak bead must leave out, counting a gap beside the bead that
#: one of them joins, for the re-alignment to stand (1 re-aligns every weak bead: Text+Berg clean
#: strict F1 0.9197 instead of 0.9206, MAC-Dev 0.8884 instead of 0.8887, one more Text+Berg
#: insertion found; counting the gap beside: Text+Berg 0.9208, two more; bench/noise.py).
MIN_LEFT_OUT = 2

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


def realign_bead(ctx: PeelContext, bead: Bead, max_align: int) -> tuple[list[Bead], list[Evidence]]:
    """The best path of beads and gaps from one corner of the bead's rectangle to the
    other: its loose sentences leave out for free, the rest at their usual cost (a
    side's ``skip``); the whole bead wins a tie."""
    s_ids, t_ids = bead.src, bead.tgt
    s_skip = np.where(ctx.src.loose, 0.0, ctx.src.skip)
    t_skip = np.where(ctx.tgt.loose, 0.0, ctx.tgt.skip)
    # best[i, j]: score, previous corner and evidence of the path to s_ids[:i], t_ids[:j].
    best: dict[tuple[int, int], tuple[float, tuple[int, int], Evidence]] = {(0, 0): (0.0, (0, 0), Evidence())}
    for i in range(len(s_ids) + 1):
        for j in range(len(t_ids) + 1):
            options = []
            if i:
                options.append((best[i - 1, j][0] + s_skip[s_ids[i - 1]], (i - 1, j), Evidence()))
            if j:
                options.append((best[i, j - 1][0] + t_skip[t_ids[j - 1]], (i, j - 1), Evidence()))
            for p in range(1, min(i, max_align - 1) + 1):
                for q in range(1, min(j, max_align - p) + 1):
                    score, evidence = ctx.score(s_ids[i - p:i], t_ids[j - q:j])
                    options.append((best[i - p, j - q][0] + score, (i - p, j - q), evidence))
            if options:  # larger beads first on equal scores: the programme's choice stands
                best[i, j] = max(options, key=lambda o: (o[0], -sum(o[1])))
    beads: list[Bead] = []
    evidence: list[Evidence] = []
    i, j = len(s_ids), len(t_ids)
    while i or j:
        _, (pi, pj), ev = best[i, j]
        beads.append(Bead(s_ids[pi:i], t_ids[pj:j], 0.0))
        evidence.append(ev)
        i, j = pi, pj
    return beads[::-1], evidence[::-1]


def realign_weak(ctx: PeelContext, beads: list[Bead], evidence: list[Evidence], weak: list[bool],
                 max_align: int) -> tuple[list[Bead], list[Evidence]]:
    """Every bead of three or more sentences marked ``weak`` re-aligned in its rectangle,
    where the sentences that leaves out, with any gap beside them, form runs of at least
    ``MIN_LEFT_OUT`` sentences (a gap already beside the bead may be a wordless line that
    the programme left out for free)."""
    out_b: list[Bead] = []
    out_e: list[Evidence] = []
    for k, (bead, ev, is_weak) in enumerate(zip(beads, evidence, weak, strict=True)):
        more_b, more_e = [], []
        if is_weak and len(bead.src) + len(bead.tgt) > 2:
            more_b, more_e = realign_bead(ctx, bead, max_align)
        left_out = sum(not b.is_pair for b in more_b)
        if left_out and left_out < MIN_LEFT_OUT:
            left_out += (not more_b[0].is_pair and k > 0 and not beads[k - 1].is_pair)
            left_out += (not more_b[-1].is_pair and k + 1 < len(beads) and not beads[k + 1].is_pair)
        if left_out >= MIN_LEFT_OUT:
            out_b += more_b
            out_e += more_e
        else:
            out_b.append(bead)
            out_e.append(ev)
    return out_b, out_e
