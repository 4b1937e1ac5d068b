"""Start-up of ``align docs`` on a small folder: this version against the one before Dask.

    python bench/docs_startup.py [--baseline 99340a3] [--runs 3] [--data PATH]

A folder of 10 documents (5 Bible chapters in each language, random names) is
run through the whole command, ``align docs FOLDER -o OUT -q`` (read, pair,
align, write every output), each time in a fresh process with a fresh output
folder (so no vector cache is reused), alternating the baseline commit (checked
out into a temporary git worktree) and this checkout. Reports the median wall
time of each and the difference, which is what the Dask machinery adds to the
simple case: imports, the manifest and the resumable folder writer.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import write_section  # noqa: E402

from docs import DATA, chapter_docs  # noqa: E402

#: Runs the CLI of the checkout in the current folder, whatever the installed package is.
CLI = "import sys; sys.path.insert(0, '.'); from cli import app; app()"


def timed_docs(checkout: Path, folder: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", CLI, "docs", str(folder), "-o", str(out), "-q"],
                   cwd=checkout, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="99340a3", help="commit before align docs ran on Dask")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "in"
        truth = chapter_docs(args.data, 5, folder, random.Random(10))
        baseline = work / "baseline"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(baseline), args.baseline],
                       cwd=ROOT, check=True)
        try:
            seconds: dict[str, list[float]] = {"baseline": [], "now": []}
            for run in range(args.runs):
                for label, checkout in (("baseline", baseline), ("now", ROOT)):
                    print(f"run {run + 1}: {label} ...", file=sys.stderr)
                    seconds[label].append(timed_docs(checkout, folder, work / f"out-{label}-{run}"))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(baseline)], cwd=ROOT,
                           check=True)
    base, now = (statistics.median(seconds[k]) for k in ("baseline", "now"))
    text = (f"`python bench/docs_startup.py`: `align docs FOLDER -o OUT -q` on {len(truth)} "
            f"documents (5 Bible chapters per language), whole command in a fresh process, fresh "
            f"output folder, bundled encoder; baseline {args.baseline} (before Dask) and this "
            f"checkout alternating, {args.runs} runs each, median.\n\n"
            "| version | runs (s) | median | difference |\n|---|---|---:|---:|\n"
            f"| {args.baseline} (before Dask) | {', '.join(f'{s:.1f}' for s in seconds['baseline'])}"
            f" | {base:.1f} s | |\n"
            f"| this checkout | {', '.join(f'{s:.1f}' for s in seconds['now'])} | {now:.1f} s | "
            f"{now - base:+.1f} s ({now / base:.2f}×) |\n")
    print(text)
    write_section("align docs: start-up on a small folder", text)


if __name__ == "__main__":
    main()
