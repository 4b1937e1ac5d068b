"""Glossary files: TBX-Basic against the TBX core RNG and the TBX-Basic rules, user glossaries."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree

from align.errors import AlignError
from align.terms import Glossary, GlossaryEntry, Variant
from tmx.glossary import glossary_format_for, read_user_glossary, render_glossary
from tmx.tbx import TBX_NS, to_tbx

SPECS = next((p / "shared" / "specs" / "tbx" for p in Path(__file__).resolve().parents
              if (p / "shared" / "specs" / "tbx").is_dir()), Path("../shared/specs/tbx"))
T = f"{{{TBX_NS}}}"
# Data category values the TBX-Basic DCA Schematron (TBX-Basic_DCA.sch) permits.
PERMITTED = {
    "admin": {"customerSubset", "projectSubset", "source"},
    "descrip": {"subjectField", "context", "definition"},
    "termNote": {"administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender",
                 "termLocation", "termType"},
}
STATUS = {"admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts",
          "preferredTerm-admn-sts"}
POS = {"adjective", "noun", "other", "verb", "adverb"}
TERM_TYPES = {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"}


@pytest.fixture(scope="module")
def core_rng():
    path = SPECS / "TBXcoreStructV03.rng"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return etree.RelaxNG(etree.parse(str(path)))


@pytest.fixture
def glossary() -> Glossary:
    entries = [
        GlossaryEntry("人权高专办", "OHCHR", 6, 5, 2, 0.91, 30.5, "联合国人权高专办发表声明。",
                      "The OHCHR issued a statement & more <b>.", "noun"),
        GlossaryEntry("涉疆", "", 13, 0, 2, 0.0, 20.0, "所谓涉疆报告", "", "noun"),
        GlossaryEntry("干涉内政", "interfere in internal affairs", 4, 4, 3, 1.0, 0.0, "", "", "verb",
                      user=True),
    ]
    return Glossary("zh", "en", entries, segments=100, bilingual_segments=80, documents=3)


def test_tbx_is_valid_against_the_core_structure(glossary, core_rng):
    root = etree.fromstring(to_tbx(glossary, "corpus.tmx"))
    assert core_rng.validate(root), core_rng.error_log.filter_from_errors()


def test_empty_glossary_is_valid_tbx_too(core_rng):
    root = etree.fromstring(to_tbx(Glossary("zh", "en", [])))
    assert core_rng.validate(root), core_rng.error_log.filter_from_errors()


def test_tbx_follows_the_tbx_basic_dca_rules(glossary):
    root = etree.fromstring(to_tbx(glossary))
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    for element in root.iter(etree.Element):
        assert etree.QName(element).namespace == TBX_NS  # no DCT-style elements
        local = etree.QName(element).localname
        if local in PERMITTED:
            assert element.get("type") in PERMITTED[local], etree.tostring(element)
        if element.get("type") == "administrativeStatus":
            assert element.text in STATUS
        if element.get("type") == "partOfSpeech":
            assert element.text in POS
        if element.get("type") == "termType":
            assert element.text in TERM_TYPES
        if local == "termNote" or element.get("type") == "context":
            assert etree.QName(element.getparent()).localname == "termSec"
        if element.get("type") == "source":
            assert etree.QName(element.getparent()).localname in ("conceptEntry", "langSec", "termSec")


def test_tbx_content(glossary):
    root = etree.fromstring(to_tbx(glossary))
    concepts = root.findall(f".//{T}conceptEntry")
    assert [c.get("id") for c in concepts] == ["c1", "c2", "c3"]
    first = concepts[0]
    langs = [s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in first.findall(f"{T}langSec")]
    assert langs == ["zh-CN", "en-US"]
    assert [t.text for t in first.iter(f"{T}term")] == ["人权高专办", "OHCHR"]
    assert "confidence: 0.910" in first.find(f"{T}note").text
    contexts = [d.text for d in first.iter(f"{T}descrip")]
    assert contexts == ["联合国人权高专办发表声明。", "The OHCHR issued a statement & more <b>."]
    monolingual = concepts[1]
    assert len(monolingual.findall(f"{T}langSec")) == 1
    assert "no translation found" in monolingual.find(f"{T}note").text
    statuses = [n.text for n in concepts[2].iter(f"{T}termNote") if n.get("type") == "administrativeStatus"]
    assert statuses == ["preferredTerm-admn-sts"] * 2


def test_tsv_and_csv_shapes(glossary):
    lines = render_glossary(glossary, "tsv").decode("utf-8").splitlines()
    # a term without translation stays out of the OmegaT glossary (it would offer an empty target)
    assert [line.split("\t")[:2] for line in lines] == [
        ["人权高专办", "OHCHR"], ["干涉内政", "interfere in internal affairs"]]
    assert all(line.count("\t") == 2 for line in lines)
    data = render_glossary(glossary, "csv")
    assert data.startswith("\ufeff".encode()) and b"zh,en,zh_frequency" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["status"] for r in rows] == ["extracted", "untranslated", "user"]


@pytest.mark.parametrize(("name", "fmt"), [
    ("g.tbx", "tbx"), ("g.TSV", "tsv"), ("g.utf8", "tsv"), ("g.tab", "tsv"), ("g.csv", "csv"), ("-", "tsv"),
])
def test_format_from_extension(name, fmt):
    assert glossary_format_for(name) == fmt


def test_our_tbx_reads_back_as_a_user_glossary(glossary, tmp_path):
    path = tmp_path / "g.tbx"
    path.write_bytes(to_tbx(glossary))
    entries = read_user_glossary(path, "zh", "en")
    assert [(e.src, e.tgt) for e in entries] == [
        ("人权高专办", "OHCHR"), ("涉疆", ""), ("干涉内政", "interfere in internal affairs")]


def test_user_glossary_tsv_and_csv(tmp_path):
    tsv = tmp_path / "g.txt"
    tsv.write_text("# comment\n外交部\tMinistry of Foreign Affairs\tnote\n\n涉疆\n", encoding="utf-8")
    assert [(e.src, e.tgt) for e in read_user_glossary(tsv, "zh", "en")] == [
        ("外交部", "Ministry of Foreign Affairs"), ("涉疆", "")]
    table = tmp_path / "g.csv"
    table.write_text("zh,en\n人权,\"human rights\"\n", encoding="utf-8-sig")
    assert [(e.src, e.tgt) for e in read_user_glossary(table, "zh", "en")] == [("人权", "human rights")]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.tsv", b"", "no glossary entries"),
    ("latin1.tsv", "caf\xe9\tcoffee".encode("latin-1"), "not UTF-8"),
    ("bad.tbx", b"<tbx><text>", r"bad\.tbx:1: not a well-formed TBX"),
])
def test_user_glossary_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AlignError, match=message):
        read_user_glossary(path, "zh", "en")


def test_acronym_and_full_form_are_terms_of_one_concept(glossary, core_rng):
    first = glossary.entries[0]
    first.tgt_type = "acronym"
    first.variants = (Variant("Office of the United Nations High Commissioner for Human Rights", "fullForm"),)
    root = etree.fromstring(to_tbx(glossary))
    assert core_rng.validate(root), core_rng.error_log.filter_from_errors()
    english = root.find(f".//{T}conceptEntry").findall(f"{T}langSec")[1]
    terms = [(s.findtext(f"{T}term"), s.find(f"{T}termNote[@type='termType']").text)
             for s in english.findall(f"{T}termSec")]
    assert terms == [("OHCHR", "acronym"),
                     ("Office of the United Nations High Commissioner for Human Rights", "fullForm")]
