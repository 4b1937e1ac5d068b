"""Correcting an alignment by hand: merge, split, move a boundary, mark no counterpart.

A review is the aligner's beads plus a log of edits. The current beads are
the first ``position`` edits replayed over the original ones, so undo and redo
only move ``position`` and nothing the translator did is ever lost; a new edit
after an undo drops the undone ones, as in any editor. Every bead an edit
touches (and every bead the translator confirms) is *reviewed*: it carries
the date of that edit and counts as certain (confidence 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from align.errors import AlignError
from align.types import Alignment, Bead

SIDES = ("src", "tgt")
#: Edit operations and what each needs besides ``bead``.
OPERATIONS = ("merge", "split", "move", "unpair", "confirm")


@dataclass(frozen=True)
class ReviewBead:
    """A bead as the translator sees it: its sentences, the aligner's confidence and,
    once reviewed, the date of the last edit that touched or confirmed it."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float
    reviewed: str = ""

    @property
    def bead(self) -> Bead:
        """The bead to write: a reviewed one is certain."""
        return Bead(self.src, self.tgt, 1.0 if self.reviewed else self.confidence)

    def side(self, name: str) -> tuple[int, ...]:
        return self.src if name == "src" else self.tgt


@dataclass(frozen=True)
class Edit:
    """One action of the translator on bead number ``bead`` (0-based, in the beads current
    when it was made).

    ``merge``: the bead and the next become one. ``split``: the bead is cut before
    sentence ``sentence`` of side ``side``; the other side is cut in the same
    proportion. ``move``: the first (``down`` false) sentence of ``side`` goes to the
    end of the previous bead, or the last one (``down`` true) to the start of the next.
    ``unpair``: sentence ``sentence`` of ``side`` becomes a bead of its own with no
    counterpart. ``confirm``: the bead is right as it is. ``date`` is when it was made.
    """

    op: str
    bead: int
    date: str
    side: str = "src"
    sentence: int = -1
    down: bool = False

    def __post_init__(self) -> None:
        if self.op not in OPERATIONS:
            raise AlignError(f"unknown edit {self.op!r}; use one of {', '.join(OPERATIONS)}")
        if self.side not in SIDES:
            raise AlignError(f"unknown side {self.side!r}; use src or tgt")


@dataclass
class Review:
    """The original beads, the edit log and how much of it is applied."""

    original: list[ReviewBead]
    edits: list[Edit] = field(default_factory=list)
    position: int = 0
    beads: list[ReviewBead] = field(init=False)

    def __post_init__(self) -> None:
        self.position = max(0, min(self.position, len(self.edits)))
        self.beads = replay(self.original, self.edits[: self.position])

    @classmethod
    def of(cls, alignment: Alignment) -> Review:
        """A fresh review of the aligner's output."""
        return cls([ReviewBead(b.src, b.tgt, b.confidence) for b in alignment.beads])

    def apply(self, edit: Edit) -> None:
        """Make ``edit`` (AlignError, and nothing changed, when it cannot be made)."""
        beads = apply_edit(self.beads, edit)
        del self.edits[self.position :]
        self.edits.append(edit)
        self.position += 1
        self.beads = beads

    def undo(self) -> bool:
        """Step back one edit; False when there is none."""
        if self.position == 0:
            return False
        self.position -= 1
        self.beads = replay(self.original, self.edits[: self.position])
        return True

    def redo(self) -> bool:
        """Make the last undone edit again; False when there is none."""
        if self.position == len(self.edits):
            return False
        self.beads = apply_edit(self.beads, self.edits[self.position])
        self.position += 1
        return True

    def alignment(self, base: Alignment) -> Alignment:
        """``base`` (whose sentences this review is of) with the current beads."""
        return replace(base, beads=[b.bead for b in self.beads])

    def as_dict(self) -> dict:
        """The review as JSON-ready data: ``original`` (which never changes) and ``log()``."""
        return {"original": [_bead_list(b) for b in self.original], **self.log()}

    def log(self) -> dict:
        """The part of ``as_dict()`` that edits, undo and redo change."""
        return {"edits": [dict(vars(e)) for e in self.edits], "position": self.position}

    @classmethod
    def from_dict(cls, data: dict) -> Review:
        try:
            return cls([_bead_from(b) for b in data["original"]],
                       [Edit(**e) for e in data["edits"]], int(data["position"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise AlignError(f"not a review of ours ({type(exc).__name__}: {exc})") from None


def _bead_list(bead: ReviewBead) -> list:
    return [list(bead.src), list(bead.tgt), bead.confidence, bead.reviewed]


def _bead_from(data: list) -> ReviewBead:
    src, tgt, confidence, reviewed = data
    return ReviewBead(tuple(map(int, src)), tuple(map(int, tgt)), float(confidence), str(reviewed))


def replay(original: list[ReviewBead], edits: list[Edit]) -> list[ReviewBead]:
    """The beads after making ``edits`` in order."""
    beads = list(original)
    for edit in edits:
        beads = apply_edit(beads, edit)
    return beads


def apply_edit(beads: list[ReviewBead], edit: Edit) -> list[ReviewBead]:
    """A new bead list with ``edit`` made; AlignError (saying why) when it cannot be."""
    if not 0 <= edit.bead < len(beads):
        raise AlignError(f"there is no bead {edit.bead}")
    i, date = edit.bead, edit.date
    bead = beads[i]
    if edit.op == "confirm":
        new = [replace(bead, reviewed=date)]
        return beads[:i] + new + beads[i + 1 :]
    if edit.op == "merge":
        if i + 1 >= len(beads):
            raise AlignError("the last bead has no next bead to merge with")
        nxt = beads[i + 1]
        merged = ReviewBead(bead.src + nxt.src, bead.tgt + nxt.tgt,
                            min(bead.confidence, nxt.confidence), date)
        return [*beads[:i], merged, *beads[i + 2 :]]
    if edit.op == "split":
        return beads[:i] + _split(bead, edit) + beads[i + 1 :]
    if edit.op == "unpair":
        return beads[:i] + _unpair(bead, edit) + beads[i + 1 :]
    return _move(beads, edit)


def _cut(ids: tuple[int, ...], at: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return ids[:at], ids[at:]


def _split(bead: ReviewBead, edit: Edit) -> list[ReviewBead]:
    """Cut before ``edit.sentence`` on its side; the other side in the same proportion."""
    own = bead.side(edit.side)
    if edit.sentence not in own[1:]:
        raise AlignError(f"a bead is split before one of its sentences other than the first; "
                         f"{edit.sentence} is not one")
    at = own.index(edit.sentence)
    other = bead.side("tgt" if edit.side == "src" else "src")
    other_at = int(len(other) * at / len(own) + 0.5)
    first, second = _cut(own, at)
    other_first, other_second = _cut(other, other_at)
    if edit.side == "tgt":
        first, second, other_first, other_second = other_first, other_second, first, second
    return [ReviewBead(first, other_first, bead.confidence, edit.date),
            ReviewBead(second, other_second, bead.confidence, edit.date)]


def _unpair(bead: ReviewBead, edit: Edit) -> list[ReviewBead]:
    """The sentence alone, with no counterpart; the rest of its side keeps the other side
    when the sentence was at one end, else the part after it is left unpaired too."""
    own = bead.side(edit.side)
    if edit.sentence not in own:
        raise AlignError(f"sentence {edit.sentence} is not in bead {edit.bead}")
    other = bead.side("tgt" if edit.side == "src" else "src")
    if len(own) == 1 and not other:
        raise AlignError("this sentence already has no counterpart")
    at = own.index(edit.sentence)
    before, after = own[:at], own[at + 1 :]
    alone: list[tuple[tuple[int, ...], tuple[int, ...]]]
    if at == 0 and after:
        alone = [((own[0],), ()), (after, other)]
    elif at == 0:
        alone = [((own[0],), ()), ((), other)]
    else:
        alone = [(before, other), ((own[at],), ())] + ([(after, ())] if after else [])
    if edit.side == "tgt":
        alone = [(o, s) for s, o in alone]
    return [ReviewBead(s, t, bead.confidence, edit.date) for s, t in alone if s or t]


def _move(beads: list[ReviewBead], edit: Edit) -> list[ReviewBead]:
    """A boundary sentence of ``edit.side`` into the neighbouring bead; a bead left with
    no sentence at all disappears."""
    i = edit.bead
    j = i + 1 if edit.down else i - 1
    if not 0 <= j < len(beads):
        raise AlignError(f"bead {i} has no {'next' if edit.down else 'previous'} bead")
    own = beads[i].side(edit.side)
    if not own:
        raise AlignError(f"bead {i} has no {edit.side} sentence to move")
    moved = own[-1] if edit.down else own[0]
    rest = own[:-1] if edit.down else own[1:]
    target = beads[j].side(edit.side)
    target = (moved, *target) if edit.down else (*target, moved)
    changed = {i: _with_side(beads[i], edit.side, rest, edit.date),
               j: _with_side(beads[j], edit.side, target, edit.date)}
    low = min(i, j)
    middle = [changed[low], changed[low + 1]]
    return beads[:low] + [b for b in middle if b.src or b.tgt] + beads[low + 2 :]


def _with_side(bead: ReviewBead, side: str, ids: tuple[int, ...], date: str) -> ReviewBead:
    return replace(bead, **{side: tuple(ids)}, reviewed=date)


def changed_span(old: list[ReviewBead], new: list[ReviewBead]) -> tuple[int, int, int]:
    """``(start, removed, added)``: ``old[start:start + removed]`` became
    ``new[start:start + added]`` and the rest is equal, so a page redraws only that."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, len(old) - start - end, len(new) - start - end

