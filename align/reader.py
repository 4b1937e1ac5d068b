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
from itertools import pairwise
from pathlib import Path

from align.errors import InputError, TooLargeError
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
_SENTENCE_END = re.compile(r"[.!?。！？…]")
#: Longest run of text without a sentence end that is read. The longest sentences of the
#: gold sets and seeds are under 1,300 characters; encoding time grows with length.
MAX_SENTENCE_CHARS = 3000
# Hard-wrapped text is wrapped between these widths (in columns; a Han character is 2).
_WRAP_WIDTHS = (50, 200)
# Under this many lines followed by another, a wrapped paragraph must also end a sentence.
_FEW_LINES = 3
# A line continues the one before when its first word would have made that one longer
# than this share of the wrap width (editors and textwrap fill lines greedily).
_WRAP_SLACK = 0.85
# Lines that start a list item, heading, quote or table row: never a wrapped continuation.
_BLOCK_START = re.compile(r"(?:[-*+•·]\s|\d{1,3}[.)]\s|#{1,6}\s|[>|]|[（(]?[一二三四五六七八九十\d]+[、）)])")


# Unicode blocks text is written in: Latin, Greek, Cyrillic, Hebrew, Arabic, Indic, Thai,
# general and CJK punctuation, kana, Han, Hangul, full-width forms. Together they are
# under half of the 16-bit range, so binary data decoded as UTF-16 falls mostly outside.
_TEXT_BLOCKS = ((0x0009, 0x000D), (0x0020, 0x024F), (0x0370, 0x06FF), (0x0900, 0x0E7F),
                (0x1E00, 0x206F), (0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
                (0xAC00, 0xD7AF), (0xFF00, 0xFFEF))


def _plausible_utf16(text: str) -> bool:
    """Decoded with the right byte order, text stays in a few script blocks. The wrong
    order turns ASCII into code points ending in 00 (``a`` → U+6100, a Han character)
    and Han into other blocks; an 8-bit file read as UTF-16 pairs up ASCII bytes (``Di``
    → U+4469, also Han); binary data scatters over the whole range."""
    if not text:
        return False
    in_blocks = sum(any(lo <= ord(ch) <= hi for lo, hi in _TEXT_BLOCKS) for ch in text)
    low_zero = sum(ord(ch) & 0xFF == 0 for ch in text)
    byte_pairs = sum(0x20 <= ord(ch) >> 8 < 0x7F and 0x20 <= ord(ch) & 0xFF < 0x7F for ch in text)
    return (in_blocks >= 0.95 * len(text) and low_zero <= 0.2 * len(text)
            and byte_pairs <= 0.5 * len(text))


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) when the bytes are UTF-16 LE or BE without a byte-order mark,
    as some Windows tools save it; judged on the first 8 KB, then decoded in full."""
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        if _plausible_utf16(data[:8192].decode(encoding, errors="ignore")):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None


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
                raise InputError(
                    f"{source}: starts with a {encoding.upper()} byte-order mark but is not "
                    f"valid {encoding.upper()} (byte {exc.start}); re-save it as UTF-8"
                ) from None
    if b"\x00" not in data[:8192]:  # NUL bytes: UTF-16 or binary, though valid UTF-8
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if _looks_binary(data):
        raise InputError(f"{source}: looks like a binary file, not text; give a .txt file")
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
    raise InputError(f"{source}: is not valid UTF-8, UTF-16, GB18030 or Windows-1252; re-save it as UTF-8")


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


def _width(text: str) -> int:
    """Columns the text takes in a fixed-width editor: Han and full-width forms take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The width the text was hard-wrapped at, or None when its lines are not wrapped.

    Judged from line lengths, not from how lines end: a wrapped text has one common
    maximum width, most lines followed by another come close to it, and few of those
    end a sentence (one does only when a sentence happens to end at the margin).
    A text with one paragraph or sentence per line ends most lines with a full stop;
    poems, lists and headings are shorter than any wrap width.
    """
    # Only lines followed by another count: a paragraph on a line of its own says nothing.
    inner = [line for block in blocks for line in block[:-1]]
    if not inner:
        return None
    widths = sorted(map(_width, inner), reverse=True)
    width = widths[len(widths) // 50]  # the longest line, but 2% may be longer (URLs)
    if not _WRAP_WIDTHS[0] <= width <= _WRAP_WIDTHS[1]:
        return None
    near_full = [line for line in inner if _width(line) >= 0.8 * width]
    ended = sum(line.endswith(_END_PUNCT) for line in near_full)
    if len(near_full) < 0.5 * len(inner) or ended > 0.3 * len(near_full):
        return None
    if len(inner) < _FEW_LINES and not all(b[-1].endswith(_END_PUNCT) for b in blocks if len(b) > 1):
        return None  # too few lines to tell a wrap from a title over a short line
    return width


def _continues(line: str, nxt: str, width: int) -> bool:
    """Whether ``nxt`` continues ``line`` in text wrapped at ``width``: the next line's
    first word would not have fitted on this one. List items and headings never do."""
    if _BLOCK_START.match(nxt):
        return False
    first = nxt[:1] if is_cjk_text(nxt[:1]) else nxt.split(" ", 1)[0]
    return _width(line) + 1 + _width(first) > _WRAP_SLACK * width


def _glue(left: str, right: str, wide: bool) -> str:
    """What a wrap removed between two lines: nothing in Chinese text (``wide``), which
    is wrapped anywhere, even inside 2022; nothing after a hyphen inside a word (``in-``
    + ``depth``); a space elsewhere."""
    if wide or is_cjk_text(left[-1:]) or is_cjk_text(right[:1]):
        return ""
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].isalpha():
        return ""
    return " "


def paragraphs(text: str) -> list[str]:
    """Non-empty lines are paragraphs, except in hard-wrapped text, where the lines
    of each paragraph are rejoined."""
    blocks = [lines for block in re.split(r"\n\s*\n", text)
              if (lines := [line for line in block.split("\n") if line])]
    width = _wrap_width(blocks)
    if width is None:
        return [line for block in blocks for line in block]
    wide = _width(text) > 1.5 * len(text)  # mostly Han: a line break is no space
    result: list[str] = []
    for block in blocks:
        result.append(block[0])
        for prev, line in pairwise(block):
            if _continues(prev, line, width):
                result[-1] += _glue(result[-1], line, wide) + line
            else:
                result.append(line)
    return result


def _refuse_unsplittable(paras: list[str], path: str | Path) -> None:
    """Refuse a paragraph with a run of over MAX_SENTENCE_CHARS characters and no sentence
    end, before minutes of encoding: it is no text a sentence aligner can pair (a page
    without punctuation, a flattened table, a data dump) and yields no TU."""
    for number, para in enumerate(paras, 1):
        if len(para) <= MAX_SENTENCE_CHARS:
            continue
        longest = max(len(run) for run in _SENTENCE_END.split(para))
        if longest > MAX_SENTENCE_CHARS:
            start = para[:30].rstrip()
            raise InputError(
                f"{path}: paragraph {number} (“{start}…”) runs {longest:,} characters without a "
                f"sentence end; a sentence of over {MAX_SENTENCE_CHARS:,} cannot be aligned. "
                "Add the missing punctuation or line breaks, or remove that part"
            )


def read_text(path: str | Path, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Read and decode a file, with one-line errors for every way it can fail."""
    return decode(read_bytes(path, max_bytes), str(path))


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, refused before reading when it is missing, a folder or too big."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file")
    size = path.stat().st_size
    if size > max_bytes:
        needed = math.ceil(size / 2**20)
        raise TooLargeError(
            f"{path}: {size / 2**20:.1f} MB is over the {max_bytes / 2**20:g} MB limit (encoding "
            f"takes about 5 minutes per MB); raise the limit to {needed} MB or split the file",
            value=needed,
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


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
    _refuse_unsplittable(paras, path)
    if not any(paras):
        how = encoding if kind == "txt" else f"{encoding} {kind.upper()}"
        raise InputError(f"{path}: is empty (no text after decoding as {how})")
    detected = lang or detect_language("\n".join(paras))
    if not detected:
        raise InputError(f"{path}: has no letters in any language; is it the right file?")
    return Document(path=str(path), lang=detected, encoding=encoding, paragraphs=paras)
