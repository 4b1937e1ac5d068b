"""What the README promises a new user, checked against what the code does."""

from __future__ import annotations

import re

from conftest import REPO

from align.units import units
from align.verdict import judge_alignment

README = (REPO / "README.md").read_text(encoding="utf-8")


def _without_times(line: str) -> str:
    """Seconds differ from run to run; everything else in the summary is deterministic."""
    return re.sub(r"\d+(\.\d+)? s \(segment [\d.]+, encode [\d.]+, align [\d.]+\)", "T", line)


def test_readme_summary_line_is_what_the_quick_start_prints(demo_alignment):
    promised = re.search(r"The first prints a summary on stderr such as\n`([^`]+)`", README).group(1)
    written = len(units(demo_alignment, 0.0, cat_segments=True))
    actual = demo_alignment.summary(written, 1.0, judge_alignment(demo_alignment).coverage_line())
    assert _without_times(promised) == _without_times(actual)


def test_readme_quick_start_is_two_commands_a_ci_can_run():
    block = README.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert "align pair seeds/demo/" in commands[0] and "python -m pytest" in commands[1]
    assert "/^## Quick start/" in (REPO / ".ci" / "run").read_text(encoding="utf-8")  # CI reads them
