"""Alignment benchmark: every gold set in ../shared/data through the real CLI.

    python bench/run.py                       # MAC-Dev, Text+Berg, Bible 5k
    python bench/run.py --sets all            # also Bible 10k ... 30k (about 2.5 hours)
    python bench/run.py --sets bible-5k,bible-10k [--data PATH]

Each document pair goes through ``align pair --presplit --format beads`` in its
own process, exactly as a user would run it, and the outputs through ``align
eval``'s scorer. From each run's summary line and the process's own resource
usage come: seconds for reading+segmentation / encoding / alignment, texts
encoded per sentence, and peak RSS. The floor is one plain encoder pass over
the same sentences (in batches of 64, on an evenly spaced sample of at most
``--floor-sample`` sentences for the big sets, scaled to the full count), timed
in the same run right after each document, so that both see the same load on a
shared machine; total time is reported as a ratio to it. Prints a Markdown table and writes
it to BENCHMARKS.md (section "Alignment quality").
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.evaluate import evaluate_paths  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
#: English lines of each Bible gold file and the matching Chinese prefix (data README).
BIBLE = {5000: 6301, 10000: 13056, 15000: 19653, 20000: 27678, 25000: 35980, 30000: 42687}
DEFAULT_SETS = "mac-dev,textberg,bible-5k"
_SUMMARY = re.compile(
    r"; (?P<total>[\d.]+) s \(segment (?P<segment>[\d.]+), encode (?P<encode>[\d.]+), "
    r"align (?P<align>[\d.]+)\); (?P<calls>\d+) texts encoded"
)


@dataclass
class GoldSet:
    """A gold set: (source file, target file, gold file) triples and reference scores."""

    name: str
    docs: list[tuple[Path, Path, Path]]
    reference: str  # strict F1 of Bertalign (LaBSE) and of Bertalign's algorithm with e5


@dataclass
class Run:
    """What one gold set measured."""

    scores: dict[str, float] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("total", "read+segment", "encode", "align"), 0.0))
    sentences: int = 0
    encoded: int = 0
    peak_rss_mb: float = 0.0
    floor: float = 0.0


def _prefix(path: Path, lines: int, folder: Path) -> Path:
    out = folder / f"{path.name}.{lines}"
    out.write_text("".join(path.read_text(encoding="utf-8").splitlines(True)[:lines]),
                   encoding="utf-8")
    return out


def gold_sets(data: Path, work: Path) -> dict[str, GoldSet]:
    mac, tb, bible = data / "mac-dev-zh-en", data / "textberg-de-fr", data / "bible-zh-en"
    sets = {
        "mac-dev": GoldSet("MAC-Dev zh→en (6 chapters)", [
            (mac / "zh" / f"{n:03d}", mac / "en" / f"{n:03d}", mac / "gold" / f"{n:03d}.align")
            for n in range(1, 7)], "0.911 / 0.800 (0.839 windows)"),
        "textberg": GoldSet("Text+Berg de→fr (7 docs)", [
            (tb / "de" / f"{n:03d}", tb / "fr" / f"{n:03d}", tb / "gold" / f"{n:03d}.align")
            for n in range(1, 8)], "0.936 / 0.904"),
    }
    reference = {5000: "0.915 / 0.859", 30000: "0.867 / –"}
    for number, (en_lines, zh_lines) in enumerate(BIBLE.items(), 1):
        sets[f"bible-{en_lines // 1000}k"] = GoldSet(f"Bible en→zh, first {en_lines:,}", [(
            _prefix(bible / "bible.en", en_lines, work), _prefix(bible / "bible.zh", zh_lines, work),
            bible / "gold" / f"{number:03d}.align")], reference.get(en_lines, "– / –"))
    return sets


def _run_cli(args: list[str]) -> tuple[str, float]:
    """Run ``cli.py`` in a child process; return its stderr and its own peak RSS (MB)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], stderr=err,
                                stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if proc.returncode:
        sys.exit(f"align {' '.join(args)} failed:\n{text}")
    return text, usage.ru_maxrss / 1024  # Linux reports KiB


def _floor(texts: list[str], sample: int) -> float:
    """Seconds for one plain encoder pass over ``texts`` in batches of 64 (timed on an
    evenly spaced sample of at most ``sample`` texts, scaled)."""
    step = -(-len(texts) // sample)
    chosen = texts[::step]
    code = ("import sys, time; from align.encoders import load_encoder; e = load_encoder('e5'); "
            "t = sys.stdin.read().split('\\n'); e.encode(t[:8]); s = time.perf_counter(); "
            "[e.encode(t[i:i + 64]) for i in range(0, len(t), 64)]; print(time.perf_counter() - s)")
    out = subprocess.run([sys.executable, "-c", code], input="\n".join(chosen), text=True,
                         capture_output=True, check=True, cwd=ROOT)
    return float(out.stdout) * len(texts) / len(chosen)


def run_set(gold_set: GoldSet, work: Path, floor_sample: int) -> Run:
    """Align every pair through the CLI, then score the folder of outputs."""
    out, gold = work / "test", work / "gold"
    out.mkdir(parents=True)
    gold.mkdir()
    run = Run()
    for src, tgt, gold_file in gold_set.docs:
        (gold / gold_file.name).write_bytes(gold_file.read_bytes())
        started = time.perf_counter()
        log, rss = _run_cli(["pair", str(src), str(tgt), "--presplit", "--format", "beads",
                             "-o", str(out / gold_file.name)])
        run.seconds["total"] += time.perf_counter() - started  # includes start-up
        found = _SUMMARY.search(log)
        if not found:
            sys.exit(f"no summary line in:\n{log}")
        for key in ("encode", "align"):
            run.seconds[key] += float(found[key])
        run.encoded += int(found["calls"])
        run.peak_rss_mb = max(run.peak_rss_mb, rss)
        texts = [line for path in (src, tgt) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        run.sentences += len(texts)
        run.floor += _floor(texts, floor_sample)  # right after the run: the same machine load
    run.seconds["read+segment"] = run.seconds["total"] - run.seconds["encode"] - run.seconds["align"]
    run.scores = evaluate_paths(gold, out).as_dict()
    return run


def table(rows: list[tuple[GoldSet, Run]]) -> str:
    head = ("| gold set | strict P | strict R | strict F1 | lax F1 | Bertalign LaBSE / e5 | "
            "sentences | read+seg s | encode s | align s | total s | floor s | total/floor | "
            "encoded per sentence | peak RSS MB |\n|---|" + "---:|" * 14 + "\n")
    body = "".join(
        f"| {g.name} | {r.scores['strict_p']:.3f} | {r.scores['strict_r']:.3f} | "
        f"**{r.scores['strict_f1']:.3f}** | {r.scores['lax_f1']:.3f} | {g.reference} | "
        f"{r.sentences:,} | {r.seconds['read+segment']:.1f} | {r.seconds['encode']:.1f} | "
        f"{r.seconds['align']:.1f} | {r.seconds['total']:.1f} | {r.floor:.1f} | "
        f"{r.seconds['total'] / r.floor:.2f} | {r.encoded / r.sentences:.2f} | "
        f"{r.peak_rss_mb:.0f} |\n"
        for g, r in rows)
    return head + body


def write_section(title: str, text: str, path: Path = ROOT / "BENCHMARKS.md") -> None:
    """Replace one '## title' section of BENCHMARKS.md where it stands (append it if new),
    so that the file keeps its order by topic."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    marker = f"## {title}\n"
    section = marker + "\n" + text.rstrip("\n") + "\n"
    # At the start of a line only: "### {title}" (a subsection elsewhere) is not it.
    if f"\n{marker}" not in old:
        path.write_text(old.rstrip("\n") + "\n\n" + section, encoding="utf-8")
        return
    before, rest = old.split(f"\n{marker}", 1)
    after = rest[rest.find("\n## ") + 1:] if "\n## " in rest else ""
    path.write_text(before.rstrip("\n") + "\n\n" + section + ("\n" + after if after else ""),
                    encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sets", default=DEFAULT_SETS, help="comma-separated, or 'all'")
    parser.add_argument("--floor-sample", type=int, default=12000,
                        help="most sentences timed for the encoder floor")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no benchmark data at {args.data}; pass --data")
    with tempfile.TemporaryDirectory() as tmp:
        sets = gold_sets(args.data, Path(tmp))
        keys = list(sets) if args.sets == "all" else args.sets.split(",")
        unknown = [k for k in keys if k not in sets]
        if unknown:
            sys.exit(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(sets)}")
        rows = []
        for key in keys:
            print(f"running {key} ...", file=sys.stderr, flush=True)
            rows.append((sets[key], run_set(sets[key], Path(tmp) / key, args.floor_sample)))
            print(table(rows[-1:]), file=sys.stderr, flush=True)
    text = table(rows)
    print(text)
    write_section("Alignment quality", (
        "Default encoder (bundled multilingual-e5-small, 4-bit), each sentence encoded "
        f"once, 2 cores, `python bench/run.py --sets {args.sets}`. Seconds are summed over "
        "the set's documents; total includes process start-up and writing. Floor: one "
        "plain encoder pass over the same sentences, timed in the same run.\n\n" + text))


if __name__ == "__main__":
    main()
