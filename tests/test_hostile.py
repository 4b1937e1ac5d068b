"""Hostile input: arbitrary Unicode through the segmenter and every writer, huge files.

Property-based (hypothesis): control characters, lone surrogates, bidi marks,
emoji, runs of terminators and very long lines without punctuation must never
crash, lose or invent text, and every TMX written must parse and validate.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

import cli
from align.pipeline import segment
from align.reader import MAX_BYTES, normalise, paragraphs
from align.segment import split_sentences
from align.types import Alignment, Bead, Document, Sentences
from tmx import render
from tmx.formats import units

LANGS = ["zh", "en", "de", "fr", "ja", "xx"]
# Characters that drive the segmenters' rules, plus the troublemakers.
TRICKY = ("。！？!?.…．；;:：，,“”‘’「」『』（）()\"' \u3000\u00a0\t"
          "\u200f\u202e\u2066\u2069\u0000\u0007\u001b\ufeff\ufffe\ud800\udfff😀👩‍👩‍👧字a1")
any_char = st.characters(codec=None, exclude_categories=())  # surrogates and controls too
texts = st.one_of(
    st.text(any_char, max_size=200),
    st.text(st.sampled_from(TRICKY), max_size=200),
    st.lists(st.sampled_from(["Mr.", "Dr", "No.", "5.", "U.S.", "他说：", "“好。”", "...", "……",
                              "Hello", " ", "?!", "。”", "\"Yes.\""]), max_size=40).map("".join),
)
HOSTILE = settings(max_examples=150, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def squeeze(text: str) -> str:
    return "".join(text.split())


@HOSTILE
@given(text=texts, lang=st.sampled_from(LANGS))
def test_segmenter_never_crashes_loses_or_invents_text(text, lang):
    parts = split_sentences(text, lang)
    assert all(part and part == part.strip() for part in parts)
    assert "".join(squeeze(p) for p in parts) == squeeze(text)


@HOSTILE
@given(text=texts, lang=st.sampled_from(LANGS))
def test_reading_and_segmenting_any_text_keeps_every_sentence_in_place(text, lang):
    doc = Document("hostile.txt", lang, "utf-8", paragraphs(normalise(text)) or ["x"])
    sentences = segment(doc)
    assert len(sentences.spacing) == len(sentences.texts)
    for i, gap in enumerate(sentences.spacing):
        assert not gap.strip()
        if gap:
            assert sentences.paragraph[i] == sentences.paragraph[i - 1]


@pytest.mark.parametrize("line", [
    "字" * 200_000,
    "a " * 100_000,
    "." * 100_000,
    "。" * 100_000,
    "“" * 50_000 + "”" * 50_000,
    "Mr. " * 50_000,
    "\"a.\" " * 30_000,
])
@pytest.mark.parametrize("lang", ["zh", "en", "de"])
def test_very_long_lines_are_cut_in_linear_time(line, lang):
    # Quadratic or backtracking rules would hang here (minutes); linear ones take ms.
    parts = split_sentences(line, lang)
    assert sum(len(squeeze(p)) for p in parts) == len(squeeze(line))


def alignment_of(src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> Alignment:
    """1-1 beads as far as both sides go, then the rest as one m-n bead and a deletion."""
    n = min(len(src), len(tgt))
    beads = [Bead((i,), (i,), 0.5) for i in range(n - 1)]
    if n:
        beads.append(Bead(tuple(range(n - 1, len(src))), tuple(range(n - 1, len(tgt))), 0.9))
    beads += [Bead((i,), ()) for i in range(n, len(src))]
    return Alignment(
        src=Sentences(src_lang, src, [0] * len(src), "s\ud800rc\x01.txt", [" "] * len(src)),
        tgt=Sentences(tgt_lang, tgt, list(range(len(tgt))), "tgt.txt"),
        beads=beads,
    )


@HOSTILE
@given(src=st.lists(texts, min_size=1, max_size=6), tgt=st.lists(texts, min_size=1, max_size=6),
       langs=st.sampled_from([("zh", "en"), ("en", "zh"), ("de", "fr"), ("ja", "xx")]),
       cat=st.booleans())
def test_writers_accept_any_text_and_tmx_always_validates(src, tgt, langs, cat, tmx_dtd):
    al = alignment_of(src, tgt, *langs)
    data = render(al, "tmx", cat_segments=cat)
    root = etree.fromstring(data)
    assert tmx_dtd.validate(root), tmx_dtd.error_log.filter_from_errors()
    expected = units(al, cat_segments=cat)
    assert len(root.findall("body/tu")) == len(expected)

    tsv = render(al, "tsv").decode("utf-8")
    rows = tsv.splitlines()
    assert len(rows) == len(units(al))
    assert all(len(row.split("\t")) == 4 for row in rows)
    for line in render(al, "jsonl").decode("utf-8").splitlines():
        record = json.loads(line)
        assert set(record) == {"src", "tgt", "src_ids", "tgt_ids", "bead", "confidence"}
    render(al, "beads").decode("ascii")


# --- size ------------------------------------------------------------------------------


def test_a_50_mb_file_is_refused_before_reading_naming_the_limit(tmp_path, fake_encoder):
    # Encoding 50 MB would take a day (bench/large_input.py), so the default limit
    # is a few MB and the message says how to raise it.
    big = tmp_path / "big.zh.txt"
    with open(big, "wb") as handle:  # sparse: 50 MB on disk costs nothing
        handle.truncate(50 * 2**20)
    small = tmp_path / "small.en.txt"
    small.write_text("A short English text.\n", encoding="utf-8")
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(cli.app, ["pair", str(big), str(small), "-o", str(out)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and f"{MAX_BYTES // 2**20} MB limit" in line
    assert "(--max-size 50)" in line
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.zh.txt", "small.en.txt"]
    assert fake_encoder.calls == 0


def test_docx_that_unpacks_past_the_limit_is_refused_naming_the_option(tmp_path):
    import io
    import zipfile

    from align.errors import TooLargeError
    from align.reader import read_document

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * 3_000_000)
    path = Path(tmp_path / "bomb.docx")
    path.write_bytes(buffer.getvalue())  # a few kB on disk
    with pytest.raises(TooLargeError, match="limit") as info:
        read_document(path, max_bytes=100_000)
    assert info.value.setting == "max_bytes" and info.value.value == 1


def test_a_200_000_character_line_without_punctuation_is_refused_before_encoding(
        tmp_path, fake_encoder):
    # It used to take 85 s of encoding and give 0 TUs without a word of warning.
    demo = Path(__file__).resolve().parents[1] / "seeds" / "demo"
    english = (demo / "bachelet-visit.en.txt").read_text(encoding="utf-8")
    dump = tmp_path / "dump.en.txt"
    dump.write_text(english + "\n" + "human rights " * 15_385 + "\n", encoding="utf-8")
    out = tmp_path / "out.tmx"
    result = CliRunner().invoke(cli.app, ["pair", str(demo / "bachelet-visit.zh.txt"), str(dump),
                                          "-o", str(out)])
    assert result.exit_code != 0
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and str(dump) in line and "200,00" in line
    assert "without a sentence end" in line and "Traceback" not in result.output
    assert fake_encoder.calls == 0 and not out.exists()
