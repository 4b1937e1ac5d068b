"""The edit logic of a review (align.review), without server or browser."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import AlignError
from align.review import Edit, Review, ReviewBead, apply_edit, changed_span

DAY = "20260101T000000Z"


def beads(*pairs) -> list[ReviewBead]:
    return [ReviewBead(tuple(s), tuple(t), 0.5) for s, t in pairs]


def shape(review_beads: list[ReviewBead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in review_beads]


def edit(op: str, bead: int, **fields) -> Edit:
    return Edit(op=op, bead=bead, date=DAY, **fields)


START = beads(([0], [0]), ([1], [1]), ([2, 3], [2]), ([4], []), ([5], [3, 4]))


def test_merge_joins_a_bead_with_the_next_and_marks_it_reviewed():
    after = apply_edit(START, edit("merge", 1))
    assert shape(after) == [((0,), (0,)), ((1, 2, 3), (1, 2)), ((4,), ()), ((5,), (3, 4))]
    assert after[1].reviewed == DAY and after[1].bead.confidence == 1.0
    assert not after[0].reviewed and after[0].bead.confidence == 0.5


def test_split_cuts_before_the_sentence_and_the_other_side_in_proportion():
    after = apply_edit(START, edit("split", 4, side="tgt", sentence=4))
    assert shape(after)[-2:] == [((5,), (3,)), ((), (4,))]
    after = apply_edit(START, edit("split", 2, side="src", sentence=3))
    assert shape(after)[2:4] == [((2,), (2,)), ((3,), ())]


def test_move_takes_a_boundary_sentence_to_the_neighbour():
    down = apply_edit(START, edit("move", 2, side="src", down=True))
    assert shape(down)[2:4] == [((2,), (2,)), ((3, 4), ())]
    up = apply_edit(START, edit("move", 4, side="tgt", down=False))
    assert shape(up)[3:] == [((4,), (3,)), ((5,), (4,))]


def test_a_bead_emptied_by_a_move_disappears():
    after = apply_edit(START, edit("move", 3, side="src", down=False))
    assert shape(after) == [((0,), (0,)), ((1,), (1,)), ((2, 3, 4), (2,)), ((5,), (3, 4))]


def test_unpair_leaves_the_sentence_without_counterpart():
    after = apply_edit(START, edit("unpair", 4, side="tgt", sentence=4))
    assert shape(after)[-2:] == [((5,), (3,)), ((), (4,))]
    after = apply_edit(START, edit("unpair", 0, side="src", sentence=0))
    assert shape(after)[:2] == [((0,), ()), ((), (0,))]


@pytest.mark.parametrize("bad", [
    edit("merge", 4), edit("split", 0, side="src", sentence=0), edit("split", 2, sentence=2),
    edit("move", 0, down=False), edit("move", 4, down=True), edit("unpair", 3, sentence=4),
    edit("unpair", 1, side="tgt", sentence=0), edit("confirm", 9),
])
def test_an_edit_that_cannot_be_made_is_refused_and_changes_nothing(bad):
    review = Review(list(START))
    with pytest.raises(AlignError):
        review.apply(bad)
    assert review.beads == START and review.edits == []


def test_undo_and_redo_walk_the_edit_log_and_a_new_edit_drops_the_undone():
    review = Review(list(START))
    review.apply(edit("merge", 0))
    review.apply(edit("confirm", 1))
    merged_and_confirmed = list(review.beads)
    assert review.undo() and review.undo() and not review.undo()
    assert review.beads == START
    assert review.redo() and review.redo() and not review.redo()
    assert review.beads == merged_and_confirmed
    review.undo()
    review.apply(edit("split", 0, side="src", sentence=1))
    assert len(review.edits) == 2 and review.edits[-1].op == "split" and not review.redo()


def test_a_review_survives_its_dict_form():
    review = Review(list(START))
    review.apply(edit("merge", 0))
    review.apply(edit("unpair", 1, side="src", sentence=3))
    review.undo()
    again = Review.from_dict(review.as_dict())
    assert again.beads == review.beads and again.edits == review.edits
    assert again.redo() and review.redo() and again.beads == review.beads


def test_changed_span_names_the_beads_to_redraw():
    after = apply_edit(START, edit("merge", 1))
    start, removed, added = changed_span(START, after)
    assert (start, removed, added) == (1, 2, 1)
    assert START[:start] + after[start:start + added] + START[start + removed:] == after


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["merge", "split", "move", "unpair", "confirm"]),
                          st.integers(0, 8), st.sampled_from(["src", "tgt"]), st.integers(0, 9),
                          st.booleans()), max_size=12))
def test_every_sentence_stays_in_one_bead_in_order_whatever_the_edits(actions):
    review = Review(list(START))
    for op, bead, side, sentence, down in actions:
        with contextlib.suppress(AlignError):
            review.apply(edit(op, bead, side=side, sentence=sentence, down=down))
        for name, count in (("src", 6), ("tgt", 5)):
            assert [i for b in review.beads for i in b.side(name)] == list(range(count))
        assert all(b.src or b.tgt for b in review.beads)
    while review.undo():
        pass
    assert review.beads == START
