"""Stream translation units out of any TMX 1.1–1.4 file, safely and in bounded memory.

TMX files come from other people's tools, so the parser never expands
entities, never reads a DTD or anything over the network, and refuses
documents that would need libxml2's "huge tree" mode. Each ``<tu>`` is
dropped from the tree as soon as it has been yielded, so a 1 GB memory
costs no more RAM than a small one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from align.errors import AlignError, InputError

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements whose content is native markup (e.g. "<b>"), not translatable text.
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut", "sub"})


@dataclass
class TranslationUnit:
    """One ``<tu>``: its text per language (as the file spells ``xml:lang``) and its props."""

    tuid: str | None
    variants: dict[str, str]  #: xml:lang -> segment text, inline codes removed
    props: dict[str, str] = field(default_factory=dict)
    creationdate: str | None = None


def _local(tag: object) -> str:
    """Element name without any namespace; '' for comments, PIs and entity references."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def segment_text(seg: etree._Element) -> str:
    """The text of a ``<seg>``: inline codes dropped, ``<hi>`` content kept, tails kept."""
    parts = [seg.text or ""]
    for child in seg:
        name = _local(child.tag)
        if name and name not in _CODE_TAGS:  # <hi> (or an unknown element): its text counts
            parts.append(segment_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _unit(tu: etree._Element) -> TranslationUnit:
    variants: dict[str, str] = {}
    props: dict[str, str] = {}
    for child in tu:
        name = _local(child.tag)
        if name == "prop" and child.get("type"):
            props.setdefault(child.get("type"), child.text or "")
        elif name == "tuv":
            lang = child.get(_XML_LANG) or child.get("lang")
            seg = next((c for c in child if _local(c.tag) == "seg"), None)
            if lang and seg is not None:
                variants.setdefault(lang, segment_text(seg))
    return TranslationUnit(tu.get("tuid"), variants, props, tu.get("creationdate"))


def iter_units(path: str | Path) -> Iterator[TranslationUnit]:
    """Every ``<tu>`` of a TMX file, in order; AlignError naming file and line on bad input."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        raise AlignError(f"{path}: cannot read this TMX file ({exc.strerror})") from None
    try:
        events = etree.iterparse(
            handle, events=("start", "end"), resolve_entities=False, no_network=True,
            load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True,
        )
        root_seen = False
        for event, element in _checked(events, path):
            if not root_seen:
                root_seen = True
                if _local(element.tag) != "tmx":
                    raise AlignError(f"{path}:{element.sourceline}: not a TMX file "
                                     f"(root element <{_local(element.tag)}>, expected <tmx>)")
            if event == "end" and _local(element.tag) == "tu":
                yield _unit(element)
                element.clear(keep_tail=False)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]  # finished siblings: keeps memory flat
    finally:
        handle.close()


def header_props(path: str | Path) -> list[tuple[str, str]]:
    """The ``<prop>`` elements of a TMX header as (type, text), in order; reads no further."""
    props: list[tuple[str, str]] = []
    try:
        with open(path, "rb") as handle:
            events = etree.iterparse(handle, events=("end",), resolve_entities=False,
                                     no_network=True, load_dtd=False, remove_comments=True)
            for _, element in _checked(events, path):
                name = _local(element.tag)
                if name == "header":
                    props = [(p.get("type"), p.text or "") for p in element
                             if _local(p.tag) == "prop" and p.get("type")]
                    break
                if name in ("tu", "body"):
                    break
    except OSError as exc:
        raise InputError(f"{path}: cannot read this TMX file ({exc.strerror})") from None
    return props


def _checked(events: etree.iterparse, path: str | Path) -> Iterator[tuple[str, etree._Element]]:
    """The parser's events, with its syntax errors turned into one-line AlignErrors."""
    try:
        yield from events
    except etree.XMLSyntaxError as exc:
        message = (exc.msg or "not well-formed").splitlines()[0]
        line = max(exc.lineno or 1, 1)
        raise AlignError(f"{path}:{line}: not a well-formed TMX file ({message})") from None
