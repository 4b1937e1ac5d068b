"""Do two documents translate each other? A verdict from their alignment.

Any two texts can be aligned: the programme always finds a path, and an
unrelated pair still gets beads. What separates a translation from an
unrelated text is how much of each side ends up in beads the confidence model
(``align.confidence``) believes: in a true pair, nearly all of at least one
side (all of a partial translation, all of a headline set against its full
article); in an unrelated pair, almost none of either. The thresholds are
measured by ``bench/verdict.py`` on the dev gold (true pairs, first-third
partial translations and every dev chapter against a chapter of another text).
"""

from __future__ import annotations

from dataclasses import dataclass

from align.language import language_name
from align.types import Alignment, Bead

#: A bead at least this likely right counts as evidence that the sides correspond.
CONFIDENT = 0.5
#: Least share of the better-covered side, in characters, for a pair to count as a translation.
MIN_COVERAGE = 0.45
#: A side with fewer sentences than this (a headline, a caption) is too short to prove
#: anything: such a pair is aligned, not refused.
MIN_SENTENCES = 8
#: Coverage below which the summary reports a partial translation.
PARTIAL = 0.6

@dataclass(frozen=True)
class Verdict:
    """Whether a pair of documents translate each other, and how much of each side is covered."""

    translates: bool
    src_coverage: float  #: share of the source (characters) in confident beads
    tgt_coverage: float  #: share of the target (characters) in confident beads
    confident_tus: int  #: beads at or above ``CONFIDENT``
    src_lang: str = ""
    tgt_lang: str = ""
    short_side: str = ""  #: "src" or "tgt" when that side has under ``MIN_SENTENCES`` sentences

    def coverage_line(self) -> str:
        """How much of each side the other covers, as a translator reads it; for a side too
        short to measure (a headline), that, not a coverage of 0% that reads as a failure."""
        src, tgt = language_name(self.src_lang), language_name(self.tgt_lang)
        if self.short_side:
            short = src if self.short_side == "src" else tgt
            return (f"the {short} has under {MIN_SENTENCES} sentences, "
                    "too few to measure how much of each side the other covers; check its TUs")
        parts = [f"{tgt} covers {self.src_coverage:.0%} of the {src}",
                 f"{src} covers {self.tgt_coverage:.0%} of the {tgt}"]
        partial = min(self.src_coverage, self.tgt_coverage) < PARTIAL
        return "; ".join(parts) + (" (partial translation)" if partial and self.translates else "")

    def refusal(self, src_name: str, tgt_name: str) -> str:
        """The one-line error for a pair that is not a translation."""
        return (f"{src_name} and {tgt_name} do not look like translations of each other: only "
                f"{max(self.src_coverage, self.tgt_coverage):.0%} of the better-covered side is "
                f"in confident beads (a translation needs {MIN_COVERAGE:.0%}); give the right "
                "pair, or force the alignment")


def coverage(beads: list[Bead], lengths: list[float], side: str) -> float:
    """Share of one side's characters in confident pair beads."""
    total = sum(lengths)
    if total <= 0:
        return 0.0
    covered = sum(lengths[i] for b in beads if b.is_pair and b.confidence >= CONFIDENT
                  for i in getattr(b, side))
    return covered / total


def judge(beads: list[Bead], src_lengths: list[float], tgt_lengths: list[float],
          src_lang: str = "", tgt_lang: str = "") -> Verdict:
    """The verdict on an alignment given each sentence's length in characters."""
    src_cov = coverage(beads, src_lengths, "src")
    tgt_cov = coverage(beads, tgt_lengths, "tgt")
    sure = sum(b.is_pair and b.confidence >= CONFIDENT for b in beads)
    short_side = "" if min(len(src_lengths), len(tgt_lengths)) >= MIN_SENTENCES else (
        "src" if len(src_lengths) <= len(tgt_lengths) else "tgt")
    translates = bool(short_side) or (max(src_cov, tgt_cov) >= MIN_COVERAGE and sure > 0)
    return Verdict(translates, src_cov, tgt_cov, sure, src_lang, tgt_lang, short_side)


def judge_alignment(alignment: Alignment) -> Verdict:
    """The verdict on a pipeline result (``align.pipeline.align_documents``)."""
    def lengths(texts: list[str]) -> list[float]:
        return [float(len(t.replace(" ", ""))) for t in texts]

    return judge(alignment.beads, lengths(alignment.src.texts), lengths(alignment.tgt.texts),
                 alignment.src.lang, alignment.tgt.lang)
