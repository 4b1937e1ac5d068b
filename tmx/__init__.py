"""Everything read from or written to disk: TMX, TSV, JSONL, beads, TBX, glossaries, reports.

Depends on the ``align`` library, never the other way round.
"""

from __future__ import annotations

from pathlib import Path

from align.types import Alignment
from tmx.formats import FORMATS, format_for, render
from tmx.output import check_output, write_atomically

__all__ = ["FORMATS", "check_output", "format_for", "render", "write_atomically", "write_tmx"]


def write_tmx(alignment: Alignment, path: str | Path, min_score: float = 0.0,
              cat_segments: bool = True) -> None:
    """Write ``alignment`` as a TMX 1.4b file, atomically; TUs fit CAT-tool segments."""
    write_atomically(path, render(alignment, "tmx", min_score, cat_segments=cat_segments))
