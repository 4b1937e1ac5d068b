"""Document-pairing benchmark (``align docs``) on the Bible books with their names hidden.

    python bench/docs.py [--data PATH] [--scale 25,50,100] [--fake-scale 125,250,500] [--partial Rut]

1. The 44 Chinese and 44 English books of ../shared/data/bible-books, copied
   under random names (fixed seed), plus the five seeds: pairs found, false
   pairs, seeds left unpaired, time and sentences embedded (cold encoder).
2. The books alone and the seeds alone (encoder cache warm from run 1).
3. The books with one English book cut to its first third: is it paired, with
   what estimated coverage; then ``align docs`` in full (alignment and TMX) on
   a small folder holding that pair, another book and the seeds: measured
   coverage, TUs, time.
4. Scale: N + N chapter documents built from ../shared/data/bible-zh-en (random
   chapters, one subprocess per size for its peak RSS, encoder cold each
   time, encoding timed apart from pairing); and the pairing algorithm alone,
   with an instant fake encoder, up to 500 + 500.

Prints a Markdown table and writes it into the "Document pairing" section of
BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from itertools import groupby
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import write_section  # noqa: E402

from align.collection import find_files  # noqa: E402
from align.docpair import (  # noqa: E402
    Pairing,
    PairingConfig,
    assign,
    pair_documents,
    pair_score,
    pair_weight,
)
from align.encoders import CachedEncoder, load_encoder  # noqa: E402
from align.reader import read_document  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SEEDS = ROOT / "seeds"


def hide_names(files: list[Path], folder: Path, rng: random.Random) -> dict[str, str]:
    """Copy files under random names; return new path → original 'lang/name'."""
    folder.mkdir(parents=True, exist_ok=True)
    truth = {}
    for file in files:
        new = folder / f"{rng.getrandbits(48):012x}.txt"
        shutil.copyfile(file, new)
        truth[str(new)] = f"{file.parent.name}/{file.name}"
    return truth


def first_third(src: Path, dst: Path) -> None:
    """The first third of a text by characters, cut at a line end."""
    lines = src.read_text(encoding="utf-8").splitlines(True)
    total, kept = sum(map(len, lines)), []
    for line in lines:
        if sum(map(len, kept)) >= total / 3:
            break
        kept.append(line)
    dst.write_text("".join(kept), encoding="utf-8")


def score(pairing: Pairing, truth: dict[str, str]) -> dict[str, int]:
    """Correct and false pairs: a pair is correct when both files came from the same book."""
    right = sum(truth[p.src].split("/")[1] == truth[p.tgt].split("/")[1] for p in pairing.pairs)
    return {"pairs": len(pairing.pairs), "correct": right, "false": len(pairing.pairs) - right}


def ablation(pairing: Pairing, truth: dict[str, str]) -> list[str]:
    """Table rows: what each signal gives alone, re-deciding from the verified candidates."""
    config = PairingConfig()
    book = {path: name.split("/")[1] for path, name in truth.items()}
    ids = {path: n for n, path in enumerate(sorted(truth))}
    path_of = {n: path for path, n in ids.items()}
    cands = {(ids[c.src], ids[c.tgt]): c.signals for c in pairing.candidates}
    retrieved = sum(book[c.src] == book[c.tgt] for c in pairing.candidates)
    no_cheap = replace(config, numbers_weight=0.0, latin_weight=0.0)
    variants = {
        "pooled embedding alone (best 1-1 by cosine, no threshold)":
            {k: 1.0 + s["embedding"] for k, s in cands.items()},
        "numbers + Latin tokens alone (any shared)":
            {k: s["numbers"] + s["latin"] for k, s in cands.items() if s["numbers"] + s["latin"] > 0},
        "verification alone (no numbers/Latin bonus)":
            {k: pair_weight(s, no_cheap) for k, s in cands.items()
             if pair_score(s, no_cheap) >= config.threshold},
        "all signals (default)":
            {k: pair_weight(s, config) for k, s in cands.items()
             if pair_score(s, config) >= config.threshold},
    }
    rows = [f"| candidate retrieval (pooled vectors, numbers, Latin tokens) | {retrieved} / 44 "
            f"true pairs among {len(cands)} candidates | |"]
    for name, weights in variants.items():
        chosen = assign(weights)
        right = sum(book[path_of[i]] == book[path_of[j]] for i, j in chosen)
        rows.append(f"| {name} | {right} / 44 | {len(chosen) - right} |")
    return rows


def read_folder(folder: Path) -> list:
    """Every document of ``folder``, as ``align docs`` finds them."""
    return [read_document(path, lang) for path, lang in find_files([(folder, None)])]


def timed_pairing(folder: Path, encoder: CachedEncoder) -> tuple[Pairing, float, int]:
    started = time.perf_counter()
    documents = read_folder(folder)
    pairing = pair_documents(documents, encoder)
    return pairing, time.perf_counter() - started, len(documents)


# --- scale: chapter documents in subprocesses ------------------------------------------------


def chapter_docs(data: Path, n: int, folder: Path, rng: random.Random) -> dict[str, str]:
    """n Chinese and n English chapter documents (one verse per line) under random names."""
    bible = data / "bible-zh-en"
    sides = {}
    for lang, glue in (("zh", ""), ("en", " ")):
        lines = (bible / f"bible.{lang}").read_text(encoding="utf-8").splitlines()
        verses = (bible / f"bible.{lang}.verse").read_text(encoding="utf-8").splitlines()
        chapters: dict[str, list[str]] = {}
        for verse, group in groupby(zip(verses, lines, strict=False), key=lambda x: x[0]):
            chapters.setdefault(verse.rsplit(":", 1)[0], []).append(glue.join(t for _, t in group))
        sides[lang] = chapters
    names = sorted(set(sides["zh"]) & set(sides["en"]))
    chosen = rng.sample(names, n)
    truth = {}
    folder.mkdir(parents=True)
    for name in chosen:
        for lang in ("zh", "en"):
            path = folder / f"{rng.getrandbits(48):012x}.txt"
            path.write_text("\n".join(sides[lang][name]) + "\n", encoding="utf-8")
            truth[str(path)] = f"{lang}/{name}"
    return truth


class DiskCachedEncoder(CachedEncoder):
    """CachedEncoder whose cache can be kept in an .npz file (to rerun a size without
    encoding again); times the encoder."""

    def __init__(self, encoder, path: Path) -> None:
        super().__init__(encoder)
        self.path, self.seconds = path, 0.0
        if path.exists():
            with np.load(path, allow_pickle=False) as data:
                self._cache = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
        inner = encoder.encode

        def encode(sentences):
            started = time.perf_counter()
            try:
                return inner(sentences)
            finally:
                self.seconds += time.perf_counter() - started

        self.encoder = type("Timed", (), {"encode": staticmethod(encode), "name": encoder.name})()

    def save(self) -> None:
        np.savez(self.path, texts=np.array(list(self._cache)),
                 vectors=np.stack(list(self._cache.values())))


class InstantEncoder:
    """Random unit vectors keyed by text: no model, so only the pairing algorithm is timed."""

    name = "bench/instant"

    def encode(self, sentences: list[str]) -> np.ndarray:
        out = np.stack([np.random.default_rng(abs(hash(s)) % 2**32).standard_normal(384)
                        for s in sentences]).astype(np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def peak_rss_mb() -> float:
    """This process's peak resident memory. Not getrusage: Linux keeps ru_maxrss across
    exec, so a child started by a big parent would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def scale_child(folder: str, truth_file: str, cache: str, fake: bool) -> None:
    """Runs in a subprocess: pair one folder, print figures as JSON."""
    truth = json.loads(Path(truth_file).read_text(encoding="utf-8"))
    encoder = (DiskCachedEncoder(InstantEncoder(), Path(cache + ".none")) if fake
               else DiskCachedEncoder(load_encoder(), Path(cache)))
    started = time.perf_counter()
    documents = read_folder(Path(folder))
    pairing = pair_documents(documents, encoder)
    seconds = time.perf_counter() - started
    if not fake:
        encoder.save()
    print(json.dumps({
        **score(pairing, truth), "docs": len(documents), "seconds": seconds,
        "encode_seconds": encoder.seconds, "encoded": pairing.encoded,
        "candidates": len(pairing.candidates),
        "rss_mb": peak_rss_mb(),
    }))


def scale_run(data: Path, sizes: list[int], work: Path, fake: bool) -> list[dict]:
    """One subprocess per size (its own peak RSS), each with a cold encoder."""
    rows = []
    for n in sorted(sizes, reverse=True):
        cache = work / f"vectors-{n}.npz"
        folder = work / f"{'fake' if fake else 'real'}-{n}"
        truth = chapter_docs(data, n, folder, random.Random(n))
        truth_file = work / f"truth-{folder.name}.json"
        truth_file.write_text(json.dumps(truth), encoding="utf-8")
        print(f"scale run: {n} + {n} chapters{' (instant encoder)' if fake else ''} ...",
              file=sys.stderr)
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(folder), str(truth_file), str(cache),
             *(["--fake"] if fake else [])], check=True, capture_output=True, text=True).stdout
        rows.append({"n": n, "fake": fake, **json.loads(out.strip().splitlines()[-1])})
    return rows[::-1]


# --- the report ------------------------------------------------------------------------------


def full_run(work: Path, books: Path, partial: str, rng: random.Random) -> dict:
    """``align docs`` in full (alignment + TMX) on a small folder holding the partial pair."""
    folder = work / "full"
    files = [books / "zh" / f"{partial}.txt", books / "zh" / "Jon.txt", books / "en" / "Jon.txt",
             *sorted(SEEDS.glob("0*.txt"))]
    truth = hide_names(files, folder, rng)
    third = folder / "third.txt"
    first_third(books / "en" / f"{partial}.txt", third)
    truth[str(third)] = f"en/{partial}.txt"
    out = work / "full-out"
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "docs", str(folder), "-o", str(out),
                    "--quiet"], check=True)
    seconds = time.perf_counter() - started
    rows = [line.split("\t") for line in (out / "pairs.tsv").read_text().splitlines()[1:]]
    pairs = {truth[r[0]]: r for r in rows}
    row = pairs.get(f"zh/{partial}.txt")
    correct = sum(truth[r[0]].split("/")[1] == truth[r[1]].split("/")[1] for r in rows)
    return {"docs": len(truth), "pairs": len(rows), "correct": correct, "seconds": seconds,
            "partial_paired": bool(row and truth[row[1]] == f"en/{partial}.txt"),
            "zh_coverage": float(row[3]) if row else 0.0, "tus": sum(int(r[5]) for r in rows),
            "corpus_bytes": (out / "corpus.tmx").stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--scale", default="25,50,100", help="chapters per side, real encoder")
    parser.add_argument("--fake-scale", default="125,250,500",
                        help="chapters per side, algorithm only (instant encoder)")
    parser.add_argument("--partial", default="Rut", help="book whose English is cut to a third")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--fake", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        scale_child(*args.child, fake=args.fake)
        return
    books = args.data / "bible-books"
    if not books.is_dir():
        sys.exit(f"no benchmark data at {books}; pass --data")
    rng = random.Random(4)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book_files = sorted(books.glob("*/*.txt"))
        seed_files = sorted(SEEDS.glob("0*.txt"))
        truth = hide_names(book_files, work / "mixed", rng)
        truth |= hide_names(seed_files, work / "mixed", rng)
        encoder = CachedEncoder(load_encoder())
        print("books + seeds ...", file=sys.stderr)
        pairing, seconds, docs = timed_pairing(work / "mixed", encoder)
        seeds_paired = sum(truth[p].startswith("seeds/") for pair in pairing.pairs
                           for p in (pair.src, pair.tgt))
        s = score(pairing, truth)
        signals = ablation(pairing, truth)
        lines.append(f"| 44 books + 5 seeds ({docs} docs), cold encoder | {s['correct']} / 44 | "
                     f"{s['false']} | seeds paired: {seeds_paired} | {seconds:.0f} s | "
                     f"{pairing.encoded:,} | {len(pairing.candidates)} |")
        for name, files in (("44 books alone", book_files), ("5 seeds alone", seed_files)):
            print(f"{name} ...", file=sys.stderr)
            folder = work / name.replace(" ", "-")
            t = hide_names(files, folder, rng)
            pairing, seconds, docs = timed_pairing(folder, encoder)
            s = score(pairing, t)
            found = f"{s['correct']} / 44" if "books" in name else f"{s['pairs']} pairs"
            lines.append(f"| {name} ({docs} docs), warm cache | {found} | {s['false']} | | "
                         f"{seconds:.0f} s | {pairing.encoded:,} | {len(pairing.candidates)} |")
        print("partial ...", file=sys.stderr)
        folder = work / "partial"
        t = hide_names([f for f in book_files
                        if f.name != f"{args.partial}.txt" or f.parent.name == "zh"], folder, rng)
        first_third(books / "en" / f"{args.partial}.txt", folder / "third.txt")
        t[str(folder / "third.txt")] = f"en/{args.partial}.txt"
        pairing, seconds, docs = timed_pairing(folder, encoder)
        s = score(pairing, t)
        part = next((p for p in pairing.pairs if t[p.tgt] == f"en/{args.partial}.txt"), None)
        flagged = [t[p.src].split("/")[1] for p in pairing.pairs if p.partial]
        lines.append(
            f"| 44 books, English {args.partial} cut to its first third | {s['correct']} / 44 | "
            f"{s['false']} | third paired: {'yes' if part else 'no'}, estimated zh coverage "
            f"{part.src_coverage if part else 0:.2f}; flagged partial: {', '.join(flagged) or 'none'} | "
            f"{seconds:.0f} s | {pairing.encoded:,} | {len(pairing.candidates)} |")
        print("full run ...", file=sys.stderr)
        full = full_run(work, books, args.partial, rng)
        lines.append(
            f"| `align docs` in full: {args.partial} zh + its English third, Jonah, 5 seeds "
            f"({full['docs']} docs) | {full['correct']} / 2 | {full['pairs'] - full['correct']} | "
            f"third paired: {'yes' if full['partial_paired'] else 'no'}, measured zh coverage "
            f"{full['zh_coverage']:.2f}; {full['tus']} TUs in corpus.tmx | {full['seconds']:.0f} s | | |")
        scale = []
        if args.scale:
            scale += scale_run(args.data, [int(n) for n in args.scale.split(",")], work / "s", False)
        if args.fake_scale:
            scale += scale_run(args.data, [int(n) for n in args.fake_scale.split(",")],
                               work / "f", True)
    head = ("| run | true pairs found | false pairs | notes | time | sentences embedded | "
            "candidates verified |\n|---|---:|---:|---|---:|---:|---:|\n")
    text = ("`python bench/docs.py`: the Bible books under random names (fixed seed), the five "
            "seeds, default settings (32 leading + 24 trailing sentences embedded per document, "
            "8 candidates per document and signal). 2 cores, bundled encoder.\n\n"
            + head + "\n".join(lines) + "\n")
    text += ("\nWhat each signal gives on the 93 documents (44 books + 5 seeds), deciding "
             "from the same verified candidates:\n\n| signal | true pairs | false pairs |\n"
             "|---|---:|---:|\n" + "\n".join(signals) + "\n")
    if scale:
        text += ("\nScale: N + N chapter documents from `bible-zh-en` (random chapters, names "
                 "hidden), one process per size, encoder cold each time; encoding is timed apart "
                 "from the rest of pairing. The instant encoder gives random vectors (so no true "
                 "pairs): it times the pairing algorithm alone.\n\n"
                 "| documents | encoder | true pairs | false | total time | encoding | pairing "
                 "without encoding | sentences embedded | candidates | peak RSS |\n"
                 "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
        text += "".join(
            f"| {r['n']} + {r['n']} | {'instant' if r['fake'] else 'e5'} | "
            f"{'' if r['fake'] else r['correct']} | {'' if r['fake'] else r['false']} | "
            f"{r['seconds']:.0f} s | {r['encode_seconds']:.0f} s | "
            f"{r['seconds'] - r['encode_seconds']:.1f} s | {r['encoded']:,} | {r['candidates']:,} | "
            f"{r['rss_mb']:.0f} MB |\n" for r in scale)
    print(text)
    write_section("Document pairing", text)


if __name__ == "__main__":
    main()
