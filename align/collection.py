"""A mixed collection on disk in, a corpus folder out (``align docs``).

Reading: files and folders (searched recursively for the formats ``align pair``
reads: text, Markdown, HTML, DOCX), each file's
language detected or given by ``--zh``/``--en``; a file that cannot be read is
skipped with its reason instead of stopping the run. Writing: ``pairs.tsv``,
``unpaired.tsv``, ``skipped.tsv``, one TMX per pair in ``tmx/``,
``corpus.tmx`` with every pair's TUs, each naming its documents in props, and
``report.html`` for reviewing them (weakest beads first).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from align.docpair import DocumentPair, Pairing, Skipped
from align.encoders import CachedEncoder
from align.errors import AlignError
from align.pipeline import PairOptions, ProgressFactory, align_documents, segment
from align.reader import MAX_BYTES, read_document
from align.types import Alignment, Document
from align.units import units
from tmx.formats import to_tmx
from tmx.output import write_atomically
from tmx.report import render_corpus_report

#: What a folder is searched for (the formats ``align pair`` reads); files named on the
#: command line are read whatever their name.
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx")


@dataclass
class Collection:
    """The readable documents of the inputs, and the inputs that were not."""

    documents: list[Document]
    skipped: list[Skipped] = field(default_factory=list)


def find_files(inputs: Sequence[tuple[Path, str | None]], exclude: Path | None = None
               ) -> list[tuple[Path, str | None]]:
    """Every (file, forced language): files as given, folders searched recursively for
    ``SUFFIXES`` (hidden files and anything under ``exclude`` left out), each once."""
    found: dict[Path, tuple[Path, str | None]] = {}
    skip = exclude.resolve() if exclude else None
    for path, lang in inputs:
        if path.is_file():
            found.setdefault(path.resolve(), (path, lang))
        elif path.is_dir():
            for file in sorted(path.rglob("*")):
                rel = file.relative_to(path).parts
                real = file.resolve()
                if (file.is_file() and file.suffix.lower() in SUFFIXES
                        and not any(part.startswith(".") for part in rel)
                        and not (skip and real.is_relative_to(skip))):
                    found.setdefault(real, (file, lang))
        else:
            raise AlignError(f"{path}: no such file or folder")
    return list(found.values())


def read_collection(inputs: Sequence[tuple[Path, str | None]], exclude: Path | None = None,
                    max_bytes: int = MAX_BYTES, progress: ProgressFactory | None = None
                    ) -> Collection:
    """Read every input document; unreadable ones are skipped with the reader's reason."""
    files = find_files(inputs, exclude)
    if not files:
        names = ", ".join(str(p) for p, _ in inputs) or "no input given"
        raise AlignError(f"no documents (.txt, .md, .html, .docx) found in {names}; give files "
                         "or folders holding them")
    advance = progress("reading", len(files)) if progress else None
    collection = Collection([])
    for path, lang in files:
        try:
            collection.documents.append(read_document(path, lang, max_bytes=max_bytes))
        except AlignError as exc:
            collection.skipped.append(Skipped(str(path), str(exc).removeprefix(f"{path}: ")))
        if advance:
            advance(1)
    if not collection.documents:
        first = collection.skipped[0]
        raise AlignError(f"none of the {len(files)} documents could be read (first: {first.path}: "
                         f"{first.reason})")
    return collection


def check_output(folder: Path) -> None:
    """Fail early (before any encoding) when ``folder`` cannot become the output folder."""
    if folder.exists() and not folder.is_dir():
        raise AlignError(f"{folder}: is a file; give a folder for the corpus (-o)")
    existing = next(p for p in (folder.absolute(), *folder.absolute().parents) if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        raise AlignError(f"{folder}: cannot be created or written in ({existing} is not a "
                         "writable folder)")


def align_pairs(pairing: Pairing, documents: Sequence[Document], encoder: CachedEncoder,
                options: PairOptions, min_score: float = 0.0, cat_segments: bool = False,
                progress: ProgressFactory | None = None) -> list[Alignment]:
    """Sentence-align every pair, in ``pairing.pairs`` order, under one progress bar; record
    each pair's measured coverage and TU count.

    TMX props name each document by its path as given, so that two documents
    with the same file name in different folders stay apart in the corpus.
    """
    by_path = {d.path: d for d in documents}
    docs = [_covered_parts(p, by_path[p.src], by_path[p.tgt]) for p in pairing.pairs]
    total = sum(len(segment(d)) for pair in docs for d in pair)
    advance = progress("aligning pairs", total) if progress else (lambda n: None)
    results = []
    for pair, (src, tgt) in zip(pairing.pairs, docs, strict=True):
        result = align_documents(src, tgt, encoder, options, lambda description, n: advance)
        result.src.name, result.tgt.name = src.path, tgt.path
        pair.src_coverage, pair.tgt_coverage = (
            _share_aligned(result, "src", by_path[pair.src]),
            _share_aligned(result, "tgt", by_path[pair.tgt]))
        pair.tus = len(units(result, min_score, cat_segments))
        results.append(result)
    return results


def _chars(text: str) -> int:
    return len(text.replace(" ", ""))


def _covered_parts(pair: DocumentPair, src: Document, tgt: Document) -> tuple[Document, Document]:
    """For a partial translation, only the part of the longer document that the shorter
    one can cover (its estimated coverage plus a margin), at the end pairing matched.

    Aligning the whole would force the untranslated rest into many-to-one beads
    of plausible-looking confidence: wrong TUs.
    """
    if not pair.partial:
        return src, tgt
    longer, share = (src, pair.src_coverage) if pair.src_coverage < pair.tgt_coverage else (
        tgt, pair.tgt_coverage)
    paragraphs = longer.paragraphs[::-1] if pair.signals.get("at_end") else longer.paragraphs
    budget = min(1.0, 1.25 * share + 0.05) * sum(map(_chars, paragraphs))
    kept, used = [], 0
    for para in paragraphs:
        if used >= budget:
            break
        kept.append(para)
        used += _chars(para)
    cut = replace(longer, paragraphs=kept[::-1] if pair.signals.get("at_end") else kept)
    return (cut, tgt) if longer is src else (src, cut)


def _share_aligned(result: Alignment, side: str, whole: Document) -> float:
    """Share of the whole document's characters inside beads with text on both sides."""
    sentences = getattr(result, side)
    inside = {i for b in result.beads if b.is_pair for i in getattr(b, side)}
    return min(1.0, sum(_chars(sentences.texts[i]) for i in inside)
               / max(sum(map(_chars, whole.paragraphs)), 1))


def _cell(value: object) -> str:
    return re.sub(r"[\t\r\n]+", " ", str(value))


def _tsv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    lines = ["\t".join(header), *("\t".join(_cell(v) for v in row) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tmx_name(number: int, src: str, tgt: str) -> str:
    stem = "_".join(re.sub(r"[^\w.-]+", "-", Path(p).stem)[:40] for p in (src, tgt))
    return f"{number:03d}_{stem}.tmx"


def write_corpus(folder: Path, pairing: Pairing, alignments: Sequence[Alignment] | None = None,
                 min_score: float = 0.0, cat_segments: bool = False) -> list[Path]:
    """Write the TSV reports and, unless ``alignments`` is None (dry run), the TMX files.

    Returns the files written.
    """
    try:
        (folder / "tmx").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AlignError(f"{folder}: cannot create the output folder ({exc.strerror})") from None
    written: list[Path] = []

    def put(name: str, data: bytes) -> None:
        write_atomically(folder / name, data)
        written.append(folder / name)

    src, tgt = pairing.src_lang, pairing.tgt_lang
    names = [_tmx_name(n, p.src, p.tgt) for n, p in enumerate(pairing.pairs, 1)]
    if alignments is not None:
        for name, result in zip(names, alignments, strict=True):
            put(f"tmx/{name}", to_tmx(result, min_score, cat_segments=cat_segments))
        put("corpus.tmx", to_tmx(alignments, min_score, cat_segments=cat_segments))
        put("report.html", render_corpus_report(pairing, alignments, min_score=min_score,
                                                cat_segments=cat_segments))
    put("pairs.tsv", _tsv(
        [src, tgt, "score", f"{src}_coverage", f"{tgt}_coverage", "tus", "tmx"],
        [[p.src, p.tgt, f"{p.score:.3f}", f"{p.src_coverage:.2f}", f"{p.tgt_coverage:.2f}",
          "" if p.tus is None else p.tus, f"tmx/{name}" if alignments is not None else ""]
         for p, name in zip(pairing.pairs, names, strict=True)]))
    put("unpaired.tsv", _tsv(
        ["path", "language", "best_candidate", "best_score"],
        [[u.path, u.lang, u.best or "", f"{u.best_score:.3f}" if u.best else ""]
         for u in pairing.unpaired]))
    put("skipped.tsv", _tsv(["path", "reason"], [[s.path, s.reason] for s in pairing.skipped]))
    return written
