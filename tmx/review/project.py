"""The review project file: an alignment under correction, saved beside its TMX.

``report.tmx`` has ``report.align.json``: both sides' sentences with their
paragraph marks, the aligner's beads and confidences, and the translator's
edit log (``align.review``). It is rewritten atomically after every edit, so
closing the tab or killing the server loses nothing, and ``align review``
reopens it. The TMX it writes is named by file name only and always lies in
the project's own folder: a project file cannot make the server write
anywhere else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from align.errors import AlignError
from align.review import Review
from align.types import Alignment, Bead, Sentences
from align.units import units
from tmx.formats import to_tmx
from tmx.output import write_atomically

SUFFIX = ".align.json"
_FORMAT = "align-review"
_VERSION = 1


def project_path_for(tmx_path: str | Path) -> Path:
    """``out/report.tmx`` → ``out/report.align.json``."""
    tmx_path = Path(tmx_path)
    return tmx_path.with_name(tmx_path.name.removesuffix(tmx_path.suffix) + SUFFIX)


@dataclass
class TmxOptions:
    """How the TMX was written, so the corrected one is written the same way."""

    cat_segments: bool = True
    min_score: float = 0.0
    src_locale: str | None = None
    tgt_locale: str | None = None


@dataclass
class Project:
    """An alignment under review and where it lives on disk."""

    path: Path
    base: Alignment
    review: Review
    tmx_name: str
    options: TmxOptions = field(default_factory=TmxOptions)

    @property
    def tmx_path(self) -> Path:
        return self.path.parent / self.tmx_name

    @cached_property
    def _fixed_json(self) -> str:
        """Both sides' sentences and the aligner's beads as JSON object members: they never
        change, and encoding them is most of the cost of a save."""
        fixed = {"src": _sentences_dict(self.base.src), "tgt": _sentences_dict(self.base.tgt),
                 "original": self.review.as_dict()["original"]}
        return json.dumps(fixed, ensure_ascii=False)[1:-1]

    def save(self) -> None:
        """Write the project file atomically (after every edit)."""
        head = json.dumps({"format": _FORMAT, "version": _VERSION, "tmx": self.tmx_name,
                           "options": vars(self.options), **self.review.log()}, ensure_ascii=False)
        write_atomically(self.path, f"{head[:-1]}, {self._fixed_json}}}".encode())

    def corrected(self) -> Alignment:
        return self.review.alignment(self.base)

    def write_tmx(self) -> int:
        """Write the corrected TMX atomically; returns the number of TUs. Reviewed TUs
        carry x-score 1 and ``x-reviewed`` with the date of their last edit."""
        src_dates = _review_dates(self.review, "src")
        tgt_dates = _review_dates(self.review, "tgt")

        def reviewed(bead: Bead) -> dict[str, str]:
            dates = [src_dates.get(i) for i in bead.src] + [tgt_dates.get(j) for j in bead.tgt]
            if not dates or not all(dates):
                return {}
            return {"x-score": "1", "x-reviewed": max(dates)}

        options = self.options
        data = to_tmx(self.corrected(), options.min_score, options.src_locale, options.tgt_locale,
                      options.cat_segments, extra_props=reviewed)
        write_atomically(self.tmx_path, data)
        return len(units(self.corrected(), options.min_score, options.cat_segments))


def _review_dates(review: Review, side: str) -> dict[int, str]:
    """Sentence → date of review, for the sentences of reviewed beads."""
    return {i: b.reviewed for b in review.beads if b.reviewed for i in b.side(side)}


def _sentences_dict(side: Sentences) -> dict:
    return {"lang": side.lang, "name": side.name, "texts": side.texts,
            "paragraph": side.paragraph, "spacing": side.spacing}


def _sentences_from(data: dict) -> Sentences:
    sentences = Sentences(str(data["lang"]), [str(t) for t in data["texts"]],
                          [int(p) for p in data["paragraph"]], str(data.get("name", "")),
                          [str(s) for s in data.get("spacing", [])])
    if len(sentences.paragraph) != len(sentences.texts) or (
            sentences.spacing and len(sentences.spacing) != len(sentences.texts)):
        raise ValueError("sentences, paragraph marks and spacing differ in number")
    return sentences


def create_project(alignment: Alignment, tmx_path: str | Path, options: TmxOptions) -> Project:
    """A new project for ``alignment`` beside ``tmx_path``, saved (replacing any older one)."""
    tmx_path = Path(tmx_path)
    project = Project(project_path_for(tmx_path), alignment, Review.of(alignment), tmx_path.name,
                      options)
    project.save()
    return project


def load_project(path: str | Path) -> Project:
    """Read a project file (or the one beside a TMX); AlignError saying what is wrong."""
    path = Path(path)
    if path.suffix.lower() == ".tmx":
        path = project_path_for(path)
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise AlignError(f"{path}: no such review project; make one with "
                         "`align pair SRC TGT -o FILE.tmx --review`") from None
    except (OSError, ValueError) as exc:
        raise AlignError(f"{path}: cannot read this review project ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise AlignError(f"{path}: not a review project of align (no \"format\": \"{_FORMAT}\")")
    if data.get("version") != _VERSION:
        raise AlignError(f"{path}: review project version {data.get('version')!r}; this align "
                         f"reads version {_VERSION}")
    try:
        tmx_name = str(data["tmx"])
        if Path(tmx_name).name != tmx_name or not tmx_name.lower().endswith(".tmx"):
            raise ValueError(f"the TMX {tmx_name!r} must be a .tmx file name in the same folder")
        base = Alignment(_sentences_from(data["src"]), _sentences_from(data["tgt"]), [])
        review = Review.from_dict(data)
        options = TmxOptions(**data.get("options", {}))
        _check_beads(review, len(base.src), len(base.tgt))
    except (KeyError, TypeError, ValueError, AlignError) as exc:
        raise AlignError(f"{path}: damaged review project ({exc})") from None
    base.beads = [b.bead for b in review.original]
    return Project(path, base, review, tmx_name, options)


def _check_beads(review: Review, n_src: int, n_tgt: int) -> None:
    """Every sentence of each side exactly once, in order: what the edits rely on."""
    for side, count in (("src", n_src), ("tgt", n_tgt)):
        ids = [i for b in review.original for i in b.side(side)]
        if ids != list(range(count)):
            raise ValueError(f"the beads do not cover the {side} sentences once each, in order")
