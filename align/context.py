"""Each pair bead's evidence completed with what its neighbours and its ends say.

The programme (``align.aligner``) scores a bead on its own; whether it is right also
shows around it: whether its sentences' nearest neighbours agree, whether merging it
with a neighbour would match better (half of a larger gold bead), whether one of its
end sentences only dilutes the match (a spliced line), whether it pairs page furniture.
``align.confidence`` turns these into the bead's probability.
"""

from __future__ import annotations

from dataclasses import replace

from align.confidence import Evidence, mutual_share
from align.sides import Side, similarity
from align.types import Bead


def in_context(src: Side, tgt: Side, beads: list[Bead], evidence: list[Evidence], ratio: float
                ) -> list[Evidence]:
    """Each pair bead's evidence completed with what its neighbours, size and ends say."""
    src_top, tgt_top = src.top_idx[:, 0], tgt.top_idx[:, 0]
    out = []
    for k, (b, e) in enumerate(zip(beads, evidence, strict=True)):
        if b.is_pair:
            own = similarity(src, tgt, b.src, b.tgt)
            e = replace(e, mutual=mutual_share(b, src_top, tgt_top),
                        rival=_merge_rival(src, tgt, beads, k, own),
                        size=min(src.lens[list(b.src)].sum(), tgt.lens[list(b.tgt)].sum() / ratio),
                        furniture=float(_foreign_furniture(src, tgt, b, e.coverage)),
                        drop=_drop_gain(src, tgt, b, own))
        out.append(e)
    return out


def _foreign_furniture(src: Side, tgt: Side, bead: Bead, coverage: float) -> bool:
    """Whether the bead pairs page furniture: both sides hold a furniture line, or (as the
    programme charges a 1-1 bead) a lone line faces furniture with no dictionary word in common."""
    src_has, tgt_has = src.holds_furniture(bead.src), tgt.holds_furniture(bead.tgt)
    if len(bead.src) == len(bead.tgt) == 1 and coverage == 0:
        return src_has or tgt_has
    return src_has and tgt_has


def _drop_gain(src: Side, tgt: Side, bead: Bead, own: float) -> float:
    """How much more similar the bead would be without one of its end sentences (0 for a
    1-1 bead), against its ``own`` similarity: a merged member that only dilutes the match
    (an insertion, a spliced line) makes this positive, a member the translation needs
    makes it negative."""
    best = None
    for ids, other, is_src in ((bead.src, bead.tgt, True), (bead.tgt, bead.src, False)):
        if len(ids) > 1:
            for keep in (ids[1:], ids[:-1]):
                sim = similarity(src, tgt, keep, other) if is_src else similarity(src, tgt, other, keep)
                best = sim - own if best is None else max(best, sim - own)
    return 0.0 if best is None else best


def _merge_rival(src: Side, tgt: Side, beads: list[Bead], k: int, own: float) -> float:
    """How much better bead k (of similarity ``own``) would look merged with a neighbouring
    pair bead (negative: worse): a bead whose merge is about as good may be half of a larger
    gold bead."""
    bead, best = beads[k], -0.5
    for n in (k - 1, k + 1):
        if 0 <= n < len(beads) and beads[n].is_pair:
            first, second = (beads[n], bead) if n < k else (bead, beads[n])
            if len(first.src) + len(second.src) + len(first.tgt) + len(second.tgt) <= 8:
                merged = similarity(src, tgt, first.src + second.src, first.tgt + second.tgt)
                best = max(best, merged - own)
    return best
