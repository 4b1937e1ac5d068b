"""Strict and lax precision/recall/F1 of an alignment against gold beads.

The metric of the Vecalign and Bertalign papers (after Sennrich & Volk 2011):
a test bead is a strict hit when the identical bead is in the gold; a lax hit
when some of its source sentences are, in the gold, aligned to some of its
target sentences. Precision is counted over the test beads, recall over the
gold beads, and beads with an empty side (insertions, deletions) are left out
of recall.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from align.errors import AlignError
from align.types import Bead

_IDS = r"\s*(\d+(?:\s*,\s*\d+)*)?\s*"
_LINE = re.compile(rf"^\s*\[{_IDS}\]\s*:\s*\[{_IDS}\]\s*$")

BeadKey = tuple[tuple[int, ...], tuple[int, ...]]


def parse_beads(text: str, source: str = "input") -> list[Bead]:
    """Read the ``[i,j]:[k]`` format, one bead per line, blank lines ignored."""
    beads = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise AlignError(f"{source}:{number}: not a bead line like [0,1]:[2]: {line[:60]!r}")
        sides = [tuple(int(x) for x in (g or "").split(",") if x.strip()) for g in match.groups()]
        beads.append(Bead(sides[0], sides[1]))
    return beads


def format_bead(bead: Bead) -> str:
    """One bead in the gold-file format, e.g. ``[3,4]:[5]``."""
    return f"[{','.join(map(str, bead.src))}]:[{','.join(map(str, bead.tgt))}]"


@dataclass
class Counts:
    """True/false positive counts for the strict and the lax criterion."""

    strict_hit: int = 0
    lax_hit: int = 0
    total: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.strict_hit += other.strict_hit
        self.lax_hit += other.lax_hit
        self.total += other.total
        return self


def _hits(reference: Iterable[BeadKey], candidates: Iterable[BeadKey]) -> Counts:
    """How many candidate beads match the reference strictly and laxly."""
    reference = {b for b in reference if b[0] or b[1]}
    linked: dict[int, set[int]] = defaultdict(set)
    for src, tgt in reference:
        for s in src:
            linked[s].update(tgt)
    counts = Counts()
    for bead in {b for b in candidates if b[0] or b[1]}:
        counts.total += 1
        if bead in reference:
            counts.strict_hit += 1
            counts.lax_hit += 1
        elif any(t in linked[s] for s in bead[0] for t in bead[1]):
            counts.lax_hit += 1
    return counts


@dataclass
class Scores:
    """Precision, recall and F1, strict and lax, plus the bead counts behind them."""

    precision: Counts
    recall: Counts

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    def _f1(self, p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        """Flat figures, as printed by ``align eval`` and the benchmarks."""
        out = {}
        for name, attr in (("strict", "strict_hit"), ("lax", "lax_hit")):
            p = self._ratio(getattr(self.precision, attr), self.precision.total)
            r = self._ratio(getattr(self.recall, attr), self.recall.total)
            out.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": self._f1(p, r)})
        return out


def _keys(beads: Iterable[Bead], pairs_only: bool = False) -> list[BeadKey]:
    return [(b.src, b.tgt) for b in beads if b.is_pair or not pairs_only]


def score(gold: list[list[Bead]], test: list[list[Bead]]) -> Scores:
    """Micro-averaged scores over several documents (lists of beads, in the same order)."""
    precision, recall = Counts(), Counts()
    for g, t in zip(gold, test, strict=True):
        precision += _hits(_keys(g), _keys(t))
        recall += _hits(_keys(t, pairs_only=True), _keys(g, pairs_only=True))
    return Scores(precision, recall)


def read_bead_files(path: Path) -> dict[str, list[Bead]]:
    """A ``.align`` file, or every ``*.align`` file in a folder, keyed by file name."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == ".align")
        if not files:
            raise AlignError(f"{path}: folder has no .align files")
    elif path.is_file():
        files = [path]
    else:
        raise AlignError(f"{path}: no such file or folder")
    beads = {}
    for f in files:
        try:
            beads[f.name] = parse_beads(f.read_text(encoding="utf-8"), str(f))
        except UnicodeDecodeError:
            raise AlignError(f"{f}: is not UTF-8 text; is it a bead (.align) file?") from None
    return beads


def evaluate_paths(gold: Path, test: Path) -> Scores:
    """Score a test file/folder against a gold file/folder, pairing files by name."""
    gold_files, test_files = read_bead_files(gold), read_bead_files(test)
    if len(gold_files) == 1 and len(test_files) == 1:
        return score(list(gold_files.values()), list(test_files.values()))
    missing = sorted(set(gold_files) - set(test_files))
    if missing:
        raise AlignError(f"{test}: no test file for gold {', '.join(missing[:3])}")
    names = sorted(gold_files)
    return score([gold_files[n] for n in names], [test_files[n] for n in names])
