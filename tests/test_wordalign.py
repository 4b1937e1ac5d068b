"""Word alignment inside aligned segments (IBM Model 1 both ways, grow-diag-final-and).

The corpus is hand-made: every combination of a subject, a verb and an object, so each
word co-occurs with its translation every time and with any other word only sometimes.
"""

from __future__ import annotations

import itertools

from typer.testing import CliRunner

import cli
from align.terms.wordalign import align_words

SUBJECTS = [("我", "I"), ("他", "he"), ("她", "she"), ("我们", "we")]
VERBS = [("喜欢", "like"), ("看见", "see"), ("需要", "need")]
OBJECTS = [("猫", "cats"), ("狗", "dogs"), ("书", "books"), ("水", "water")]


def sentences() -> tuple[list[str], list[str]]:
    """Chinese 'S V O 。' and English 'S V the O .', as space-joined tokens."""
    zh, en = [], []
    for (s_zh, s_en), (v_zh, v_en), (o_zh, o_en) in itertools.product(SUBJECTS, VERBS, OBJECTS):
        zh.append(f"{s_zh} {v_zh} {o_zh} 。")
        en.append(f"{s_en} {v_en} the {o_en} .")
    return zh, en


def test_links_connect_each_word_with_its_translation():
    zh, en = sentences()
    alignments = align_words(zh, en, [])
    assert len(alignments) == len(zh) == 48
    for links in alignments:
        # subject, verb and object, each with its translation (the full stop is as often
        # with "the" as with ".", so either may do)
        assert {(0, 0), (1, 1), (2, 3)} <= links, links
        assert all(j != 0 for i, j in links if i != 0)  # no other word takes the subject's


def test_extra_pairs_train_but_are_not_aligned():
    zh, en = sentences()
    alignments = align_words(zh[:6], en[:6], list(zip(zh[6:], en[6:], strict=True)))
    assert len(alignments) == 6
    assert all({(0, 0), (2, 3)} <= links for links in alignments)


def test_empty_sides_give_no_links():
    zh, en = sentences()
    alignments = align_words([*zh, "", "猫"], [*en, "cats", ""], [])
    assert alignments[-2:] == [set(), set()]
    assert align_words([], [], []) == []


def test_two_runs_give_the_same_links():
    zh, en = sentences()
    noisy_en = [f"{e} really" if i % 3 == 0 else e for i, e in enumerate(en)]  # ties to break
    assert align_words(zh, noisy_en, []) == align_words(zh, noisy_en, [])


def test_glossary_of_the_demo_pair_is_the_same_every_run(demo_pair, fake_encoder, tmp_path):
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / f"{run}.tbx"
        result = CliRunner().invoke(cli.app, ["glossary", *map(str, demo_pair), "-o", str(out), "-q"])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"<termEntry" in outputs[0] or b"<conceptEntry" in outputs[0]


def test_reading_on_worker_processes_gives_the_same_glossary(monkeypatch):
    """A large corpus is cut into words on worker processes: the glossary is the same as when
    it is read here (results come back in order, the extractors rebuilt with the user's terms)."""
    from concurrent.futures import ProcessPoolExecutor
    from dataclasses import replace

    from align.terms import GlossaryOptions, Segment, UserEntry, build_glossary, parallel

    zh, en = sentences()
    segments = [Segment(z.replace(" ", ""), e, f"doc{i % 3}")
                for i, (z, e) in enumerate(zip(zh, en, strict=True))]
    options = GlossaryOptions(top=50, min_freq=1, user_entries=(UserEntry("我们喜欢", "we like"),))
    here = build_glossary(segments, options)
    pools = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    monkeypatch.setattr(parallel, "_CHUNK", 7)
    monkeypatch.setattr(parallel, "free_cores", lambda: 2)
    assert build_glossary(segments, options) == here
    assert not pools  # a library call reads in-process unless it asks for workers
    assert build_glossary(segments, replace(options, processes=0)) == here
    assert len(pools) == 1 and any(e.tgt for e in here.entries)
