"""Where a glossary's segments come from: document pairs aligned on the spot, or documents in
one language (TMX files are read by ``tmx.glossary.tmx_segments``). Each source is a
generator, so nothing is held whole."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import AlignError
from align.pipeline import PairOptions, align_documents, read_pair, segment
from align.reader import read_document
from align.terms.model import Segment
from align.types import Alignment, Document
from align.units import units

_LANG_SUFFIX = re.compile(r"[._-](zh|cn|en|chs|cht|eng|chi)$", re.IGNORECASE)


def alignment_segments(alignment: Alignment, src_lang: str) -> Iterator[Segment]:
    """The TUs of an alignment, turned so the glossary's source language comes first."""
    flip = alignment.src.lang != src_lang
    for _, src, tgt in units(alignment):
        yield Segment(tgt, src, alignment.tgt.name) if flip else Segment(src, tgt, alignment.src.name)


def document_segments(docs: Sequence[Document], presplit: bool = False) -> Iterator[Segment]:
    """The sentences of documents in one language, for a monolingual glossary."""
    for doc in docs:
        for text in segment(doc, presplit).texts:
            yield Segment(text, "", doc.name)


def _stem(path: Path) -> str:
    """A document's name without extension or language tag: report.zh.txt → report."""
    return _LANG_SUFFIX.sub("", path.name.split(".")[0] if "." in path.name else path.name).lower()


def folder_pairs(src_dir: Path, tgt_dir: Path) -> list[tuple[Path, Path]]:
    """Files of two folders paired by name (report.zh.txt ↔ report.en.txt)."""
    tgt_by_stem = {_stem(p): p for p in sorted(tgt_dir.iterdir()) if p.is_file()}
    pairs = [(p, tgt_by_stem[_stem(p)]) for p in sorted(src_dir.iterdir())
             if p.is_file() and _stem(p) in tgt_by_stem]
    if not pairs:
        raise AlignError(f"no file names shared by {src_dir} and {tgt_dir}; name a document and its "
                         "translation alike (a.zh.txt, a.en.txt), or pair them with `align docs`")
    return pairs


def aligned_pairs(pairs: Sequence[tuple[Path, Path]], options: PairOptions, encoder,
                  src_lang: str, progress: Callable[[str, int], Callable[[int], None]],
                  ) -> Iterator[Segment]:
    """Align each document pair with ``align.pipeline`` and yield its TUs."""
    for src_path, tgt_path in pairs:
        src_doc, tgt_doc = read_pair(str(src_path), str(tgt_path), options)
        yield from alignment_segments(align_documents(src_doc, tgt_doc, encoder, options, progress),
                                      src_lang)


@dataclass
class Inputs:
    """What the command line named, sorted out: TMX files, document pairs, or one-language documents."""

    tmx: list[Path] = field(default_factory=list)
    pairs: list[tuple[Path, Path]] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    @property
    def monolingual_lang(self) -> str | None:
        return self.documents[0].lang if self.documents else None


def classify(paths: Sequence[Path], options: PairOptions) -> Inputs:
    """TMX files; or two folders of translations named alike; or a document and its
    translation; or any documents in one language (a monolingual glossary)."""
    for path in paths:
        if not path.exists():
            raise AlignError(f"{path}: no such file or folder")
    tmx = [p for p in paths if p.suffix.lower() == ".tmx" and p.is_file()]
    if tmx:
        if len(tmx) != len(paths):
            raise AlignError("give either TMX files or documents, not both")
        return Inputs(tmx=list(paths))
    if len(paths) == 2 and all(p.is_dir() for p in paths):
        return Inputs(pairs=folder_pairs(*paths))
    files = [f for p in paths for f in (sorted(x for x in p.iterdir() if x.is_file()) if p.is_dir() else [p])]
    docs = [read_document(f, presplit=options.presplit, max_bytes=options.max_bytes) for f in files]
    langs = {d.lang for d in docs}
    if len(docs) == 2 and len(langs) == 2:
        return Inputs(pairs=[(files[0], files[1])])
    if len(langs) > 1:
        raise AlignError(f"documents in {', '.join(sorted(langs))}: give one document and its "
                         "translation, two folders of them, or documents in one language")
    return Inputs(documents=docs)


def glossary_languages(inputs: Inputs, src_lang: str, tgt_lang: str) -> tuple[str, str]:
    """The glossary's (source, target) languages: as asked, except that documents in one
    language are that language's terms (the asked source becomes the other language)."""
    lang = inputs.monolingual_lang
    if lang and lang != src_lang:
        return lang, src_lang
    return src_lang, tgt_lang


def input_segments(inputs: Inputs, src_lang: str, options: PairOptions, encoder,
                   progress: Callable[[str, int], Callable[[int], None]]) -> Iterator[Segment]:
    """The segments of document inputs, aligning document pairs first (TMX files are read by
    ``tmx.glossary.tmx_segments``)."""
    if inputs.pairs:
        return aligned_pairs(inputs.pairs, options, encoder, src_lang, progress)
    return document_segments(inputs.documents, options.presplit)
