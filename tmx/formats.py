"""Render an Alignment as TMX, TSV, JSONL or gold-style beads.

Which beads become TUs, and their text, is ``align.units``; insertions and
deletions never become TUs, only the ``beads`` format lists them.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from lxml import etree

import align
from align.evaluate import format_bead
from align.language import locale
from align.types import Alignment, Bead
from align.units import units
from tmx.reader import TranslationUnit
from tmx.registry import OutputFormat, format_for, names, register

#: Header prop naming the version, encoder and settings that made the TUs (align.signature).
SIGNATURE_PROP = "x-align-signature"
# Characters XML 1.0 forbids, lone surrogates included: they must never reach a file.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Drop characters that XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def creation_date() -> str:
    """Now in TMX's UTC format, or SOURCE_DATE_EPOCH for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y%m%dT%H%M%SZ")


def to_tmx(
    alignment: Alignment | Sequence[Alignment], min_score: float = 0.0,
    src_locale: str | None = None, tgt_locale: str | None = None, cat_segments: bool = False,
    extra_props: Callable[[Bead], dict[str, str]] | None = None, date: str | None = None,
) -> bytes:
    """TMX 1.4b, valid against the TMX 1.4 DTD, one TU per non-empty bead (or group of
    beads, with ``cat_segments``). Several alignments (a corpus of document pairs in
    the same languages) share one body; each TU's props name its own documents.
    ``extra_props(bead)`` adds props to (or overrides those of) the bead's TU, e.g.
    when a translator reviewed it; ``date`` (default: now) lets the files of one corpus,
    written over several runs, agree."""
    pairs = [alignment] if isinstance(alignment, Alignment) else list(alignment)
    src_locale = src_locale or (locale(pairs[0].src.lang) if pairs else locale("zh"))
    tgt_locale = tgt_locale or (locale(pairs[0].tgt.lang) if pairs else locale("en"))
    date = date or creation_date()
    tus = (
        TranslationUnit(
            tuid=str(number),
            variants={src_locale: src, tgt_locale: tgt},
            props={"x-score": f"{bead.confidence:.4f}", "x-bead": bead.kind,
                   "x-source-doc": pair.src.name, "x-target-doc": pair.tgt.name,
                   **(extra_props(bead) if extra_props else {})},
            creationdate=date,
        )
        for number, (pair, bead, src, tgt) in enumerate(
            ((pair, *unit) for pair in pairs for unit in units(pair, min_score, cat_segments)), 1)
    )
    signatures = dict.fromkeys(pair.signature for pair in pairs if pair.signature)
    return tmx_document(tus, src_locale, date, [(SIGNATURE_PROP, s) for s in signatures])


def tmx_document(tus: Iterable[TranslationUnit], srclang: str, date: str | None = None,
                 header: Sequence[tuple[str, str]] = ()) -> bytes:
    """A TMX 1.4b file of these units, valid against the TMX 1.4 DTD; the one place TMX
    is serialised, so reading a file of ours and writing it again gives the same bytes.
    ``header`` holds the header's props as (type, text), e.g. the signature."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "align",
        "creationtoolversion": align.__version__,
        # A TU may hold several sentences (m-n beads, CAT-tool segments). OmegaT re-cuts
        # "paragraph" TUs with its own rules and, when both sides give as many pieces,
        # stores the pieces: what lets a 2-2 bead match its two OmegaT segments.
        "segtype": "paragraph",
        "o-tmf": "align",
        "adminlang": "en-US",
        "srclang": xml_safe(srclang),
        "datatype": "plaintext",
        "creationdate": date or creation_date(),
    })
    for kind, value in header:
        etree.SubElement(root[0], "prop", type=xml_safe(kind)).text = xml_safe(value)
    body = etree.SubElement(root, "body")
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    for unit in tus:
        attrs = {"tuid": unit.tuid, "creationdate": unit.creationdate}
        tu = etree.SubElement(body, "tu", {k: xml_safe(v) for k, v in attrs.items() if v})
        for kind, value in unit.props.items():
            etree.SubElement(tu, "prop", type=xml_safe(kind)).text = xml_safe(value)
        for code, text in unit.variants.items():
            tuv = etree.SubElement(tu, "tuv", {lang_attr: xml_safe(code)})
            etree.SubElement(tuv, "seg").text = xml_safe(text)
    return etree.tostring(
        etree.ElementTree(root),
        xml_declaration=True,
        encoding="UTF-8",
        pretty_print=True,
        doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    )


def _one_line(text: str) -> str:
    """No tab, and nothing any reader takes for a line end (splitlines also cuts at \\x0c)."""
    return re.sub(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+", " ", text)


def to_tsv(alignment: Alignment, min_score: float = 0.0) -> bytes:
    """source, target, confidence, bead type: one TU per line, no header, tabs removed."""
    lines = [
        f"{_one_line(s)}\t{_one_line(t)}\t{b.confidence:.4f}\t{b.kind}\n"
        for b, s, t in units(alignment, min_score)
    ]
    return "".join(lines).encode("utf-8")


# JSON may hold these raw, but line-based readers (str.splitlines) would cut there.
_LINE_ENDS_ESCAPED = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def to_jsonl(alignment: Alignment, min_score: float = 0.0) -> bytes:
    """One JSON object per TU with texts, sentence indices, bead type and confidence."""
    lines = [
        json.dumps({
            "src": s, "tgt": t, "src_ids": list(b.src), "tgt_ids": list(b.tgt),
            "bead": b.kind, "confidence": b.confidence,
        }, ensure_ascii=False).translate(_LINE_ENDS_ESCAPED) + "\n"
        for b, s, t in units(alignment, min_score)
    ]
    return "".join(lines).encode("utf-8")


def to_beads(alignment: Alignment, min_score: float = 0.0) -> bytes:
    """Every bead, insertions and deletions included, as ``[i,j]:[k]`` (the gold format)."""
    return "".join(format_bead(b) + "\n" for b in alignment.beads).encode("utf-8")


register(OutputFormat("tmx", "alignment", (".tmx",), to_tmx, "TMX 1.4b for CAT tools"), default=True)
register(OutputFormat("tsv", "alignment", (".tsv", ".tab"), to_tsv,
                      "source, target, confidence, bead type; one TU a line"))
register(OutputFormat("jsonl", "alignment", (".jsonl", ".json"), to_jsonl, "one JSON object per TU"))
register(OutputFormat("beads", "alignment", (".align", ".beads"), to_beads,
                      "every bead as [i,j]:[k], the gold format"))
#: The alignment formats' names, for help texts.
FORMATS = tuple(names("alignment"))


def render(alignment: Alignment, fmt: str, min_score: float = 0.0, **options: object) -> bytes:
    """The alignment in format ``fmt`` (a registered alignment format's name) as bytes."""
    return format_for("alignment", None, fmt).write(alignment, min_score=min_score, **options)
