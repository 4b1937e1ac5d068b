"""A glossary as TBX (ISO 30042:2019), dialect TBX-Basic, DCA style.

One ``conceptEntry`` per term with one ``langSec`` per language. Only data
categories TBX-Basic permits are used: ``partOfSpeech`` and
``administrativeStatus`` term notes, a ``context`` example per term, and a
``source`` admin naming the corpus. Figures without a TBX-Basic category
(frequency, documents, confidence) go into ``note`` elements, which the core
structure allows anywhere. An acronym and its full form (OHCHR, Office of the ... for
Human Rights) are two ``termSec`` of one concept, each with its ``termType``.
"""

from __future__ import annotations

from lxml import etree

import align
from align.language import locale
from align.terms import Glossary, GlossaryEntry
from tmx.formats import xml_safe

TBX_NS = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", attrs)
    if text is not None:
        element.text = xml_safe(text)
    return element


def _term_sec(lang_sec: etree._Element, term: str, pos: str | None, status: str, context: str,
              note: str, term_type: str = "") -> None:
    sec = _el(lang_sec, "termSec")
    _el(sec, "term", term)
    if pos:
        _el(sec, "termNote", pos, type="partOfSpeech")
    if term_type:
        _el(sec, "termNote", term_type, type="termType")
    _el(sec, "termNote", status, type="administrativeStatus")
    if context:
        _el(sec, "descrip", context, type="context")
    _el(sec, "note", note)


def _entry(body: etree._Element, number: int, entry: GlossaryEntry, glossary: Glossary,
           source: str) -> None:
    concept = _el(body, "conceptEntry", id=f"c{number}")
    _el(concept, "admin", source, type="source")
    summary = f"documents: {entry.docs}; termhood: {entry.termhood:g}"
    if entry.user:
        summary += "; from the user glossary"
    elif entry.monolingual:
        summary += "; no translation found in the corpus"
    else:
        summary += f"; confidence: {entry.confidence:.3f}"
    _el(concept, "note", summary)
    status = "preferredTerm-admn-sts" if entry.user else "admittedTerm-admn-sts"
    src_sec = _el(concept, "langSec", **{_XML_LANG: locale(glossary.src_lang)})
    _term_sec(src_sec, entry.src, entry.part_of_speech if glossary.src_lang == "zh" else None,
              status, entry.example_src, f"frequency: {entry.src_freq}")
    if entry.tgt:
        tgt_sec = _el(concept, "langSec", **{_XML_LANG: locale(glossary.tgt_lang)})
        _term_sec(tgt_sec, entry.tgt, None, status, entry.example_tgt,
                  f"frequency: {entry.tgt_freq}", entry.tgt_type)
        for variant in entry.variants:  # the full form of an acronym: another term of the concept
            _term_sec(tgt_sec, variant.term, None, status, "", "variant found in the corpus", variant.kind)


def to_tbx(glossary: Glossary, source: str = "") -> bytes:
    """TBX-Basic (DCA) bytes, valid against the TBX core structure RNG."""
    root = etree.Element(f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", _XML_LANG: "en"},
                         nsmap={None: TBX_NS})
    header = _el(root, "tbxHeader")
    file_desc = _el(header, "fileDesc")
    title = _el(file_desc, "titleStmt")
    _el(title, "title", f"Glossary {glossary.src_lang}-{glossary.tgt_lang}")
    source_desc = _el(file_desc, "sourceDesc")
    _el(source_desc, "p", f"Extracted by align {align.__version__} from {source or 'a corpus'}: "
        f"{glossary.segments} segments ({glossary.bilingual_segments} aligned) in "
        f"{glossary.documents} documents.")
    text = _el(root, "text")
    if glossary.entries:  # the core structure wants a body to hold at least one entry
        body = _el(text, "body")
        for number, entry in enumerate(glossary.entries, 1):
            _entry(body, number, entry, glossary, source or "corpus")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
