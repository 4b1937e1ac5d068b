"""What document pairing knows of one document: a sample of its sentences and cheap features.

Pairing never encodes a whole document (``align.docpair``): only its first and last
sentences, where a document and its translation are sure to correspond. Numbers
(dates included) and Latin-script tokens are collected from the whole text, since
they survive translation unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from align.encoders import CachedEncoder
from align.pipeline import segment, sentence_lengths
from align.types import Document, Sentences

_NUMBER = re.compile(r"\d+(?:[.,]\d{3})*(?:\.\d+)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_MONTHS = {name: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), 1) for name in names}
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2}) ([A-Za-z]{3,9})\b")
_ZH_DATE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def numbers_in(text: str) -> set[str]:
    """Numbers of two or more digits (separators removed) and dates as ``month-day``.

    Single digits are left out: Chinese usually writes them as characters.
    """
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    found = {n for n in found if len(n) >= 2}
    dates = [(m.group(1), m.group(2)) for m in _MONTH_DAY.finditer(text)]
    dates += [(m.group(2), m.group(1)) for m in _DAY_MONTH.finditer(text)]
    found |= {f"{_MONTHS[month.lower()]}-{int(day)}" for month, day in dates
              if month.lower() in _MONTHS and 1 <= int(day) <= 31}
    found |= {f"{int(m)}-{int(d)}" for m, d in _ZH_DATE.findall(text)}
    return found


def latin_tokens(text: str) -> set[str]:
    """Lower-cased Latin-script words of two or more letters (names, acronyms, terms)."""
    return {t.lower() for t in _LATIN.findall(text) if len(t) >= 2}


@dataclass
class Profile:
    """What pairing knows about one document: its sample vectors and cheap features."""

    doc: Document
    sentences: Sentences
    blocks: list[range]  #: runs of consecutive sentences that are embedded (head, tail)
    numbers: frozenset[str]
    latin: frozenset[str]
    chars: float  #: characters without spaces
    vectors: list[np.ndarray] = field(default_factory=list)  #: one array per block

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def lang(self) -> str:
        return self.doc.lang

    @property
    def mean(self) -> np.ndarray:
        """Mean of all sampled sentence vectors: the document's direction."""
        return np.concatenate(self.vectors).mean(axis=0)


def sample_blocks(n: int, head: int, tail: int) -> list[range]:
    """The first ``head`` and the last ``tail`` sentences; all of them when there are few.

    Beginning and end are where a document and a full translation of it are
    sure to correspond, however their length ratio varies in between; a
    partial translation matches at least on one of them.
    """
    if n <= head + tail:
        return [range(n)]
    return [range(head), range(n - tail, n)] if tail else [range(head)]


def profile(doc: Document, head: int, tail: int) -> Profile:
    """Segment a document and collect its cheap features; ``head`` and ``tail`` sentences are
    sampled (``sample_blocks``), their vectors come later."""
    sentences = segment(doc)
    text = "\n".join(doc.paragraphs)
    lengths = sentence_lengths(sentences)
    return Profile(
        doc=doc,
        sentences=sentences,
        blocks=sample_blocks(len(sentences), head, tail),
        numbers=frozenset(numbers_in(text)),
        latin=frozenset(latin_tokens(text)),
        chars=float(lengths.sum()),
    )


def embed(profiles: Sequence[Profile], encoder: CachedEncoder,
          advance: Callable[[int], None] | None = None) -> None:
    """Embed every profile's sampled sentences (each distinct sentence once)."""
    for p in profiles:
        p.vectors = [encoder.encode([p.sentences.texts[i] for i in block], progress=advance)
                     for block in p.blocks]
