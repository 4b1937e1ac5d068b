"""Bytes on disk → a Document: decoding, normalisation, paragraphs, language.

Translators' files come as UTF-8 (with or without BOM), UTF-16 from Windows
tools, or GB18030/GBK from older Chinese sites. We decode strictly and refuse
what we cannot decode, because silently mis-decoded text aligns to garbage.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from pathlib import Path

from align.errors import AlignError
from align.language import detect_language
from align.markup import docx_text, html_text, input_kind, markdown_text
from align.text import is_cjk_text
from align.types import Document

#: Largest input read by default; ``--max-size`` raises it. The bundled encoder embeds
#: about 40 sentences a second, some 5 minutes per MB of text: 5 MB a side (a long
#: book, the whole Bible) is about an hour, and 50 MB would be a day. Memory is not
#: the limit: it grows linearly with the input (bench/large_input.py).
MAX_BYTES = 5 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0/C1 controls other than tab/newline, plus noncharacters: never text, never valid XML.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_END_PUNCT = tuple(".!?。！？;；:：\"'”’)）」』")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 100 + 2


def _is_latin1_misread(text: str) -> bool:
    """GB18030 accepts most Latin-1 bytes, but real Chinese text almost never has
    a double-byte character whose second byte is ASCII; accented Latin text does."""
    wide = [ch.encode("gb18030") for ch in text if ord(ch) > 0x7F]
    ascii_trail = sum(len(b) == 2 and b[1] < 0x80 for b in wide)
    return bool(wide) and ascii_trail > 0.3 * len(wide)


def decode(data: bytes, source: str = "input") -> tuple[str, str]:
    """Return (text, encoding name); raise AlignError for binary or undecodable bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise AlignError(
                    f"{source}: starts with a {encoding.upper()} byte-order mark but is not "
                    f"valid {encoding.upper()} (byte {exc.start}); re-save it as UTF-8"
                ) from None
    if _looks_binary(data):
        raise AlignError(f"{source}: looks like a binary file, not text; give a .txt file")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if not _is_latin1_misread(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:  # legacy Western European files (de/fr benchmarks, old Windows exports)
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    raise AlignError(f"{source}: is not valid UTF-8, UTF-16, GB18030 or Windows-1252; re-save it as UTF-8")


def normalise(text: str) -> str:
    """NFC, Unix line ends, no control or invisible characters, lines stripped.

    Spaces inside a line are kept as they are (ideographic, no-break, doubled):
    CAT tools match a TU only when its text equals their segment of the same
    file character for character, and they do not normalise spaces.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", text))
    return "\n".join(line.strip() for line in text.split("\n"))


def _join_lines(lines: list[str]) -> str:
    """Join the lines of a hard-wrapped paragraph: no space between CJK characters."""
    out = lines[0]
    for line in lines[1:]:
        glue = "" if is_cjk_text(out[-1:]) and is_cjk_text(line[:1]) else " "
        out += glue + line
    return out


def _is_wrapped(block: list[str]) -> bool:
    """A block whose lines (but the last) are long and stop mid-sentence was hard-wrapped."""
    body = block[:-1]
    return len(block) > 1 and all(
        len(line) >= 30 and not line.endswith(_END_PUNCT) for line in body
    )


def paragraphs(text: str) -> list[str]:
    """Non-empty lines are paragraphs, except hard-wrapped blocks, which are rejoined."""
    result: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line]
        if not lines:
            continue
        if _is_wrapped(lines):
            result.append(_join_lines(lines))
        else:
            result.extend(lines)
    return result


def read_text(path: str | Path, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Read and decode a file, with one-line errors for every way it can fail."""
    return decode(read_bytes(path, max_bytes), str(path))


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, refused before reading when it is missing, a folder or too big."""
    path = Path(path)
    if not path.exists():
        raise AlignError(f"{path}: no such file")
    if path.is_dir():
        raise AlignError(f"{path}: is a folder; give a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise AlignError(
            f"{path}: {size / 2**20:.1f} MB is over the {max_bytes / 2**20:g} MB limit (encoding "
            f"takes about 5 minutes per MB); raise it with --max-size {math.ceil(size / 2**20)} "
            "or split the file"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise AlignError(f"{path}: cannot be read ({exc.strerror})") from None


def document_text(path: str | Path, data: bytes, kind: str, max_bytes: int) -> tuple[str, str]:
    """(plain text, encoding) of a file of kind txt, html, docx or md (see align.markup)."""
    if kind == "docx":
        return docx_text(data, str(path), max_bytes), "utf-8"
    text, encoding = decode(data, str(path))
    if kind == "html":
        text = html_text(text, str(path))
    elif kind == "md":
        text = markdown_text(text)
    return text, encoding


def read_document(
    path: str | Path, lang: str | None = None, presplit: bool = False,
    max_bytes: int = MAX_BYTES,
) -> Document:
    """Read a file into paragraphs. With ``presplit`` every line is kept as one sentence.

    HTML, DOCX and Markdown files (by extension, else sniffed) give their running text.
    """
    data = read_bytes(path, max_bytes)
    kind = input_kind(path, data, sniff_markdown=not presplit)
    text, encoding = document_text(path, data, kind, max_bytes)
    text = normalise(text)
    if presplit:
        paras = text.split("\n")
        if paras and paras[-1] == "":
            paras.pop()
    else:
        paras = paragraphs(text)
    if not any(paras):
        how = encoding if kind == "txt" else f"{encoding} {kind.upper()}"
        raise AlignError(f"{path}: is empty (no text after decoding as {how})")
    detected = lang or detect_language("\n".join(paras))
    if not detected:
        raise AlignError(f"{path}: has no letters in any language; is it the right file?")
    return Document(path=str(path), lang=detected, encoding=encoding, paragraphs=paras)
