"""Alignment benchmark: every gold set in ../shared/data through the real CLI.

    python bench/run.py [--sets mac-dev,textberg,bible-5k] [--data PATH]

Each document pair goes through ``align pair --presplit --format beads`` and the
result through ``align eval`` (in-process, same code), exactly as a user would
run them. Prints a Markdown table and writes it to BENCHMARKS.md (section
"Alignment quality"), with the published scores of other aligners beside ours.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.evaluate import evaluate_paths  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


@dataclass
class GoldSet:
    """A gold set: (source file, target file, gold file) triples and reference scores."""

    name: str
    docs: list[tuple[Path, Path, Path]]
    reference: str  # strict F1 of Bertalign (LaBSE) and of Bertalign's algorithm with e5


def _prefix(path: Path, lines: int, folder: Path) -> Path:
    out = folder / f"{path.name}.{lines}"
    out.write_text("".join(path.read_text(encoding="utf-8").splitlines(True)[:lines]),
                   encoding="utf-8")
    return out


def gold_sets(data: Path, work: Path) -> dict[str, GoldSet]:
    mac, tb, bible = data / "mac-dev-zh-en", data / "textberg-de-fr", data / "bible-zh-en"
    return {
        "mac-dev": GoldSet("MAC-Dev zh→en (6 chapters)", [
            (mac / "zh" / f"{n:03d}", mac / "en" / f"{n:03d}", mac / "gold" / f"{n:03d}.align")
            for n in range(1, 7)], "0.911 / 0.800 (0.839 windows)"),
        "textberg": GoldSet("Text+Berg de→fr (7 docs)", [
            (tb / "de" / f"{n:03d}", tb / "fr" / f"{n:03d}", tb / "gold" / f"{n:03d}.align")
            for n in range(1, 8)], "0.936 / 0.904"),
        "bible-5k": GoldSet("Bible en→zh, first 5,000", [(
            _prefix(bible / "bible.en", 5000, work), _prefix(bible / "bible.zh", 6301, work),
            bible / "gold" / "001.align")], "0.915 / 0.859"),
    }


def run_set(gold_set: GoldSet, work: Path) -> dict[str, float]:
    """Align every pair through the CLI, then score the folder of outputs."""
    out, gold = work / "test", work / "gold"
    out.mkdir(parents=True)
    gold.mkdir()
    started = time.perf_counter()
    for src, tgt, gold_file in gold_set.docs:
        (gold / gold_file.name).write_bytes(gold_file.read_bytes())
        subprocess.run(
            [sys.executable, str(ROOT / "cli.py"), "pair", str(src), str(tgt), "--presplit",
             "--format", "beads", "-o", str(out / gold_file.name), "--quiet"],
            check=True,
        )
    seconds = time.perf_counter() - started
    scores = evaluate_paths(gold, out).as_dict()
    return {**scores, "seconds": seconds}


def table(rows: list[tuple[GoldSet, dict[str, float]]]) -> str:
    head = ("| gold set | strict P | strict R | strict F1 | lax F1 | seconds | "
            "Bertalign LaBSE / Bertalign e5 (strict F1) |\n|---|---:|---:|---:|---:|---:|---|\n")
    body = "".join(
        f"| {g.name} | {s['strict_p']:.3f} | {s['strict_r']:.3f} | **{s['strict_f1']:.3f}** | "
        f"{s['lax_f1']:.3f} | {s['seconds']:.0f} | {g.reference} |\n" for g, s in rows)
    return head + body


def write_section(title: str, text: str, path: Path = ROOT / "BENCHMARKS.md") -> None:
    """Replace (or append) one '## title' section of BENCHMARKS.md."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    marker = f"## {title}\n"
    if marker in old:
        before, rest = old.split(marker, 1)
        after = rest[rest.find("\n## "):] if "\n## " in rest else ""
        old = before.rstrip("\n") + "\n\n" + after.lstrip("\n")
    path.write_text(old.rstrip("\n") + f"\n\n{marker}\n{text}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sets", default="mac-dev,textberg,bible-5k")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no benchmark data at {args.data}; pass --data")
    with tempfile.TemporaryDirectory() as tmp:
        sets = gold_sets(args.data, Path(tmp))
        rows = []
        for key in args.sets.split(","):
            print(f"running {key} ...", file=sys.stderr)
            rows.append((sets[key], run_set(sets[key], Path(tmp) / key)))
    text = table(rows)
    print(text)
    write_section("Alignment quality", "Default encoder (bundled multilingual-e5-small, "
                  "4-bit), 2 cores, `python bench/run.py`.\n\n" + text)


if __name__ == "__main__":
    main()
