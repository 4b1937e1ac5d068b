"""Exchange formats: TMX 1.4b for CAT tools, TSV and JSONL for scripts, beads for evaluation."""

from tmx.formats import FORMATS, format_for, render
from tmx.output import write_atomically

__all__ = ["FORMATS", "format_for", "render", "write_atomically"]
