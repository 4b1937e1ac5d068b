"""bench/run.py's write_section: a benchmark rewrites its own section of BENCHMARKS.md where it
stands, so the file keeps its order by topic and merges of two benchmarks' runs do not clash."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from run import write_section


def test_a_section_is_replaced_in_place_and_a_new_one_appended(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\n## A\n\nold a\n\n## B\n\nb\n\n### A\n\nsub\n", encoding="utf-8")
    write_section("A", "new a\n", path)
    write_section("C", "c\n", path)
    assert path.read_text(encoding="utf-8") == (
        "# Benchmarks\n\n## A\n\nnew a\n\n## B\n\nb\n\n### A\n\nsub\n\n## C\n\nc\n")
