"""Tests for the exchange formats (tmx.formats) and atomic output (tmx.output).

TMX is checked three ways: against the TMX 1.4 DTD, attribute by attribute,
and by reading it back with translate-toolkit, as a CAT tool's importer would.
"""

from __future__ import annotations

import errno
import json
import os
import re
import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from lxml import etree

import align
from align.errors import AlignError
from align.evaluate import parse_beads
from align.units import units
from tmx import FORMATS, format_for, render, write_atomically

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DATE = re.compile(r"^\d{8}T\d{6}Z$")


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data)


@pytest.fixture
def small(make_alignment):
    """Three Chinese and four English sentences: a 2-1, a 1-0, a 0-1 and a 1-2 bead."""
    return make_alignment(
        ["今天天气很好。", "我们去公园。", "这句没有翻译。", "他笑了。"],
        ["The weather is fine today, so we go to the park.", "An added note.",
         "He laughed.", "Then he left."],
        [((0, 1), (0,), 0.91), ((2,), (), 0.0), ((), (1,), 0.0), ((3,), (2, 3), 0.42)],
    )


@pytest.fixture
def epoch(monkeypatch):
    """Reproducible dates: 2022-05-29 10:12:00 UTC."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1653819120")
    return "20220529T101200Z"


# --- TMX: validity ------------------------------------------------------------------


def test_demo_tmx_is_valid_against_the_tmx14_dtd(demo_alignment, tmx_dtd):
    root = parse(render(demo_alignment, "tmx"))
    assert tmx_dtd.validate(root), tmx_dtd.error_log.filter_from_errors()


def test_tmx_declares_utf8_and_the_tmx14_doctype(small):
    data = render(small, "tmx")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    doc = etree.fromstring(data).getroottree()
    assert doc.docinfo.system_url == "tmx14.dtd"
    assert doc.getroot().get("version") == "1.4"


def test_tmx_header_attributes(small, epoch):
    header = parse(render(small, "tmx")).find("header")
    assert header.attrib == {
        "creationtool": "align",
        "creationtoolversion": align.__version__,
        "segtype": "paragraph",
        "o-tmf": "align",
        "adminlang": "en-US",
        "srclang": "zh-CN",
        "datatype": "plaintext",
        "creationdate": epoch,
    }


def test_tmx_dates_are_utc_now_without_source_date_epoch(small, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.fromtimestamp(int(time.time()), UTC)
    root = parse(render(small, "tmx"))
    after = datetime.fromtimestamp(int(time.time()) + 1, UTC)
    dates = [root.find("header").get("creationdate")]
    dates += [tu.get("creationdate") for tu in root.iter("tu")]
    for date in dates:
        assert DATE.match(date), date
        stamp = datetime.strptime(date, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        assert before <= stamp <= after


def test_every_tu_has_id_date_props_and_two_tuvs(demo_alignment, epoch):
    root = parse(render(demo_alignment, "tmx"))
    tus = root.findall("body/tu")
    assert tus
    ids = [tu.get("tuid") for tu in tus]
    assert all(ids) and len(set(ids)) == len(ids)
    kinds = {f"{len(b.src)}-{len(b.tgt)}" for b in demo_alignment.beads if b.is_pair}
    for tu in tus:
        assert tu.get("creationdate") == epoch
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert set(props) == {"x-score", "x-bead", "x-source-doc", "x-target-doc"}
        assert 0.0 <= float(props["x-score"]) <= 1.0
        assert props["x-bead"] in kinds
        assert props["x-source-doc"] == "bachelet-visit.zh.txt"
        assert props["x-target-doc"] == "bachelet-visit.en.txt"
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["zh-CN", "en-US"]
        assert all(t.findtext("seg").strip() for t in tuvs)


def test_one_tu_per_bead_with_both_sides(demo_alignment, small):
    root = parse(render(demo_alignment, "tmx"))
    pairs = [b for b in demo_alignment.beads if b.is_pair]
    assert len(root.findall("body/tu")) == len(pairs)
    # Insertions and deletions never become TUs.
    assert len(small.beads) == 4
    assert len(parse(render(small, "tmx")).findall("body/tu")) == 2


def test_segments_join_chinese_without_space_and_english_with_one(small):
    root = parse(render(small, "tmx"))
    segs = [[s.text for s in tu.iter("seg")] for tu in root.iter("tu")]
    assert segs == [
        ["今天天气很好。我们去公园。", "The weather is fine today, so we go to the park."],
        ["他笑了。", "He laughed. Then he left."],
    ]
    x_beads = [tu.find("prop[@type='x-bead']").text for tu in root.iter("tu")]
    x_scores = [tu.find("prop[@type='x-score']").text for tu in root.iter("tu")]
    assert x_beads == ["2-1", "1-2"]
    assert x_scores == ["0.9100", "0.4200"]


def test_demo_beads_are_joined_by_language(demo_alignment):
    al = demo_alignment
    got = [(s, t) for _, s, t in units(al)]
    expected = [
        ("".join(al.src.texts[i] for i in b.src), " ".join(al.tgt.texts[i] for i in b.tgt))
        for b in al.beads if b.is_pair
    ]
    assert got == expected


def test_english_source_and_other_languages_get_their_locales(make_alignment, tmx_dtd):
    al = make_alignment(["Hello.", "World."], ["你好。", "世界。"],
                        [((0, 1), (0, 1), 0.8)], src_lang="en", tgt_lang="zh")
    root = parse(render(al, "tmx"))
    assert root.find("header").get("srclang") == "en-US"
    assert [t.get(XML_LANG) for t in root.iter("tuv")] == ["en-US", "zh-CN"]
    assert [s.text for s in root.iter("seg")] == ["Hello. World.", "你好。世界。"]
    assert tmx_dtd.validate(root)

    al = make_alignment(["Guten Tag."], ["Bonjour."], [((0,), (0,), 0.8)], "de", "fr")
    root = parse(render(al, "tmx", src_locale="de-AT", tgt_locale="fr-CA"))
    assert root.find("header").get("srclang") == "de-AT"
    assert [t.get(XML_LANG) for t in root.iter("tuv")] == ["de-AT", "fr-CA"]


@pytest.mark.parametrize(("threshold", "expected"), [(0.0, 2), (0.42, 2), (0.5, 1), (0.95, 0)])
def test_min_score_drops_tus_below_it(small, threshold, expected, tmx_dtd):
    root = parse(render(small, "tmx", min_score=threshold))
    tus = root.findall("body/tu")
    assert len(tus) == expected
    assert all(float(tu.find("prop[@type='x-score']").text) >= threshold for tu in tus)
    assert tmx_dtd.validate(root)
    assert render(small, "tsv", min_score=threshold).count(b"\n") == expected
    assert render(small, "jsonl", min_score=threshold).count(b"\n") == expected


def test_min_score_on_a_real_sized_alignment(demo_alignment):
    # Confidences spread over [0, 1) whatever the aligner currently gives.
    beads = [replace(b, confidence=(i % 10) / 10) for i, b in enumerate(demo_alignment.beads)]
    al = replace(demo_alignment, beads=beads)
    threshold = 0.5
    expected = [b for b in beads if b.is_pair and b.confidence >= threshold]
    assert 0 < len(expected) < sum(b.is_pair for b in beads)
    root = parse(render(al, "tmx", min_score=threshold))
    assert len(root.findall("body/tu")) == len(expected)
    assert len(render(al, "tsv", min_score=threshold).splitlines()) == len(expected)


ILLEGAL = ["\x01", "\x0b", "\x0c", "\ud800", "\udfff", "\ufffe", "\uffff", "\x00"]


def test_xml_illegal_characters_never_reach_the_tmx(make_alignment, tmx_dtd):
    al = make_alignment(
        ["控制\x01字符。", "代理\ud800对\ufffe。"],
        ["Control\x0b char\x0c.", "Lone\udfff surrogate\uffff\x00."],
        [((0,), (0,), 0.9), ((1,), (1,), 0.9)],
        src_name="bad\x01name.zh", tgt_name="ok.en",
    )
    data = render(al, "tmx")
    text = data.decode("utf-8")  # would fail on an encoded lone surrogate
    for ch in ILLEGAL:
        assert ch not in text
    root = parse(data)
    assert tmx_dtd.validate(root), tmx_dtd.error_log.filter_from_errors()
    assert [s.text for s in root.iter("seg")] == [
        "控制字符。", "Control char.", "代理对。", "Lone surrogate.",
    ]
    assert root.find("body/tu/prop[@type='x-source-doc']").text == "badname.zh"


def test_xml_special_characters_round_trip(make_alignment):
    al = make_alignment(["A<B>&C“引号”'\"。"], ["a < b && c > d \"q\" 'r'"], [((0,), (0,), 1.0)])
    root = parse(render(al, "tmx"))
    assert [s.text for s in root.iter("seg")] == al.src.texts + al.tgt.texts


# --- TMX: read back by translate-toolkit --------------------------------------------


def test_translate_toolkit_reads_back_the_demo_tmx(demo_alignment, tmp_path):
    tt_tmx = pytest.importorskip("translate.storage.tmx")
    path = tmp_path / "demo.tmx"
    write_atomically(path, render(demo_alignment, "tmx"))
    with path.open("rb") as handle:
        store = tt_tmx.tmxfile(handle)
    expected = [(s, t) for _, s, t in units(demo_alignment)]
    assert [(u.source, u.target) for u in store.units] == expected
    assert store.sourcelanguage == "zh-CN"


def test_translate_toolkit_reads_texts_stripped_of_illegal_characters(make_alignment):
    tt_tmx = pytest.importorskip("translate.storage.tmx")
    al = make_alignment(["你\x01好。", "再见。"], ["Hel\ud800lo.", "Good", "bye."],
                        [((0,), (0,), 0.9), ((1,), (1, 2), 0.8)])
    store = tt_tmx.tmxfile.parsestring(render(al, "tmx"))
    assert [(u.source, u.target) for u in store.units] == [
        ("你好。", "Hello."), ("再见。", "Good bye."),
    ]


# --- TSV, JSONL, beads --------------------------------------------------------------


def test_tsv_has_four_columns_and_no_tabs_or_newlines_inside_fields(make_alignment):
    al = make_alignment(
        ["带\t制表符。", "换\n行。"], ["With\ta tab.", "Line\r\nbreak.", "More."],
        [((0,), (0,), 0.5), ((1,), (1, 2), 0.25)],
    )
    lines = render(al, "tsv").decode("utf-8").split("\n")
    assert lines[-1] == ""
    rows = [line.split("\t") for line in lines[:-1]]
    assert rows == [
        ["带 制表符。", "With a tab.", "0.5000", "1-1"],
        ["换 行。", "Line break. More.", "0.2500", "1-2"],
    ]


def test_tsv_of_the_demo(demo_alignment):
    lines = render(demo_alignment, "tsv").decode("utf-8").splitlines()
    assert len(lines) == len(units(demo_alignment))
    for line, (bead, src, tgt) in zip(lines, units(demo_alignment), strict=True):
        fields = line.split("\t")
        assert fields == [src, tgt, f"{bead.confidence:.4f}", bead.kind]


def test_jsonl_parses_line_by_line(demo_alignment):
    lines = render(demo_alignment, "jsonl").decode("utf-8").splitlines()
    expected = units(demo_alignment)
    assert len(lines) == len(expected)
    for line, (bead, src, tgt) in zip(lines, expected, strict=True):
        obj = json.loads(line)
        assert obj == {
            "src": src, "tgt": tgt, "src_ids": list(bead.src), "tgt_ids": list(bead.tgt),
            "bead": bead.kind, "confidence": bead.confidence,
        }


def test_jsonl_keeps_chinese_readable_and_escapes_control_characters(make_alignment):
    al = make_alignment(["你好\t\"世界\"。"], ["Hello\n\"world\"."], [((0,), (0,), 0.7)])
    data = render(al, "jsonl")
    assert "你好".encode() in data
    assert data.count(b"\n") == 1
    assert json.loads(data)["src"] == "你好\t\"世界\"。"
    assert json.loads(data)["tgt"] == "Hello\n\"world\"."


def test_beads_list_every_sentence_once_in_order(demo_alignment):
    data = render(demo_alignment, "beads").decode("utf-8")
    beads = parse_beads(data, "demo.align")
    assert [(b.src, b.tgt) for b in beads] == [(b.src, b.tgt) for b in demo_alignment.beads]
    src = [i for b in beads for i in b.src]
    tgt = [i for b in beads for i in b.tgt]
    assert src == list(range(len(demo_alignment.src)))
    assert tgt == list(range(len(demo_alignment.tgt)))


def test_beads_format_includes_insertions_and_ignores_min_score(small):
    assert render(small, "beads", min_score=0.99).decode() == "[0,1]:[0]\n[2]:[]\n[]:[1]\n[3]:[2,3]\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic_with_source_date_epoch(demo_alignment, fmt, epoch):
    first = render(demo_alignment, fmt)
    time.sleep(1.05 if fmt == "tmx" else 0)  # a clock-based date would now differ
    assert render(demo_alignment, fmt) == first
    if fmt == "tmx":
        assert f'creationdate="{epoch}"'.encode() in first


@pytest.mark.parametrize(
    ("path", "explicit", "expected"),
    [
        ("out.tmx", None, "tmx"), ("OUT.TSV", None, "tsv"), ("a.tab", None, "tsv"),
        ("x/y.jsonl", None, "jsonl"), ("y.json", None, "jsonl"), ("g.align", None, "beads"),
        ("g.beads", None, "beads"), ("out.txt", None, "tmx"), ("-", None, "tmx"),
        (None, None, "tmx"), ("out.tmx", "tsv", "tsv"), ("-", "jsonl", "jsonl"),
    ],
)
def test_format_from_option_else_extension_else_tmx(path, explicit, expected):
    assert format_for("alignment", path, explicit).name == expected


# --- atomic writing -----------------------------------------------------------------


def leftovers(folder, keep):
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_write_creates_file_with_umask_permissions(tmp_path):
    path = tmp_path / "out.tmx"
    write_atomically(path, b"data")
    assert path.read_bytes() == b"data"
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert leftovers(tmp_path, {"out.tmx"}) == []


def test_write_replaces_existing_file_and_keeps_its_permissions(tmp_path):
    path = tmp_path / "out.tsv"
    path.write_bytes(b"old content that is longer than the new one")
    path.chmod(0o640)
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path, {"out.tsv"}) == []


def test_write_relative_path_in_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_atomically("plain.tmx", b"x")
    assert (tmp_path / "plain.tmx").read_bytes() == b"x"


@pytest.mark.parametrize("stage", ["replace", "fsync"])
def test_failed_write_leaves_old_file_intact_and_no_temp_file(tmp_path, monkeypatch, stage):
    path = tmp_path / "out.tmx"
    path.write_bytes(b"old")

    def fail(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, stage, fail)
    with pytest.raises((OSError, AlignError)):
        write_atomically(path, b"new" * 1000)
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path, {"out.tmx"}) == []


def test_failed_write_is_reported_as_a_user_error(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(AlignError, match=r"out\.tmx"):
        write_atomically(tmp_path / "out.tmx", b"new")


def test_write_into_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(AlignError, match="does not exist"):
        write_atomically(tmp_path / "missing" / "out.tmx", b"x")
    assert not (tmp_path / "missing").exists()


def test_write_onto_a_folder_is_a_user_error(tmp_path):
    (tmp_path / "out.tmx").mkdir()
    with pytest.raises(AlignError, match="folder"):
        write_atomically(tmp_path / "out.tmx", b"x")
    assert leftovers(tmp_path, {"out.tmx"}) == []
