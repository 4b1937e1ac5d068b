"""The public Python API, used only through ``import align`` and ``import tmx`` names."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, HashingEncoder
from lxml import etree

import align
import tmx

ZH = ["外交部发言人2月3日举行例行记者会。", "会议于2019年在日内瓦举行。", "我们欢迎各方参与。"]
EN = ["The Foreign Ministry spokesperson held a regular press conference on February 3.",
      "The meeting was held in Geneva in 2019.", "We welcome the participation of all parties."]


def test_all_lists_only_names_that_exist():
    missing = [name for name in align.__all__ if not hasattr(align, name)]
    assert not missing
    for name in ("align_texts", "align_sentences", "read_document", "pair_documents",
                 "build_glossary", "units", "load_encoder"):
        assert name in align.__all__
    assert "write_tmx" in tmx.__all__


def test_align_sentences_keeps_each_item_as_one_sentence():
    src = [*ZH, "这是第一句。这是第二句。"]  # two sentences in one item stay one
    tgt = [*EN, "This is the first sentence. This is the second."]
    result = align.align_sentences(src, tgt, encoder=HashingEncoder())
    assert result.src.texts == src and result.tgt.texts == tgt
    assert (result.src.lang, result.tgt.lang) == ("zh", "en")
    assert all(0.0 <= b.confidence <= 1.0 for b in result.beads)
    covered = sorted(i for b in result.beads for i in b.src)
    assert covered == list(range(len(src)))


def test_align_texts_segments_and_languages_can_be_given():
    result = align.align_texts("".join(ZH), " ".join(EN), encoder=HashingEncoder(),
                               src_lang="zh", tgt_lang="en")
    assert len(result.src) == 3 and len(result.tgt) == 3
    assert result.signature.startswith(f"align:{align.__version__}|encoder:test/")


def test_two_texts_in_one_language_are_refused():
    with pytest.raises(align.LanguageError, match="both 'en'"):
        align.align_sentences(EN, EN, encoder=HashingEncoder())


def test_write_tmx_writes_a_valid_file_with_the_signature(tmp_path, tmx_dtd):
    result = align.align_sentences(ZH, EN, encoder=HashingEncoder())
    path = tmp_path / "out.tmx"
    tmx.write_tmx(result, path)
    tree = etree.parse(str(path))
    assert tmx_dtd.validate(tree), tmx_dtd.error_log
    [signature] = tree.xpath("/tmx/header/prop[@type='x-align-signature']/text()")
    assert signature == result.signature
    assert len(tree.xpath("//tu")) == len(align.units(result))


def readme_api_example() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_api_example_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    code = readme_api_example().replace('"demo.tmx"', repr(str(tmp_path / "demo.tmx")))
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "Geneva" in printed and "日内瓦" in printed
    assert (tmp_path / "demo.tmx").read_bytes().startswith(b"<?xml")
