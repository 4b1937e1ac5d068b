"""``align docs`` at scale: the single-process path against local Dask clusters, same run.

    python bench/docs_cluster.py [--data PATH] [--chapters 950] [--work /work/cache/docs-cluster]
    python bench/docs_cluster.py --retrieval 1000,10000,100000
    python bench/docs_cluster.py --real --paired 200

1. A collection of >= 2,000 documents under random names: Bible chapters in
   both languages (bible-zh-en), MAC-Dev chapters, the UN texts, German and
   French Text+Berg (other languages: skipped), the five seeds (distractors).
   ``align docs --dry-run`` (read, sample, encode, retrieve, verify, choose) on
   it three times: in one process, on a LocalCluster of 1 worker process and
   of 2; each in its own subprocess. The vectors are cached on disk under
   ``--work`` (filled by the first run, read by the others, kept between
   invocations). Figures: pairs found, false pairs, documents/s, peak memory
   of the coordinator and of each worker.
2. ``--paired N``: N of the collection's verification tasks, each run in this
   process and on a 1-worker LocalCluster (as ``align docs`` starts it), the
   order alternating, one at a time: a paired comparison of a task's time in a
   worker and in the single process, at the same moments of the machine's load.
3. ``--retrieval``: candidate retrieval and assignment alone (no encoder:
   random document vectors with planted translation pairs, 2 shared rare
   numbers per pair), at each size: time and peak memory, one subprocess each.

The encoder is a stand-in (``StandInEncoder``: deterministic random vectors,
no model) unless ``--real``: on 2 shared cores the bundled encoder would need
about an hour for the samples of 2,000 documents.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import write_section  # noqa: E402

from align.collection import (  # noqa: E402
    Settings,
    Summary,
    find_files,
    summarise_batch,
    verify_candidates,
)
from align.docpair import PairingConfig, assign  # noqa: E402
from align.encoders import load_encoder  # noqa: E402
from align.pipeline import PairOptions  # noqa: E402
from align.retrieval import candidates  # noqa: E402
from docs import chapter_docs, hide_names, peak_rss_mb  # noqa: E402
from tmx.cluster import InProcess, runner_for  # noqa: E402
from tmx.docs import verification_sources  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "seeds"


class StandInEncoder:
    """Deterministic random unit vectors per sentence (crc32-seeded, the same in every
    process): no model, so only the machinery is timed; it pairs nothing by meaning."""

    name = "bench/stand-in"

    def encode(self, sentences: list[str]) -> np.ndarray:
        out = np.stack([np.random.default_rng(zlib.crc32(s.encode("utf-8"))).standard_normal(384)
                        for s in sentences]).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def build(data: Path, chapters: int, folder: Path) -> dict[str, str]:
    """The mixed collection under random names; returns path → original name."""
    rng = random.Random(16)
    truth = chapter_docs(data, chapters, folder, rng)
    extra = [*sorted((data / "mac-dev-zh-en").glob("[ze][hn]/*")),
             *sorted((data / "un-zh-en").glob("[ze][hn]/*")),
             *sorted((data / "textberg-de-fr").glob("[df][er]/*")), *sorted(SEEDS.glob("0*.txt"))]
    truth |= hide_names([f for f in extra if f.is_file()], folder, rng)
    return truth


def _settings(cache: str, real: bool) -> Settings:
    return Settings(encoder=load_encoder if real else StandInEncoder,
                    encoder_id="e5" if real else "stand-in", store=cache, pairing=PairingConfig(),
                    options=PairOptions(), max_bytes=2**24)


def child(folder: str, out: str, cache: str, workers: str, real: bool) -> None:
    """One configuration in its own process: run, print figures as JSON."""
    from tmx.docs import build_corpus

    settings = _settings(cache, real)
    started = time.perf_counter()
    run = build_corpus([(Path(folder), None)], Path(out), settings,
                       workers=int(workers), dry_run=True)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "stages": run.seconds, "workers": run.workers,
                      "pairs": [[p.src, p.tgt] for p in run.pairing.pairs],
                      "encoded": run.pairing.encoded, "rss_mb": peak_rss_mb(),
                      "worker_rss_mb": run.worker_peak_mb}))


def _thread_times(fn: Callable[..., object], *args: object) -> tuple[float, float]:
    """Run ``fn``; its thread's CPU time and the wall time."""
    cpu, wall = time.thread_time(), time.perf_counter()
    fn(*args)
    return time.thread_time() - cpu, time.perf_counter() - wall


def paired(folder: Path, cache: Path, tasks: int, real: bool) -> str:
    """Verification tasks alternately in this process and on a 1-worker cluster."""
    settings = _settings(str(cache), real)
    files = [(str(p), lang) for p, lang in find_files([(folder, None)])]
    summaries = [r for r in summarise_batch(files, settings) if isinstance(r, Summary)]
    src = [r for r in summaries if r.lang == settings.src_lang]
    tgt = [r for r in summaries if r.lang == settings.tgt_lang]
    _, calls = verification_sources(src, tgt, candidates(src, tgt, settings.pairing.candidates))
    step = max(1, len(calls) // tasks)
    calls = calls[::step][:tasks]
    totals = {"single process": np.zeros(2), "LocalCluster, 1 worker": np.zeros(2)}
    with runner_for(len(files), workers=1) as cluster:
        here = InProcess()
        for k, call in enumerate(calls):
            order = list(zip(totals, (here, cluster), strict=True))
            for label, runner in order[:: 1 if k % 2 else -1]:
                (_, times), = runner.run(_thread_times, [(verify_candidates, *call, settings)])
                totals[label] += times
    base = totals["single process"]
    return (f"`python bench/docs_cluster.py --paired {tasks}`: {len(calls)} verification tasks "
            f"of the {len(files):,}-document collection (every {step}th source "
            "document that has candidates, with them), each run in this process and on a 1-worker "
            "LocalCluster as `align docs` starts it, one at a time, the order alternating, so "
            "that both paths see the machine at the same moments: the time a task itself takes "
            "in a worker, without the drift between whole runs.\n\n"
            "| path | tasks | thread CPU | wall |\n|---|---:|---:|---:|\n"
            + "".join(f"| {label} | {len(calls)} | {cpu:.1f} s ({cpu / base[0]:.3f}×) | "
                      f"{wall:.1f} s ({wall / base[1]:.3f}×) |\n"
                      for label, (cpu, wall) in totals.items()))


def retrieval_child(n: int) -> None:
    """Retrieval + assignment on n + n synthetic documents (half of them translations)."""
    rng = np.random.default_rng(n)

    class Doc:
        def __init__(self, mean: np.ndarray, numbers: frozenset[str]) -> None:
            self.mean, self.numbers, self.latin, self.chars = mean, numbers, frozenset(), 1000.0

    base = rng.standard_normal((n, 384)).astype(np.float32)
    noise = rng.standard_normal((n, 384)).astype(np.float32)
    # Half the sources have a translation (cosine ~0.78); half of those share 2 rare numbers
    # with it, so the other half is found by its vector alone.
    src = [Doc(base[i], frozenset({f"{i}a", f"{i}b"})) for i in range(n)]
    half = n // 2
    tgt = [Doc(base[i] + 0.8 * noise[i] if i < half else noise[i],
               frozenset({f"{i}a", f"{i}b"}) if i < half and i % 2 else frozenset({f"x{i}"}))
           for i in range(n)]
    started = time.perf_counter()
    found = candidates(src, tgt, PairingConfig().candidates)
    retrieved = time.perf_counter() - started
    # Verification stands in as a cosine test (planted pairs ~0.8, others ~0): the
    # assignment, as in align docs, sees only the candidates that pass it.
    chosen = assign({k: s["embedding"] + s["numbers"] for k, s in found.items()
                     if s["embedding"] > 0.5})
    right = sum(i == j and i < half for i, j in chosen)
    print(json.dumps({"n": n, "retrieve": retrieved, "total": time.perf_counter() - started,
                      "candidates": len(found), "right": right, "planted": half,
                      "rss_mb": peak_rss_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--chapters", type=int, default=1000, help="Bible chapters per language")
    parser.add_argument("--work", type=Path, default=Path("/work/cache/docs-cluster"))
    parser.add_argument("--real", action="store_true", help="the bundled encoder, not the stand-in")
    parser.add_argument("--paired", type=int, default=0,
                        help="verification tasks to time here and on a worker, alternately")
    parser.add_argument("--retrieval", default="", help="sizes (documents per language)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--retrieval-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child, real=args.real)
        return
    if args.retrieval_child:
        retrieval_child(args.retrieval_child)
        return
    if args.retrieval:
        rows = []
        for n in map(int, args.retrieval.split(",")):
            print(f"retrieval {n} + {n} ...", file=sys.stderr)
            out = subprocess.run([sys.executable, __file__, "--retrieval-child", str(n)],
                                 check=True, capture_output=True, text=True).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
        text = ("`python bench/docs_cluster.py --retrieval ...`: candidate retrieval (nearest "
                "pooled vectors, exact up to 25M similarities then a faiss IVF-Flat index, plus shared "
                "numbers) and the one-to-one assignment, no encoder: random 384-d document vectors, "
                "half of the target documents a noisy copy of their source (cosine ≈ 0.78), half of "
                "those sharing two rare numbers with it. "
                "Verification is a fixed cost per candidate on the workers (linear in n); here it is "
                "stood in for by a cosine test (> 0.5) before the assignment.\n\n"
                "| documents | retrieval | retrieval + assignment | candidates | planted pairs "
                "chosen | peak RSS |\n|---:|---:|---:|---:|---:|---:|\n")
        text += "".join(f"| {r['n']:,} + {r['n']:,} | {r['retrieve']:.1f} s | {r['total']:.1f} s | "
                        f"{r['candidates']:,} | {r['right']:,} / {r['planted']:,} | "
                        f"{r['rss_mb']:.0f} MB |\n" for r in rows)
        print(text)
        write_section("align docs at scale: retrieval", text)
        return
    kind = "real" if args.real else "stand-in"
    folder = args.work / f"collection-{args.chapters}"
    truth_file = args.work / f"truth-{args.chapters}.json"
    if not truth_file.is_file():
        shutil.rmtree(folder, ignore_errors=True)
        truth_file.parent.mkdir(parents=True, exist_ok=True)
        truth_file.write_text(json.dumps(build(args.data, args.chapters, folder)))
    truth = json.loads(truth_file.read_text())
    cache = args.work / f"vectors-{kind}"
    if args.paired:
        text = paired(folder, cache, args.paired, args.real)
        print(text)
        write_section("align docs at scale: a task on a worker", text)
        return
    # Single process and 1 worker twice, in mirrored order around the 2-worker run: the
    # host's speed drifts during a run, and a drift that is linear in time then weighs on
    # both paths alike.
    runs = [("single process", "0"), ("LocalCluster, 1 worker", "1"),
            ("LocalCluster, 2 workers", "2"), ("LocalCluster, 1 worker, again", "1"),
            ("single process, again", "0")]
    if not cache.is_dir():  # fill the cache first, so that the compared runs all read it
        runs.insert(0, ("LocalCluster, 2 workers, empty cache (encodes)", "2"))
    rows = {}
    for label, workers in runs:
        out = args.work / f"out-{kind}-{workers}"
        shutil.rmtree(out, ignore_errors=True)
        print(f"{label} ...", file=sys.stderr)
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(folder), str(out), str(cache), workers,
             *(["--real"] if args.real else [])], capture_output=True, text=True, check=True)
        rows[label] = json.loads(proc.stdout.strip().splitlines()[-1])
    lines = []
    base = (rows["single process"]["seconds"] + rows["single process, again"]["seconds"]) / 2
    for label, r in rows.items():
        right = sum(truth[s].split("/")[1] == truth[t].split("/")[1] for s, t in r["pairs"])
        lines.append(
            f"| {label} | {len(truth):,} | {right} | {len(r['pairs']) - right} | {r['seconds']:.0f} s "
            f"({r['seconds'] / base:.2f}×) | {len(truth) / r['seconds']:.1f} | "
            f"{' / '.join(f'{k} {v:.0f}' for k, v in r['stages'].items())} | {r['rss_mb']:.0f} MB | "
            f"{', '.join(f'{m:.0f}' for m in r['worker_rss_mb']) or '—'} |")
    text = (f"`python bench/docs_cluster.py` ({kind} encoder): `align docs --dry-run` on "
            f"{len(truth):,} documents under random names ({args.chapters} Bible chapters per "
            "language, MAC-Dev, UN texts, de/fr Text+Berg, the 5 seeds). Each configuration in its "
            "own process, same run, vectors read from the on-disk cache (filled by a first run "
            "where the table has one, whose ratio is not an overhead); the single process and the "
            "1-worker cluster run twice, in mirrored order, and each time is given as a ratio to "
            "the mean of the two single-process runs. 2 cores shared with other jobs."
            "\n\n| path | documents | true pairs | false pairs | time | documents/s | "
            "stages (s) | coordinator peak RSS | worker peak RSS (MB) |\n"
            "|---|---:|---:|---:|---:|---:|---|---:|---|\n" + "\n".join(lines) + "\n")
    one = rows["LocalCluster, 1 worker"]["seconds"] + rows["LocalCluster, 1 worker, again"]["seconds"]
    text += (f"\nOverhead of 1 worker at equal cores (its two runs over the single process's two): "
             f"**{one / (2 * base):.3f}×**.\n")
    print(text)
    write_section(f"align docs at scale ({kind} encoder)", text)


if __name__ == "__main__":
    main()
