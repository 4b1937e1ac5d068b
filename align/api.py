"""The few calls a Python user needs: align two texts or two lists of sentences.

    >>> import align
    >>> result = align.align_sentences(["你好。", "谢谢。"], ["Hello.", "Thank you."])
    >>> [(u.src, u.tgt) for u in align.units(result)]

Everything else (reading files, pairing documents, glossaries) is re-exported by
``align/__init__.py`` from the module that does it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from align.aligner import AlignConfig
from align.encoders import DEFAULT_ENCODER, CachedEncoder, Encoder, load_encoder
from align.language import detect_language
from align.pipeline import PairOptions, align_documents, check_languages
from align.reader import normalise, paragraphs
from align.types import Alignment, Document


@cache
def _loaded(spec: str) -> Encoder:
    """Each named encoder is loaded once per process (loading takes seconds)."""
    return load_encoder(spec)


def _document(name: str, paras: list[str], lang: str | None) -> Document:
    return Document(path=name, lang=lang or detect_language("\n".join(paras)), encoding="utf-8",
                    paragraphs=paras)


def _align(src: Document, tgt: Document, presplit: bool, encoder: str | Encoder,
           config: AlignConfig | None) -> Alignment:
    check_languages(src, tgt)
    model = CachedEncoder(_loaded(encoder) if isinstance(encoder, str) else encoder)
    options = PairOptions(src_lang=src.lang, tgt_lang=tgt.lang, presplit=presplit,
                          config=config or AlignConfig())
    return align_documents(src, tgt, model, options)


def align_texts(
    src: str, tgt: str, *, src_lang: str | None = None, tgt_lang: str | None = None,
    encoder: str | Encoder = DEFAULT_ENCODER, config: AlignConfig | None = None,
) -> Alignment:
    """Align a text and its translation: lines are paragraphs, cut into sentences here.

    Languages are detected unless given (ISO 639-1 codes); ``encoder`` is ``"e5"``
    (bundled), a sentence-transformers model name or folder, or any object with
    ``name`` and ``encode(list[str]) -> ndarray``.
    """
    src_doc = _document("source", paragraphs(normalise(src)), src_lang)
    tgt_doc = _document("target", paragraphs(normalise(tgt)), tgt_lang)
    return _align(src_doc, tgt_doc, False, encoder, config)


def align_sentences(
    src: Sequence[str], tgt: Sequence[str], *, src_lang: str | None = None,
    tgt_lang: str | None = None, encoder: str | Encoder = DEFAULT_ENCODER,
    config: AlignConfig | None = None,
) -> Alignment:
    """Align two lists of sentences as they are: each item is one sentence, never re-cut."""
    src_doc = _document("source", [normalise(s).replace("\n", " ") for s in src], src_lang)
    tgt_doc = _document("target", [normalise(s).replace("\n", " ") for s in tgt], tgt_lang)
    return _align(src_doc, tgt_doc, True, encoder, config)
