"""Bead confidence as a calibrated probability that the bead is exactly the gold bead.

The programme's own score says which path is best, not how likely each bead
on it is right. A logistic model over the evidence of each pair bead and its
surroundings turns that into a probability: fitted on the development gold
sets by ``bench/calibrate.py`` (parameters in ``align.calibration``) and
checked on a held-out split, so that of the TUs reported at 0.9 about nine in
ten are exactly right (BENCHMARKS.md, "Confidence calibration").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from align.calibration import CURVE, WEIGHTS
from align.types import Bead

#: The ``--min-score`` recommended for translation memories (README), where a wrong TU
#: costs more than a missing one: keep only TUs more likely right than wrong.
DEFAULT_MIN_SCORE = 0.5

#: Names of the model's inputs, in the order of ``WEIGHTS`` (the last is the intercept).
FEATURES = (
    "similarity", "similarity_sq", "coverage", "has_coverage", "length_sq", "extra_sentences",
    "one_to_one", "mutual", "neighbours", "gaps_near", "document", "rival",
    "document_merges", "similarity_with_coverage", "mutual_with_coverage",
    "log_size", "neighbour_short", "furniture_pair", "drop_gain", "intercept",
)


@dataclass(frozen=True)
class Evidence:
    """What the programme knew about one bead (zeros for a gap)."""

    similarity: float = 0.0  #: 1 - cosine distance relative to unrelated text
    coverage: float = math.nan  #: share of dictionary words matched; NaN without a dictionary
    length: float = 0.0  #: log length ratio against the document's own
    mutual: float = 0.0  #: share of the bead's sentences whose nearest neighbour is in the bead
    rival: float = 0.0  #: similarity gained by merging with a neighbouring bead (-0.5: none)
    size: float = 0.0  #: characters of the shorter side, in source characters
    furniture: float = 0.0  #: 1 when the bead pairs page furniture: on both sides, or a lone
    #: line facing furniture with no dictionary word in common
    drop: float = 0.0  #: similarity gained by leaving out one end sentence (the best; 0: 1-1)


def mutual_share(bead: Bead, src_top: np.ndarray, tgt_top: np.ndarray) -> float:
    """Share of the bead's sentences whose nearest sentence on the other side is in the bead:
    a bead whose sentences all prefer each other beats its rivals outright."""
    inside = sum(int(src_top[i]) in bead.tgt for i in bead.src)
    inside += sum(int(tgt_top[j]) in bead.src for j in bead.tgt)
    return inside / (len(bead.src) + len(bead.tgt))


def feature_matrix(beads: list[Bead], evidence: list[Evidence]) -> np.ndarray:
    """One row of ``FEATURES`` per pair bead, in order."""
    sims = np.array([e.similarity for e in evidence])
    pairs = [k for k, b in enumerate(beads) if b.is_pair]
    document = float(np.median(sims[pairs])) if pairs else 0.0
    merges = float(np.mean([len(beads[k].src) + len(beads[k].tgt) > 2 for k in pairs])) if pairs else 0.0
    # A bead beside one that is short for its document is often half of a larger gold
    # bead (a verse or a line of dialogue cut in two, the short part paired on its own);
    # the median makes "short" independent of the language and of the document's style.
    log_sizes = {k: math.log1p(evidence[k].size) for k in pairs}
    typical = float(np.median(list(log_sizes.values()))) if pairs else 0.0
    rows = []
    for k in pairs:
        bead, ev = beads[k], evidence[k]
        near = [sims[n] if beads[n].is_pair else 0.0 for n in (k - 1, k + 1) if 0 <= n < len(beads)]
        gaps = sum(not beads[n].is_pair for n in range(max(k - 2, 0), min(k + 3, len(beads))))
        neighbour_short = min([0.0] + [log_sizes[n] - typical for n in (k - 1, k + 1) if n in log_sizes])
        has_coverage = not math.isnan(ev.coverage)
        rows.append([
            ev.similarity, ev.similarity**2, ev.coverage if has_coverage else 0.0,
            float(has_coverage), ev.length**2, len(bead.src) + len(bead.tgt) - 2,
            float(len(bead.src) == len(bead.tgt) == 1), ev.mutual,
            float(np.mean(near)) if near else 0.0, gaps, document, ev.rival, merges,
            ev.similarity * has_coverage, ev.mutual * has_coverage, log_sizes[k],
            neighbour_short, ev.furniture, ev.drop, 1.0,
        ])
    return np.array(rows, dtype=float).reshape(-1, len(FEATURES))


def probabilities(features: np.ndarray, weights: tuple[float, ...] = WEIGHTS,
                  curve: tuple[list[float], list[float]] = CURVE) -> np.ndarray:
    """P(bead is exactly right) for each row: a logistic score (which ranks beads, noise
    included) mapped through an isotonic curve fitted on clean beads (which sets the scale)."""
    z = features @ np.asarray(weights, dtype=float)
    return np.interp(z, curve[0], curve[1])


def with_confidence(beads: list[Bead], evidence: list[Evidence]) -> list[Bead]:
    """The beads with their calibrated confidence; gaps get 0."""
    probs = iter(probabilities(feature_matrix(beads, evidence)).tolist())
    return [Bead(b.src, b.tgt, round(next(probs), 4) if b.is_pair else 0.0) for b in beads]
