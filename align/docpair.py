"""Which documents of a mixed collection translate each other (one-to-one).

Encoding every sentence of every document would take hours (the bundled
encoder embeds ~40 sentences a second), so pairing only ever looks at a
bounded sample of each document:

1. **Profile** (``align.profile``). Each document is segmented; its first ``head`` and last
   ``tail`` sentences are embedded. Numbers (dates included) and Latin-script
   tokens are collected: they survive translation unchanged.
2. **Candidates** (``align.retrieval``): nearest documents by pooled sample
   vector and by shared rare numbers and Latin tokens; never all against all.
3. **Verification.** Head is sentence-aligned with head and tail with tail
   (``align_vectors``). Along a translation's monotonic path each sentence's
   partner stands 2–3 standard deviations above the other sentences; a
   document on the same topic reaches about 1. This keeps same-topic
   documents apart, and a partial translation still matches at one end.
4. **Assignment.** One-to-one, maximising the summed score over the verified
   candidates (``scipy.optimize.linear_sum_assignment`` per connected group);
   a pair scoring under ``threshold`` is not a pair.

Coverage (how much of each document the other translates) is estimated from
the two lengths and the collection's length ratio, measured on the confident
beads of the accepted pairs; after full alignment the corpus writer replaces
it with the measured share.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import threadpool_limits

from align.aligner import AlignConfig, align_vectors
from align.encoders import CachedEncoder
from align.pipeline import ProgressFactory, sentence_lengths
from align.profile import Profile, embed, profile
from align.retrieval import candidates, unit_rows
from align.types import Document

#: Verification aligns short samples: beads up to 1-2 and 2-1 are enough and 3x faster.
_VERIFY = AlignConfig(max_align=3)
#: Coverage under this flags a partial translation.
PARTIAL = 0.8


@dataclass(frozen=True)
class PairingConfig:
    """Pairing knobs; defaults are tuned on the Bible books and the seeds (see BENCHMARKS.md)."""

    head: int = 32  #: leading sentences embedded per document
    tail: int = 24  #: trailing sentences embedded per document
    candidates: int = 8  #: nearest documents kept per document and per signal
    bead_confidence: float = 0.8  #: a verification bead this confident counts as matched
    z_mid: float = 1.45  #: verification z (plus cheap evidence) at which the score is 0.5
    z_slope: float = 5.0  #: steepness of the score around ``z_mid``
    numbers_weight: float = 0.5  #: z added by sharing all rare numbers and dates
    latin_weight: float = 0.5  #: z added by sharing all rare Latin-script tokens
    threshold: float = 0.5  #: lowest pair score accepted


@dataclass
class DocumentPair:
    """Two documents found to translate each other, with the evidence."""

    src: str  #: path of the source-language document
    tgt: str  #: path of the target-language document
    score: float  #: 0–1; the pair is accepted at ``PairingConfig.threshold``
    src_coverage: float  #: share of the source the target translates (estimated, then measured)
    tgt_coverage: float  #: share of the target the source translates (estimated, then measured)
    signals: dict[str, float] = field(default_factory=dict)  #: what the score was made of
    tus: int | None = None  #: translation units written, once the pair is aligned
    translates: bool | None = None  #: align.verdict on its full alignment, once aligned

    @property
    def coverage(self) -> float:
        """Share of the longer side covered: under 1 for a partial translation."""
        return min(self.src_coverage, self.tgt_coverage)

    @property
    def partial(self) -> bool:
        """One side translates clearly less than all of the other."""
        return self.coverage < PARTIAL


@dataclass
class Unpaired:
    """A document left without a partner, with the best candidate it had."""

    path: str
    lang: str
    best: str | None  #: path of its best-scoring candidate, if it had any
    best_score: float


@dataclass
class Skipped:
    """An input that was not considered for pairing, and why."""

    path: str
    reason: str


@dataclass
class Candidate:
    """A pair of documents that was verified, accepted or not."""

    src: str
    tgt: str
    signals: dict[str, float]  #: retrieval and verification figures, and the score


@dataclass
class Pairing:
    """Everything a pairing run found, ready for TSV files or a report."""

    src_lang: str
    tgt_lang: str
    pairs: list[DocumentPair]
    unpaired: list[Unpaired]
    skipped: list[Skipped] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  #: every pair verified
    encoded: int = 0  #: sentences embedded for pairing


# --- verification ---------------------------------------------------------------------------


def _block_stats(va: np.ndarray, vb: np.ndarray, la: np.ndarray, lb: np.ndarray,
                 mean_a: np.ndarray, mean_b: np.ndarray, config: PairingConfig) -> dict[str, float]:
    """Align one pair of blocks (vectors, sentence lengths) and measure the path."""
    beads = align_vectors(va, vb, la, lb, _VERIFY)
    pairs = [x for x in beads if x.is_pair]
    sim = unit_rows(va - mean_a) @ unit_rows(vb - mean_b).T
    # How far above its row (column) the path's cell is, in standard deviations.
    z_rows = (sim - sim.mean(axis=1, keepdims=True)) / (sim.std(axis=1, keepdims=True) + 1e-6)
    z_cols = (sim - sim.mean(axis=0, keepdims=True)) / (sim.std(axis=0, keepdims=True) + 1e-6)
    rows = [z_rows[i, list(x.tgt)].max() for x in pairs for i in x.src]
    cols = [z_cols[list(x.src), j].max() for x in pairs for j in x.tgt]
    sure = [x for x in pairs if x.confidence >= config.bead_confidence]
    src_in = sum(la[i] for x in sure for i in x.src)
    tgt_in = sum(lb[j] for x in sure for j in x.tgt)
    return {
        "z": float(max(np.mean(rows) if rows else 0.0, np.mean(cols) if cols else 0.0)),
        "z_rows": float(np.mean(rows)) if rows else 0.0,
        "z_cols": float(np.mean(cols)) if cols else 0.0,
        "matched": float(max(src_in / max(la.sum(), 1.0), tgt_in / max(lb.sum(), 1.0))),
        "ratio": float(tgt_in / src_in) if src_in else 0.0,
    }


def verify(a: Profile, b: Profile, config: PairingConfig) -> dict[str, float]:
    """Sentence-align corresponding sampled blocks; keep the best block's figures.

    ``z``: how far the path's similarity stands above the other sentences',
    in standard deviations, averaged over the path (translations: 2–3;
    same-topic texts: under 1.3). ``matched``: share of a block inside
    confident beads. ``ratio``: target/source characters over confident
    beads, to estimate coverage. ``at_end``: 1 when the best match is at the
    documents' ends (so a partial translation covers the end), else 0.
    """
    la_all, lb_all = sentence_lengths(a.sentences), sentence_lengths(b.sentences)
    mean_a, mean_b = a.mean, b.mean
    # Head with head and tail with tail; a short document (one block) with each block.
    pairs = ([(0, k) for k in range(len(b.blocks))] if len(a.blocks) == 1 else
             [(k, 0) for k in range(len(a.blocks))] if len(b.blocks) == 1 else
             [(0, 0), (1, 1)])
    stats = [_block_stats(a.vectors[x], b.vectors[y], la_all[list(a.blocks[x])],
                          lb_all[list(b.blocks[y])], mean_a, mean_b, config) for x, y in pairs]
    best = max(range(len(stats)), key=lambda k: stats[k]["z"])
    return stats[best] | {"z_mean": float(np.mean([st["z"] for st in stats])),
                          "at_end": float(1 in pairs[best])}


# --- scoring and assignment -----------------------------------------------------------------


def _evidence(signals: dict[str, float], config: PairingConfig) -> float:
    """The best block's z plus the cheap signals' share of it."""
    return (signals["z"] + config.numbers_weight * signals["numbers"]
            + config.latin_weight * signals["latin"])


def pair_score(signals: dict[str, float], config: PairingConfig) -> float:
    """0–1 from the verification z and the cheap evidence (numbers, Latin tokens).

    A logistic curve centred at ``config.z_mid``: translations of running text
    score z ≈ 2–3, documents on the same topic under 1.3 (see BENCHMARKS.md).
    """
    return 1.0 / (1.0 + math.exp(-config.z_slope * (_evidence(signals, config) - config.z_mid)))


def pair_weight(signals: dict[str, float], config: PairingConfig) -> float:
    """What the assignment maximises: the evidence above the score's midpoint (so two
    doubtful pairs do not outweigh the one translation they would break up) plus the
    mean z over both ends. Unlike the score it does not saturate, and it prefers a pair
    matching at both ends over one matching at one end only (2 Kings and Jeremiah share
    a final chapter)."""
    return _evidence(signals, config) - config.z_mid + signals["z_mean"]


def assign(weights: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The one-to-one set of (source, target) pairs with the largest total weight.

    Solved per connected group of candidates, so a large collection is many
    small assignment problems rather than one big one.
    """
    from scipy.optimize import linear_sum_assignment  # here: scipy is most of a command's start-up
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if not weights:
        return []
    rows = sorted({i for i, _ in weights})
    cols = sorted({j for _, j in weights})
    r_at = {i: n for n, i in enumerate(rows)}
    c_at = {j: n for n, j in enumerate(cols)}
    r = np.array([r_at[i] for i, _ in weights])
    c = np.array([c_at[j] for _, j in weights])
    graph = coo_matrix((np.ones(len(weights)), (r, len(rows) + c)),
                       shape=(len(rows) + len(cols),) * 2)
    _, label = connected_components(graph, directed=False)
    groups: dict[int, list[tuple[int, int]]] = {}
    for i, j in weights:
        groups.setdefault(int(label[r_at[i]]), []).append((i, j))
    chosen = []
    for members in groups.values():
        g_rows = sorted({i for i, _ in members})
        g_cols = sorted({j for _, j in members})
        # Pairs outside the candidates cost 0, as not pairing does: they are never chosen.
        cost = np.zeros((len(g_rows), len(g_cols)))
        for i, j in members:
            cost[g_rows.index(i), g_cols.index(j)] = -weights[i, j]
        for a, b in zip(*linear_sum_assignment(cost), strict=True):
            if cost[a, b] < 0:
                chosen.append((g_rows[a], g_cols[b]))
    return sorted(chosen)


def _coverage(a: Profile, b: Profile, ratio: float) -> tuple[float, float]:
    """Share of each document the other translates, from its length and the expected
    target/source length ratio."""
    expected = ratio * a.chars
    return min(1.0, b.chars / max(expected, 1.0)), min(1.0, expected / max(b.chars, 1.0))


def _unpaired(profiles: Sequence[Profile], paired: set[str],
              found: dict[tuple[int, int], dict[str, float]], src: Sequence[Profile],
              tgt: Sequence[Profile]) -> list[Unpaired]:
    """Every profile not in a pair, with its best-scoring candidate."""
    best: dict[str, tuple[float, str]] = {}
    for (i, j), signals in found.items():
        for me, other in ((src[i], tgt[j]), (tgt[j], src[i])):
            if signals["score"] > best.get(me.path, (-1.0, ""))[0]:
                best[me.path] = (signals["score"], other.path)
    out = []
    for p in profiles:
        if p.path not in paired:
            score, other = best.get(p.path, (0.0, None))
            out.append(Unpaired(p.path, p.lang, other, round(score, 4)))
    return out


def verified(a: Profile, b: Profile, signals: dict[str, float], config: PairingConfig
             ) -> dict[str, float]:
    """A candidate's retrieval signals with its verification figures and score added
    (call it under ``threadpool_limits(1)``: tiny matrices, more BLAS threads only contend)."""
    out = signals | verify(a, b, config)
    out["score"] = pair_score(out, config)
    return out


def choose_pairs(src: Sequence[Profile], tgt: Sequence[Profile],
                 found: dict[tuple[int, int], dict[str, float]], config: PairingConfig,
                 src_lang: str, tgt_lang: str) -> Pairing:
    """The one-to-one pairs among the verified candidates, and the documents left over.

    ``src`` and ``tgt`` need only ``path``, ``lang`` and ``chars``: a cluster passes
    small per-document summaries here, not profiles.
    """
    chosen = assign({k: pair_weight(s, config) for k, s in found.items()
                     if s["score"] >= config.threshold})
    # Confident beads give each pair's length ratio; their median is the collection's.
    ratios = [found[k]["ratio"] for k in chosen if found[k]["ratio"] > 0]
    ratio = float(np.median(ratios)) if ratios else 1.0
    pairs = [DocumentPair(src[i].path, tgt[j].path, round(found[i, j]["score"], 4),
                          *_coverage(src[i], tgt[j], ratio), signals=found[i, j])
             for i, j in chosen]
    paired = {p.src for p in pairs} | {p.tgt for p in pairs}
    return Pairing(
        src_lang, tgt_lang, pairs, _unpaired([*src, *tgt], paired, found, src, tgt), [],
        [Candidate(src[i].path, tgt[j].path, signals) for (i, j), signals in found.items()],
    )


def pair_documents(
    documents: Sequence[Document],
    encoder: CachedEncoder,
    config: PairingConfig | None = None,
    src_lang: str = "zh",
    tgt_lang: str = "en",
    progress: ProgressFactory | None = None,
) -> Pairing:
    """Find the one-to-one translation pairs among ``documents`` (see the module docstring)."""
    config = config or PairingConfig()
    progress = progress or (lambda description, total: lambda n: None)
    skipped = [Skipped(d.path, f"language {d.lang!r}: only {src_lang} and {tgt_lang} are paired")
               for d in documents if d.lang not in (src_lang, tgt_lang)]
    src = [profile(d, config.head, config.tail) for d in documents if d.lang == src_lang]
    tgt = [profile(d, config.head, config.tail) for d in documents if d.lang == tgt_lang]
    found: dict[tuple[int, int], dict[str, float]] = {}
    before = encoder.calls
    if src and tgt:
        embed([*src, *tgt], encoder,
              progress("embedding samples", sum(len(b) for p in (*src, *tgt) for b in p.blocks)))
        found = candidates(src, tgt, config.candidates)
        advance = progress("verifying candidates", len(found))
        with threadpool_limits(1):
            for (i, j), signals in found.items():
                found[i, j] = verified(src[i], tgt[j], signals, config)
                advance(1)
    pairing = choose_pairs(src, tgt, found, config, src_lang, tgt_lang)
    pairing.skipped, pairing.encoded = skipped, encoder.calls - before
    return pairing
