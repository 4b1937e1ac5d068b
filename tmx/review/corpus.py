"""A corpus folder made by ``align docs``, reviewed pair by pair, weakest pair first.

What is read: ``pairs.tsv`` and, for each pair, the review project beside its
TMX (``tmx/NNN_….tmx`` → ``tmx/NNN_….align.json``). A pair whose project file
is missing is listed, but cannot be opened. Paths in ``pairs.tsv`` that lead
out of the folder are ignored.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from align.errors import AlignError
from tmx.review.project import Project, load_project, project_path_for

WEAK = 0.5


@dataclass
class PairRow:
    """One line of pairs.tsv and the number of its project (None when it has none)."""

    src: str
    tgt: str
    score: str
    project: int | None


@dataclass
class Corpus:
    folder: Path
    rows: list[PairRow]

    def listing(self, projects: list[Project]) -> list[dict]:
        """The pairs, weakest first: lowest mean confidence of the pairs not yet reviewed,
        pairs without a project last."""
        out = []
        for row in self.rows:
            entry = {"src": row.src, "tgt": row.tgt, "score": row.score, "project": row.project}
            if row.project is not None:
                beads = [b for b in projects[row.project].review.beads if b.src and b.tgt]
                scores = [1.0 if b.reviewed else b.confidence for b in beads]
                entry |= {"mean": sum(scores) / len(scores) if scores else 1.0,
                          "weak": sum(s < WEAK for s in scores), "beads": len(beads),
                          "reviewed": sum(bool(b.reviewed) for b in beads)}
            out.append(entry)
        return sorted(out, key=lambda e: (e["project"] is None, e.get("mean", 1.0)))


def load_corpus(folder: Path) -> tuple[Corpus, list[Project]]:
    """The pairs of a corpus folder and the review projects found for them."""
    table = folder / "pairs.tsv"
    try:
        lines = table.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise AlignError(f"{folder}: not a corpus folder of `align docs` ({table.name}: "
                         f"{exc.strerror})") from None
    root = folder.resolve()
    rows, projects = [], []
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if not reader.fieldnames or "tmx" not in reader.fieldnames or len(reader.fieldnames) < 3:
        raise AlignError(f"{table}: no tmx column; is this a pairs.tsv of `align docs`?")
    src_col, tgt_col, score_col = reader.fieldnames[:3]
    for line in reader:
        number = None
        tmx = line.get("tmx") or ""
        if tmx:
            path = project_path_for(folder / tmx)
            if path.resolve().is_relative_to(root) and path.is_file():
                projects.append(load_project(path))
                number = len(projects) - 1
        rows.append(PairRow(line[src_col], line[tgt_col], line[score_col], number))
    if not rows:
        raise AlignError(f"{table}: no pairs to review")
    return Corpus(folder, rows), projects
