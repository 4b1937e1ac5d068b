"""Short sides: a few sentences against a whole document (a headline, a paragraph, a caption).

    python bench/short.py

For each dev gold document (vectors cached by bench/vectors.py), ``EXCERPTS`` excerpts of
each size in ``SIZES`` (consecutive source sentences at random places) are aligned
against the document's whole target, plain and with 1-2 lines of page furniture at each
end (as in bench/noise.py); as unrelated controls, as many excerpts of the same sizes of
another text in the source language. A side of fewer than 8 sentences has no random
sample of its own and takes ``align.background``'s sentences instead: every configuration
is run with and without them, in the same run. Reports, for the true excerpts, pair beads
exactly right (their gold bead) and TUs at confidence ≥ 0.5 with the share of them right;
for the unrelated ones, TUs at ≥ 0.5 (all wrong) and those holding a furniture line.
Writes its section of BENCHMARKS.md.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from noise import FURNITURE, Side, _foreign, noisy_side  # noqa: E402
from run import write_section  # noqa: E402
from vectors import SETS, Doc, align, load_set  # noqa: E402

from align.confidence import DEFAULT_MIN_SCORE  # noqa: E402

#: Excerpt sizes in sentences, all under ``align.sides.FEW``.
SIZES = (1, 2, 4, 7)
#: Excerpts of each size per document (the Bible's one document gets as many per size).
EXCERPTS = 8


@dataclass
class Tally:
    """Pair beads of one configuration: how many, how many right, TUs, right TUs, with furniture."""

    beads: int = 0
    right: int = 0
    tus: int = 0
    right_tus: int = 0
    furniture_tus: int = 0

    def add(self, right: bool, confidence: float, furniture: bool) -> None:
        self.beads += 1
        self.right += right
        if confidence >= DEFAULT_MIN_SCORE:
            self.tus += 1
            self.right_tus += right
            self.furniture_tus += furniture


def _target(doc: Doc, furnished: bool, rng: np.random.Generator) -> Side:
    """``doc``'s whole target, with furniture at its ends when ``furnished``."""
    if not furnished:
        return Side(doc.tgt, doc.tgt_vecs, list(range(len(doc.tgt))))
    return noisy_side(doc.tgt, doc.tgt_vecs, [], ([], doc.tgt_vecs[:0]), doc.langs[1],
                      list(range(len(FURNITURE))), rng, 0)


def run_set(name: str, pool: list[Doc], furnished: bool, background: bool) -> tuple[Tally, Tally]:
    """True and unrelated tallies of one set in one configuration (fixed seeds: the same
    excerpts in every configuration)."""
    true, unrelated = Tally(), Tally()
    for number, doc in enumerate(load_set(name)):
        rng = np.random.default_rng(number)
        gold = {(b.src, b.tgt) for b in doc.gold}
        foreign_texts, foreign_vecs = _foreign(doc, pool, 0)
        for size in SIZES:
            for _ in range(EXCERPTS):
                tgt = _target(doc, furnished, rng)
                for texts, vecs, tally, offset in (
                        (doc.src, doc.src_vecs, true, int(rng.integers(0, len(doc.src) - size))),
                        (foreign_texts, foreign_vecs, unrelated,
                         int(rng.integers(0, len(foreign_texts) - size)))):
                    part = slice(offset, offset + size)
                    beads = align(texts[part], tgt.texts, vecs[part], tgt.vecs, doc.langs,
                                  background=background)
                    for b in beads:
                        if b.is_pair:
                            origin = tuple(tgt.origin[j] for j in b.tgt)
                            right = (tally is true
                                     and (tuple(i + offset for i in b.src), origin) in gold)
                            tally.add(right, b.confidence, -1 in origin)
    return true, unrelated


def _row(setting: str, true: Tally, unrelated: Tally) -> str:
    """One table row: the setting's cells, then the true and the unrelated excerpts' figures."""
    return (f"| {setting} | {true.right} of {true.beads} ({true.right / max(true.beads, 1):.0%}) | "
            f"{true.tus} ({true.right_tus / max(true.tus, 1):.0%}) | **{unrelated.tus}** of "
            f"{unrelated.beads} | {unrelated.furniture_tus} |\n")


def main() -> None:
    pool = [d for name in SETS for d in load_set(name)]
    head = ("| gold set | target | background | true: pair beads right | true: TUs ≥ 0.5 (right) | "
            "unrelated: TUs ≥ 0.5 | of them holding furniture |\n|---|---|---|" + "---:|" * 4 + "\n")
    body = ""
    for name in SETS:
        for furnished in (False, True):
            for background in (False, True):
                true, unrelated = run_set(name, pool, furnished, background)
                setting = f"{name} | {'with furniture' if furnished else 'plain'} | " + (
                    "yes" if background else "no")
                body += _row(setting, true, unrelated)
                print(head + body, file=sys.stderr, flush=True)
    print(head + body)
    write_section("Short sides: a few lines against a whole document", (
        f"`python bench/short.py`: excerpts of {', '.join(map(str, SIZES))} consecutive source "
        f"sentences ({EXCERPTS} of each size per document, at random places) aligned against the "
        "document's whole target, plain or with 1-2 furniture lines at each end as in "
        "`bench/noise.py`, and as many excerpts of another text in the source language as "
        "unrelated controls. Cached vectors, the same aligner and text inputs as `align pair "
        "--presplit`. Background: a side of fewer than 8 sentences scored against "
        "`align/background.py`'s everyday sentences in its language (shipped) or, as before, "
        "without a baseline of unrelated text for the other side's spans. TUs: pair beads at "
        "confidence ≥ 0.5; every TU of an unrelated excerpt is wrong.\n\n" + head + body))


if __name__ == "__main__":
    main()
