"""Beads → translation units: which beads become TUs and what text each side holds.

A bead becomes one translation unit when both sides are non-empty: sentences of
one paragraph are joined as the document has them, others with no space in
Chinese and Japanese and one space elsewhere. Insertions and deletions never
become TUs.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from align.catseg import merge_beads
from align.text import NO_SPACE_LANGS
from align.types import Alignment, Bead, Sentences

# Lone surrogates: no UTF-8 file can hold them, whatever the format.
_SURROGATES = re.compile("[\ud800-\udfff]")


class Unit(NamedTuple):
    """One translation unit: the bead it comes from and the text of each side."""

    bead: Bead
    src: str
    tgt: str


def bead_text(sentences: Sentences, ids: tuple[int, ...]) -> str:
    """The sentences of one side of a bead as one segment: neighbours in one paragraph
    joined as the document has them (so CAT tools find the same text), others with
    no space in Chinese and Japanese, one space elsewhere."""
    glue = "" if sentences.lang in NO_SPACE_LANGS else " "
    out = []
    for prev, i in zip((None, *ids), ids, strict=False):
        if prev is not None:
            same = (sentences.spacing and i == prev + 1
                    and sentences.paragraph[i] == sentences.paragraph[prev])
            out.append(sentences.spacing[i] if same else glue)
        out.append(sentences.texts[i])
    return "".join(out)


def units(alignment: Alignment, min_score: float = 0.0, cat_segments: bool = False) -> list[Unit]:
    """Every bead that becomes a TU, with its two segments.

    With ``cat_segments``, consecutive beads are first merged so that every source
    segment is one a CAT tool's default segmentation produces (see align.catseg).
    """
    beads = alignment.beads
    if cat_segments:
        src_side = alignment.src
        beads = merge_beads(beads, src_side.texts, src_side.paragraph, src_side.spacing,
                            src_side.lang)
    out = []
    for bead in beads:
        if not bead.is_pair or bead.confidence < min_score:
            continue
        src = _SURROGATES.sub("", bead_text(alignment.src, bead.src))
        tgt = _SURROGATES.sub("", bead_text(alignment.tgt, bead.tgt))
        if src.strip() and tgt.strip():
            out.append(Unit(bead, src, tgt))
    return out
