"""Exchange formats: TMX 1.4b for CAT tools, TSV and JSONL for scripts, beads for evaluation."""

from tmx.formats import FORMATS, format_for, render
from tmx.output import check_writable, write_atomically

__all__ = ["FORMATS", "check_writable", "format_for", "render", "write_atomically"]
