"""The work of ``align docs`` cut into tasks that any process of a cluster can run.

A task gets paths and settings, never the collection: ``summarise`` reads one
document into its manifest row (path, language, size, content hash) and the
few kilobytes pairing needs of it; ``verify_batch`` verifies a few source
documents, each against its candidates; ``align_pair`` sentence-aligns one pair.
Vectors go through the on-disk cache of ``CachedEncoder``, so a document's
samples are encoded once whichever worker asks for them, and again by nobody
after a crash. Writing the corpus folder and running the tasks is ``tmx.docs``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from align.docpair import DocumentPair, PairingConfig, Skipped, verified
from align.encoders import CachedEncoder, Encoder
from align.errors import AlignError
from align.markup import INPUT_EXTENSIONS
from align.pipeline import PairOptions, align_documents
from align.profile import Profile, embed, profile
from align.reader import read_document
from align.types import Alignment, Document
from align.units import units
from align.verdict import judge_alignment


def find_files(inputs: Sequence[tuple[Path, str | None]], exclude: Path | None = None
               ) -> list[tuple[Path, str | None]]:
    """Every (file, forced language): files as given (read whatever their name), folders
    searched recursively for the formats ``align pair`` reads (``INPUT_EXTENSIONS``; hidden
    files and anything under ``exclude`` left out), each once."""
    found: dict[Path, tuple[Path, str | None]] = {}
    skip = exclude.resolve() if exclude else None
    for path, lang in inputs:
        if path.is_file():
            found.setdefault(path.resolve(), (path, lang))
        elif path.is_dir():
            for file in sorted(path.rglob("*")):
                rel = file.relative_to(path).parts
                real = file.resolve()
                if (file.is_file() and file.suffix.lower() in INPUT_EXTENSIONS
                        and not any(part.startswith(".") for part in rel)
                        and not (skip and real.is_relative_to(skip))):
                    found.setdefault(real, (file, lang))
        else:
            raise AlignError(f"{path}: no such file or folder")
    if not found:
        names = ", ".join(str(p) for p, _ in inputs) or "no input given"
        raise AlignError(f"no documents (.txt, .md, .html, .docx) found in {names}; give files "
                         "or folders holding them")
    return list(found.values())


@dataclass(frozen=True)
class Entry:
    """One row of the manifest: a document as pairing found it."""

    path: str
    lang: str
    size: int  #: bytes on disk
    sha256: str  #: of the file's bytes: a changed file is a different document


@dataclass
class Summary:
    """What the coordinator keeps of a document between stages (a few kilobytes)."""

    entry: Entry
    mean: np.ndarray  #: mean of the sampled sentence vectors
    numbers: frozenset[str]
    latin: frozenset[str]
    chars: float
    encoded: int  #: sentences this task really encoded (not found in the vector cache)

    @property
    def path(self) -> str:
        return self.entry.path

    @property
    def lang(self) -> str:
        return self.entry.lang


@dataclass(frozen=True)
class Settings:
    """Everything a task needs besides its document(s); picklable, sent to every worker."""

    encoder: Callable[[], Encoder]  #: makes the encoder (once per process)
    encoder_id: str  #: names what ``encoder`` makes (``--encoder``), for the saved state
    store: str | None  #: vector cache folder, shared by all workers
    pairing: PairingConfig
    options: PairOptions
    src_lang: str = "zh"
    tgt_lang: str = "en"
    max_bytes: int = 0
    min_score: float = 0.0
    cat_segments: bool = True


_LOADED: dict[str, Encoder] = {}


def task_encoder(settings: Settings) -> CachedEncoder:
    """The process's encoder (loaded by its first task) behind a per-task memory cache, so
    a long-lived worker's memory does not grow with the documents it has seen."""
    key = settings.encoder_id
    if key not in _LOADED:
        _LOADED[key] = settings.encoder()
    return CachedEncoder(_LOADED[key], settings.store)


def read_entry(path: str, lang: str | None, max_bytes: int) -> tuple[Entry, Document]:
    """Read a document and its manifest row."""
    doc = read_document(path, lang, max_bytes=max_bytes)
    with open(path, "rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    return Entry(str(path), doc.lang, Path(path).stat().st_size, digest), doc


def summarise(path: str, lang: str | None, settings: Settings) -> Summary | Skipped:
    """Read, segment and embed the samples of one document; an unreadable document, or
    one in neither language, comes back as Skipped with the reason."""
    try:
        entry, doc = read_entry(path, lang, settings.max_bytes)
    except AlignError as exc:
        return Skipped(path, str(exc).removeprefix(f"{path}: "))
    if doc.lang not in (settings.src_lang, settings.tgt_lang):
        return Skipped(path, f"language {doc.lang!r}: only {settings.src_lang} and "
                       f"{settings.tgt_lang} are paired")
    encoder = task_encoder(settings)
    prof = _profile(doc, settings, encoder)
    return Summary(entry, prof.mean, prof.numbers, prof.latin, prof.chars, encoder.calls)


def summarise_batch(files: Sequence[tuple[str, str | None]], settings: Settings
                    ) -> list[Summary | Skipped]:
    """``summarise`` for several documents in one task: a task costs the cluster a few
    milliseconds of messages, as much as reading and sampling a short document."""
    return [summarise(path, lang, settings) for path, lang in files]


def _profile(doc: Document, settings: Settings, encoder: CachedEncoder) -> Profile:
    prof = profile(doc, settings.pairing.head, settings.pairing.tail)
    embed([prof], encoder)
    return prof


def verify_candidates(src: Entry, targets: Sequence[tuple[Entry, dict[str, float]]],
                      settings: Settings) -> list[dict[str, float]]:
    """Verify one source document against its candidates (each with its retrieval
    signals); the vectors come from the cache ``summarise`` filled."""
    encoder = task_encoder(settings)
    a = _profile(read_document(src.path, src.lang, max_bytes=settings.max_bytes), settings, encoder)
    out = []
    with threadpool_limits(1):
        for entry, signals in targets:
            b = _profile(read_document(entry.path, entry.lang, max_bytes=settings.max_bytes),
                         settings, encoder)
            out.append(verified(a, b, signals, settings.pairing))
    return out


def verify_batch(sources: Sequence[tuple[Entry, Sequence[tuple[Entry, dict[str, float]]]]],
                 settings: Settings) -> list[list[dict[str, float]]]:
    """``verify_candidates`` for several source documents in one task."""
    return [verify_candidates(src, targets, settings) for src, targets in sources]


def align_pair(pair: DocumentPair, src: Entry, tgt: Entry, settings: Settings) -> Alignment:
    """Sentence-align one pair; record on ``pair`` its measured coverage, the verdict on
    whether it is a translation after all (``align pair``'s) and its TU count (none if not).

    TMX props name each document by its path as given, so that two documents
    with the same file name in different folders stay apart in the corpus.
    """
    whole_src = read_document(src.path, src.lang, max_bytes=settings.max_bytes)
    whole_tgt = read_document(tgt.path, tgt.lang, max_bytes=settings.max_bytes)
    part_src, part_tgt = _covered_parts(pair, whole_src, whole_tgt)
    result = align_documents(part_src, part_tgt, task_encoder(settings), settings.options)
    result.src.name, result.tgt.name = src.path, tgt.path
    pair.src_coverage = _share_aligned(result, "src", whole_src)
    pair.tgt_coverage = _share_aligned(result, "tgt", whole_tgt)
    pair.translates = judge_alignment(result).translates
    pair.tus = len(units(result, settings.min_score, settings.cat_segments)) if pair.translates else 0
    return result


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
