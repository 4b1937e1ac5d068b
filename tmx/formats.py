"""Render an Alignment as TMX, TSV, JSONL or gold-style beads.

A bead becomes one translation unit when both sides are non-empty: Chinese
(and Japanese) sentences of a bead are joined with no space, others with one.
Insertions and deletions never become TUs; only the ``beads`` format lists them.
"""

from __future__ import annotations

import json
import os
import re
import time
from datetime import UTC, datetime

from lxml import etree

import align
from align.evaluate import format_bead
from align.types import Alignment, Bead

FORMATS = ("tmx", "tsv", "jsonl", "beads")
_EXTENSIONS = {".tmx": "tmx", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl",
               ".json": "jsonl", ".align": "beads", ".beads": "beads"}
#: Default locale written into xml:lang for a detected language code.
LOCALES = {"zh": "zh-CN", "en": "en-US", "de": "de-DE", "fr": "fr-FR", "ja": "ja-JP",
           "ko": "ko-KR", "es": "es-ES", "it": "it-IT", "pt": "pt-PT", "ru": "ru-RU"}
# Characters XML 1.0 forbids, lone surrogates included: they must never reach a file.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NO_SPACE_LANGS = ("zh", "ja")


def format_for(path: str | None, explicit: str | None) -> str:
    """The output format: as given, else from the file extension, else TMX."""
    if explicit:
        return explicit
    if path and path != "-":
        return _EXTENSIONS.get(os.path.splitext(path)[1].lower(), "tmx")
    return "tmx"


def xml_safe(text: str) -> str:
    """Drop characters that XML 1.0 cannot carry."""
    return _NOT_XML.sub("", text)


def locale(lang: str) -> str:
    """``zh`` → ``zh-CN``: the region CAT tools expect in a TMX."""
    return LOCALES.get(lang, lang)


def bead_text(texts: list[str], ids: tuple[int, ...], lang: str) -> str:
    """The sentences of one side of a bead as one segment."""
    glue = "" if lang in _NO_SPACE_LANGS else " "
    return glue.join(texts[i] for i in ids)


def creation_date() -> str:
    """Now in TMX's UTC format, or SOURCE_DATE_EPOCH for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y%m%dT%H%M%SZ")


def units(alignment: Alignment, min_score: float = 0.0) -> list[tuple[Bead, str, str]]:
    """(bead, source segment, target segment) for every bead that becomes a TU."""
    out = []
    for bead in alignment.beads:
        if not bead.is_pair or bead.confidence < min_score:
            continue
        src = bead_text(alignment.src.texts, bead.src, alignment.src.lang)
        tgt = bead_text(alignment.tgt.texts, bead.tgt, alignment.tgt.lang)
        if src.strip() and tgt.strip():
            out.append((bead, src, tgt))
    return out


def to_tmx(
    alignment: Alignment, min_score: float = 0.0, src_locale: str | None = None,
    tgt_locale: str | None = None,
) -> bytes:
    """TMX 1.4b, valid against the TMX 1.4 DTD, one TU per non-empty bead."""
    src_locale = src_locale or locale(alignment.src.lang)
    tgt_locale = tgt_locale or locale(alignment.tgt.lang)
    date = creation_date()
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "align",
        "creationtoolversion": align.__version__,
        "segtype": "sentence",
        "o-tmf": "align",
        "adminlang": "en-US",
        "srclang": src_locale,
        "datatype": "plaintext",
        "creationdate": date,
    })
    body = etree.SubElement(root, "body")
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    for number, (bead, src, tgt) in enumerate(units(alignment, min_score), 1):
        tu = etree.SubElement(body, "tu", tuid=str(number), creationdate=date)
        for kind, value in (
            ("x-score", f"{bead.confidence:.4f}"),
            ("x-bead", bead.kind),
            ("x-source-doc", alignment.src.name),
            ("x-target-doc", alignment.tgt.name),
        ):
            etree.SubElement(tu, "prop", type=kind).text = xml_safe(value)
        for code, text in ((src_locale, src), (tgt_locale, tgt)):
            tuv = etree.SubElement(tu, "tuv", {lang_attr: code})
            etree.SubElement(tuv, "seg").text = xml_safe(text)
    return etree.tostring(
        etree.ElementTree(root),
        xml_declaration=True,
        encoding="UTF-8",
        pretty_print=True,
        doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    )


def _one_line(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", text)


def to_tsv(alignment: Alignment, min_score: float = 0.0) -> bytes:
    """source, target, confidence, bead type: one TU per line, no header, tabs removed."""
    lines = [
        f"{_one_line(s)}\t{_one_line(t)}\t{b.confidence:.4f}\t{b.kind}\n"
        for b, s, t in units(alignment, min_score)
    ]
    return "".join(lines).encode("utf-8")


def to_jsonl(alignment: Alignment, min_score: float = 0.0) -> bytes:
    """One JSON object per TU with texts, sentence indices, bead type and confidence."""
    lines = [
        json.dumps({
            "src": s, "tgt": t, "src_ids": list(b.src), "tgt_ids": list(b.tgt),
            "bead": b.kind, "confidence": b.confidence,
        }, ensure_ascii=False) + "\n"
        for b, s, t in units(alignment, min_score)
    ]
    return "".join(lines).encode("utf-8")


def to_beads(alignment: Alignment, min_score: float = 0.0) -> bytes:
    """Every bead, insertions and deletions included, as ``[i,j]:[k]`` (the gold format)."""
    return "".join(format_bead(b) + "\n" for b in alignment.beads).encode("utf-8")


def render(alignment: Alignment, fmt: str, min_score: float = 0.0, **tmx_options) -> bytes:
    """The alignment in format ``fmt`` as bytes."""
    if fmt == "tmx":
        return to_tmx(alignment, min_score, **tmx_options)
    return {"tsv": to_tsv, "jsonl": to_jsonl, "beads": to_beads}[fmt](alignment, min_score)
