"""Glossary files: reading TMX input and a user's glossary; writing TBX, OmegaT's
tab-separated glossary and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from align.errors import AlignError
from align.language import primary_language
from align.terms import Glossary, GlossaryEntry, Segment, UserEntry
from tmx.reader import iter_units
from tmx.registry import OutputFormat, format_for, names, register
from tmx.tbx import TBX_NS, to_tbx

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tmx_segments(paths: Sequence[Path], src_lang: str, tgt_lang: str) -> Iterator[Segment]:
    """The (source, target) texts of every TU, streamed. A TU's document is its
    ``x-source-doc`` prop (written by ``align pair``), else the TMX file's name.
    Raises AlignError naming the languages found when no TU has ``src_lang`` text."""
    seen: set[str] = set()
    found = False
    for path in paths:
        for unit in iter_units(path):
            texts: dict[str, str] = {}
            for tag, text in unit.variants.items():
                texts.setdefault(primary_language(tag), text)
            seen.update(texts)
            if texts.get(src_lang, "").strip():
                found = True
                yield Segment(texts[src_lang], texts.get(tgt_lang, ""),
                              unit.props.get("x-source-doc") or path.name)
    if not found:
        raise AlignError(f"no {src_lang} text in {', '.join(map(str, paths))} (languages: "
                         f"{', '.join(sorted(seen)) or 'none'}); give the language pair of the TMX")


def comment(entry: GlossaryEntry) -> str:
    """The third column of the OmegaT glossary: the figures a translator weighs a term by."""
    if entry.user:
        status = "user glossary"
    elif entry.monolingual:
        status = "no translation found"
    else:
        status = f"confidence {entry.confidence:.2f}"
    return f"{status}; frequency {entry.src_freq}/{entry.tgt_freq}; {entry.docs} document(s)"


def _cell(text: str) -> str:
    return " ".join(text.split())  # no tabs or line breaks inside a field


def to_tsv(glossary: Glossary) -> bytes:
    """source<TAB>target<TAB>comment, UTF-8, no header: OmegaT's glossary format. Terms
    without a translation are left out: OmegaT would offer an empty target."""
    return "".join(f"{_cell(e.src)}\t{_cell(e.tgt)}\t{comment(e)}\n"
                   for e in glossary.entries if e.tgt).encode("utf-8")


def to_csv(glossary: Glossary) -> bytes:
    """One row per entry with a header naming the languages; UTF-8 with BOM for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    src, tgt = glossary.src_lang, glossary.tgt_lang
    writer.writerow([src, tgt, f"{src}_frequency", f"{tgt}_frequency", "documents", "confidence",
                     "status", f"example_{src}", f"example_{tgt}"])
    for e in glossary.entries:
        status = "user" if e.user else ("untranslated" if e.monolingual else "extracted")
        writer.writerow([e.src, e.tgt, e.src_freq, e.tgt_freq, e.docs, f"{e.confidence:.3f}", status,
                         _cell(e.example_src), _cell(e.example_tgt)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


register(OutputFormat("tbx", "glossary", (".tbx",), to_tbx, "TBX-Basic (ISO 30042:2019)"))
register(OutputFormat("tsv", "glossary", (".tsv", ".tab", ".utf8", ".txt"), to_tsv,
                      "OmegaT glossary: source, target, comment"), default=True)
register(OutputFormat("csv", "glossary", (".csv",), to_csv,
                      "with frequencies, documents, confidence and an example"))
#: The glossary formats' names, for help texts.
GLOSSARY_FORMATS = tuple(names("glossary"))


def render_glossary(glossary: Glossary, fmt: str, source: str = "") -> bytes:
    """The glossary in format ``fmt`` (tbx, tsv or csv); ``source`` names the input in TBX."""
    return format_for("glossary", None, fmt).write(glossary, source=source)


def glossary_format_for(path: str | None, explicit: str | None = None) -> str:
    """The format: as given, else from the extension (.tbx, .tsv/.tab/.utf8/.txt, .csv), else TSV."""
    return format_for("glossary", path, explicit).name


def read_user_glossary(path: str | Path, src_lang: str, tgt_lang: str) -> tuple[UserEntry, ...]:
    """Pairs from a TBX, CSV or tab-separated glossary (first column source, second target)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AlignError(f"{path}: cannot read the glossary ({exc.strerror})") from None
    if glossary_format_for(str(path)) == "tbx":
        return _read_tbx(path, data, src_lang, tgt_lang)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AlignError(f"{path}: the glossary is not UTF-8 text") from None
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    entries = []
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        if number == 1 and row[0].strip().lower() in (src_lang, "source", "term"):
            continue  # a header line
        entries.append(UserEntry(row[0].strip(), row[1].strip() if len(row) > 1 else ""))
    if not entries:
        raise AlignError(f"{path}: no glossary entries found (expected source<TAB>target lines)")
    return tuple(entries)


def _read_tbx(path: Path, data: bytes, src_lang: str, tgt_lang: str) -> tuple[UserEntry, ...]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise AlignError(f"{path}:{exc.lineno}: not a well-formed TBX file") from None
    entries = []
    for concept in root.iter(f"{{{TBX_NS}}}conceptEntry", "conceptEntry", "termEntry"):
        terms: dict[str, str] = {}
        for lang_sec in concept:
            lang = (lang_sec.get(_XML_LANG) or "").split("-")[0].lower()
            term = next(lang_sec.iter(f"{{{TBX_NS}}}term", "term"), None)
            if lang and term is not None and term.text:
                terms.setdefault(lang, term.text.strip())
        if src_lang in terms:
            entries.append(UserEntry(terms[src_lang], terms.get(tgt_lang, "")))
    if not entries:
        raise AlignError(f"{path}: no {src_lang} terms found in this TBX file")
    return tuple(entries)


def read_stop_list(path: Path) -> frozenset[str]:
    """Words or terms, one a line (``#`` starts a comment line): never a term nor its edge."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AlignError(f"{path}: cannot read the stop list ({exc})") from None
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
