"""Corpus tools over TMX files from any tool: merge with de-duplication, statistics, filtering.

Files are read with ``tmx.reader`` (streamed, no entity expansion) and written
with ``tmx.formats.tmx_document``, so a file of ours read and written again is
byte-identical. Inline codes of other tools' segments are not kept.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tmx.formats import tmx_document
from tmx.reader import TranslationUnit, header_props, iter_units


def _key(unit: TranslationUnit) -> bytes:
    """Identity of a TU for de-duplication: its texts per language, nothing else."""
    text = "\x00".join(f"{lang.lower()}\x01{seg}" for lang, seg in sorted(unit.variants.items()))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _srclang(units: list[TranslationUnit]) -> str:
    """The source language: the first variant's, as TMX files list the source first."""
    return next((next(iter(u.variants)) for u in units if u.variants), "*all*")


def merge(paths: Iterable[str | Path]) -> tuple[bytes, int, int]:
    """All TUs of the files in order, each distinct set of texts once (TUs with fewer
    than two languages dropped), renumbered; returns (TMX bytes, TUs read, TUs written)."""
    seen: set[bytes] = set()
    kept: list[TranslationUnit] = []
    read = 0
    signatures: list[tuple[str, str]] = []
    for path in paths:
        signatures += [p for p in header_props(path) if p not in signatures]
        for unit in iter_units(path):
            read += 1
            key = _key(unit)
            if len(unit.variants) >= 2 and key not in seen:
                seen.add(key)
                kept.append(unit)
    for number, unit in enumerate(kept, 1):
        unit.tuid = str(number)
    return tmx_document(kept, _srclang(kept), header=signatures), read, len(kept)


def score_of(unit: TranslationUnit) -> float | None:
    """The aligner's confidence (prop x-score), or None when the TU has none."""
    try:
        return float(unit.props["x-score"])
    except (KeyError, ValueError):
        return None


def filter_units(path: str | Path, min_score: float) -> tuple[bytes, int, int, int]:
    """TUs scoring at least ``min_score``; TUs without a score are kept (they were not
    scored, not judged bad). Returns (TMX bytes, read, written, unscored kept)."""
    kept: list[TranslationUnit] = []
    read = unscored = 0
    for unit in iter_units(path):
        read += 1
        score = score_of(unit)
        unscored += score is None
        if score is None or score >= min_score:
            kept.append(unit)
    return (tmx_document(kept, _srclang(kept), header=header_props(path)), read, len(kept),
            unscored)


@dataclass
class Stats:
    """What a translator wants to know about a TMX before importing it."""

    units: int = 0
    duplicates: int = 0
    languages: Counter = field(default_factory=Counter)  #: xml:lang → TUs with it
    characters: Counter = field(default_factory=Counter)  #: xml:lang → characters
    beads: Counter = field(default_factory=Counter)  #: x-bead → TUs
    scores: list[float] = field(default_factory=list)

    def lines(self) -> Iterator[str]:
        """The statistics as 'name<TAB>value' lines."""
        yield f"translation units\t{self.units}"
        yield f"duplicates\t{self.duplicates}"
        for lang, count in sorted(self.languages.items()):
            yield f"language {lang}\t{count} TUs, {self.characters[lang]} characters"
        for kind, count in sorted(self.beads.items(), key=lambda kv: (-kv[1], kv[0])):
            yield f"bead {kind}\t{count}"
        if self.scores:
            ordered = sorted(self.scores)
            mean = sum(ordered) / len(ordered)
            median = ordered[len(ordered) // 2]
            low = sum(s < 0.5 for s in ordered)
            yield f"scored\t{len(ordered)} (mean {mean:.3f}, median {median:.3f}, min {ordered[0]:.3f})"
            yield f"score < 0.5\t{low}"
        yield f"unscored\t{self.units - len(self.scores)}"


def stats(path: str | Path) -> Stats:
    """Counts over one TMX file, streamed."""
    result = Stats()
    seen: set[bytes] = set()
    for unit in iter_units(path):
        result.units += 1
        key = _key(unit)
        result.duplicates += key in seen
        seen.add(key)
        for lang, text in unit.variants.items():
            result.languages[lang] += 1
            result.characters[lang] += len(text)
        if "x-bead" in unit.props:
            result.beads[unit.props["x-bead"]] += 1
        score = score_of(unit)
        if score is not None:
            result.scores.append(score)
    return result
