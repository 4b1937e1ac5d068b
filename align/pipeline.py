"""Files in, Alignment out: reading → segmentation → encoding → alignment.

The CLI and the benchmarks call this; each stage is also usable alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from align import __version__
from align.aligner import AlignConfig, align_vectors
from align.background import background_texts
from align.encoders import CachedEncoder
from align.errors import LanguageError
from align.furniture import furniture_lines, wordless_lines
from align.language import untranslated_lines
from align.lexical import sentence_terms
from align.reader import MAX_BYTES, read_document
from align.segment import split_sentences
from align.signature import signature
from align.text import NO_SPACE_LANGS
from align.types import Alignment, Document, Sentences

#: Called as ``progress(description, total)``; returns a function to advance by n.
ProgressFactory = Callable[[str, int], Callable[[int], None]]


def _no_progress(description: str, total: int) -> Callable[[int], None]:
    return lambda n: None


@dataclass
class PairOptions:
    """How a pair of documents is read and aligned."""

    src_lang: str | None = None
    tgt_lang: str | None = None
    presplit: bool = False
    max_bytes: int = MAX_BYTES
    windows: int = 1  #: also embed runs of 2..windows consecutive sentences (slower)
    config: AlignConfig = field(default_factory=AlignConfig)


def segment(doc: Document, presplit: bool = False) -> Sentences:
    """Cut a document's paragraphs into sentences, remembering each one's paragraph."""
    texts: list[str] = []
    paragraph: list[int] = []
    spacing: list[str] = []
    for number, para in enumerate(doc.paragraphs):
        parts = [para] if presplit else split_sentences(para, doc.lang)
        end = None
        for part in parts:  # sentences are stripped slices of the paragraph, in order
            start = para.find(part, end or 0)
            spacing.append("" if end is None else para[end:start])
            end = start + len(part)
        texts.extend(parts)
        paragraph.extend([number] * len(parts))
    return Sentences(lang=doc.lang, texts=texts, paragraph=paragraph, name=doc.name,
                     spacing=spacing)


def sentence_lengths(sentences: Sentences) -> np.ndarray:
    """Characters per sentence without spaces: comparable across scripts up to a ratio."""
    return np.array([len(s.replace(" ", "")) for s in sentences.texts], dtype=float)


def read_pair(src_path: str, tgt_path: str, options: PairOptions) -> tuple[Document, Document]:
    """Read both files and refuse a pair that is not two different languages."""
    src = read_document(src_path, options.src_lang, options.presplit, options.max_bytes)
    tgt = read_document(tgt_path, options.tgt_lang, options.presplit, options.max_bytes)
    check_languages(src, tgt)
    return src, tgt


def check_languages(src: Document, tgt: Document) -> None:
    """Refuse a 'pair' whose two sides are in one language: nothing to align."""
    if src.lang == tgt.lang:
        raise LanguageError(
            f"{src.path} and {tgt.path} are both {src.lang!r}: give a document and its "
            "translation, or say which language each is in"
        )


def _window_vectors(
    sentences: Sentences, encoder: CachedEncoder, windows: int, advance: Callable[[int], None]
) -> dict[int, np.ndarray]:
    """Embeddings of every run of k = 2..windows consecutive sentences, as one text each."""
    glue = "" if sentences.lang in NO_SPACE_LANGS else " "
    texts = sentences.texts
    return {
        k: encoder.encode([glue.join(texts[e : e + k]) for e in range(len(texts) - k + 1)],
                          progress=advance)
        for k in range(2, windows + 1)
        if len(texts) >= k
    }


def _background_vectors(sentences: Sentences, encoder: CachedEncoder) -> np.ndarray | None:
    """Vectors of ``align.background`` when the side is too short to sample; else None."""
    texts = background_texts(sentences.lang, len(sentences))
    return encoder.encode(texts) if texts else None


def align_documents(
    src_doc: Document,
    tgt_doc: Document,
    encoder: CachedEncoder,
    options: PairOptions,
    progress: ProgressFactory = _no_progress,
) -> Alignment:
    """Segment, encode and align two documents."""
    t0 = time.perf_counter()
    src, tgt = segment(src_doc, options.presplit), segment(tgt_doc, options.presplit)
    t1 = time.perf_counter()
    calls_before = encoder.calls
    advance = progress("encoding", options.windows * (len(src) + len(tgt)))
    src_vecs = encoder.encode(src.texts, progress=advance)
    tgt_vecs = encoder.encode(tgt.texts, progress=advance)
    src_win = _window_vectors(src, encoder, options.windows, advance)
    tgt_win = _window_vectors(tgt, encoder, options.windows, advance)
    src_bg, tgt_bg = _background_vectors(src, encoder), _background_vectors(tgt, encoder)
    t2 = time.perf_counter()
    beads = align_vectors(
        src_vecs, tgt_vecs, sentence_lengths(src), sentence_lengths(tgt), options.config,
        src_windows=src_win, tgt_windows=tgt_win, src_background=src_bg, tgt_background=tgt_bg,
        src_paragraphs=None if options.presplit else src.paragraph,
        tgt_paragraphs=None if options.presplit else tgt.paragraph,
        **text_evidence(src.texts, tgt.texts, src.lang, tgt.lang, options.config),
    )
    t3 = time.perf_counter()
    return Alignment(
        src=src,
        tgt=tgt,
        beads=beads,
        seconds={"segment": t1 - t0, "encode": t2 - t1, "align": t3 - t2},
        encoder_calls=encoder.calls - calls_before,
        signature=pair_signature(encoder.name, options),
    )


def text_evidence(src_texts: list[str], tgt_texts: list[str], src_lang: str, tgt_lang: str,
                  config: AlignConfig) -> dict[str, object]:
    """What the aligner reads from the sentences' text besides their vectors: dictionary
    terms (zh-en), page-furniture and untranslatable lines, as keyword inputs of ``align_vectors``."""
    lexical = config.lexical > 0
    return {
        "src_terms": sentence_terms(src_texts, src_lang, tgt_lang) if lexical else None,
        "tgt_terms": sentence_terms(tgt_texts, tgt_lang, src_lang) if lexical else None,
        "src_furniture": furniture_lines(src_texts, src_lang) if config.furniture else None,
        "tgt_furniture": furniture_lines(tgt_texts, tgt_lang) if config.furniture else None,
        "src_untranslatable": untranslatable(src_texts, src_lang, tgt_lang) if config.furniture else None,
        "tgt_untranslatable": untranslatable(tgt_texts, tgt_lang, src_lang) if config.furniture else None,
    }


def untranslatable(texts: list[str], lang: str, other: str) -> np.ndarray:
    """Lines that translate nothing wherever they stand: wordless lines and untranslated passages."""
    wordless = wordless_lines(texts)
    return wordless | untranslated_lines(texts, lang, other, wordless)


def pair_signature(encoder_name: str, options: PairOptions) -> str:
    """The signature of an alignment made with ``options`` (languages are in the output)."""
    settings = replace(options, src_lang=None, tgt_lang=None, max_bytes=MAX_BYTES)
    return signature(__version__, encoder_name, settings, PairOptions())
