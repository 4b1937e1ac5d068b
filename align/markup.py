"""HTML, DOCX and Markdown → plain text with one paragraph per blank-line-separated block.

Translators get web pages, Word files and Markdown as often as .txt. Only the
running text is wanted: navigation, scripts, page headers and footers would
become sentences with no counterpart and push the aligner off course. The
output feeds ``align.reader.paragraphs`` like any decoded text file.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path

import lxml.html
from lxml import etree
from markdown_it import MarkdownIt

from align.errors import InputError, TooLargeError
from align.text import CJK_TEXT

KINDS = ("txt", "html", "docx", "md")
#: File name endings of the inputs every command reads, and the kind each one is.
INPUT_EXTENSIONS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
                    ".xhtml": "html", ".docx": "docx", ".md": "md", ".markdown": "md"}
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_MD_SIGNS = (re.compile(r"^#{1,6} \S", re.M), re.compile(r"\]\([^)\s]+\)"),
             re.compile(r"^```", re.M), re.compile(r"\*\*\S[^*\n]*\*\*"),
             re.compile(r"^\s*[-*] \S", re.M))


def input_kind(path: str | Path, data: bytes, sniff_markdown: bool = True) -> str:
    """``txt``, ``html``, ``docx`` or ``md``: by extension, else sniffed from the bytes.

    Markdown is sniffed only in files without an extension and only when several
    of its signs occur, because reading plain text as Markdown joins its lines.
    """
    ext = Path(path).suffix.lower()
    if INPUT_EXTENSIONS.get(ext, "txt") != "txt":  # a .txt may still hold HTML: sniffed below
        return INPUT_EXTENSIONS[ext]
    if data.startswith(b"PK\x03\x04"):
        return "docx"  # the only zip we read; docx_text says so if it is another
    if _HTML_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")):
        return "html"
    if not ext and sniff_markdown:
        head = data[:65536].decode("utf-8", "ignore")
        if sum(bool(sign.search(head)) for sign in _MD_SIGNS) >= 3:
            return "md"
    return "txt"


# --- HTML -----------------------------------------------------------------------------

# Never running text: code, forms, media and page furniture.
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object",
              "canvas", "form", "button", "select", "textarea", "nav", "aside", "menu",
              "figure")
# Page headers and footers are furniture; an article's own header holds its title.
_PAGE_ONLY = ("header", "footer")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu",
               "menubar", "toolbar", "dialog", "alert"}
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|sidebar|footer|masthead|cookies?|"
    r"share|social|related|advert|ads?|banner|comments?|pagination|toolbar|skip)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCKS = frozenset((
    "address", "article", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt",
    "fieldset", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")
_CJK_GAP = re.compile(f"(?<=[{CJK_TEXT}]) (?=[{CJK_TEXT}])")


def _is_furniture(el: etree._Element) -> bool:
    if el.tag in _DROP_TAGS or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if el.tag in _PAGE_ONLY and next(el.iterancestors("article", "main"), None) is None:
        return True
    if (el.get("role") or "").lower() in _DROP_ROLES:
        return True
    if "display:none" in (el.get("style") or "").replace(" ", "").lower():
        return True
    return el.tag not in ("body", "main", "article") and bool(
        _FURNITURE.search(f"{el.get('class') or ''} {el.get('id') or ''}")
    )


def _link_heavy(el: etree._Element) -> bool:
    """A list or block that is mostly links (a menu built from plain divs)."""
    links = el.findall(".//a")
    if len(links) < 3:
        return False
    def size(node: etree._Element) -> int:
        return len("".join(node.text_content().split()))

    return sum(size(a) for a in links) > 0.6 * max(size(el), 1)


def _main_content(root: etree._Element) -> etree._Element:
    """The <main> or sole <article> when the page marks one up, else the body."""
    for path in (".//main", ".//*[@role='main']"):
        found = root.findall(path)
        if len(found) == 1:
            return found[0]
    articles = root.findall(".//article")
    if len(articles) == 1:
        return articles[0]
    body = root.find(".//body")
    return body if body is not None else root


def _html_inline(text: str, had_newline: bool) -> str:
    out = _HTML_SPACE.sub(" ", text)
    # A line break in the source between two Chinese characters is no space.
    return _CJK_GAP.sub("", out) if had_newline else out


def _walk(el: etree._Element, out: list[str]) -> None:
    if not isinstance(el.tag, str) or _is_furniture(el):
        _tail(el, out)
        return
    block = el.tag in _BLOCKS
    if block and (el.tag in ("ul", "ol", "div", "section", "table") and _link_heavy(el)):
        _tail(el, out)
        return
    if block:
        out.append("\n\n")
    if el.tag == "br":
        out.append("\n")
    elif el.tag == "pre":
        out.append((el.text_content() or "").replace("\n", "\n\n"))
        out.append("\n\n")
        _tail(el, out)
        return
    if el.text:
        out.append(_html_inline(el.text, "\n" in el.text))
    for child in el:
        _walk(child, out)
    if block:
        out.append("\n\n")
    _tail(el, out)


def _tail(el: etree._Element, out: list[str]) -> None:
    if el.tail:
        out.append(_html_inline(el.tail, "\n" in el.tail))


def html_text(text: str, source: str = "input") -> str:
    """The main text of an HTML page, one block per paragraph."""
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses str with an XML declaration
    if not text.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{source}: cannot be read as HTML ({exc})") from None
    out: list[str] = []
    _walk(_main_content(root), out)
    return "\n".join(line.strip() for line in "".join(out).split("\n"))


# --- DOCX ------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, source: str, max_bytes: int) -> str:
    """The paragraphs of a Word document's body, in order (tables included), one per block."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > 8 * max_bytes:
                raise TooLargeError(
                    f"{source}: its text unpacks to {info.file_size / 2**20:.0f} MB, over 8 × the "
                    f"{max_bytes / 2**20:.0f} MB limit; raise the limit",
                    value=math.ceil(info.file_size / 8 / 2**20),
                )
            xml = archive.read(info)
    except KeyError:
        raise InputError(f"{source}: is a zip file but not a Word .docx document") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise InputError(f"{source}: is not a readable .docx file ({exc})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=True)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{source}: its document.xml is broken ({exc})") from None
    paras = []
    for para in root.iter(f"{_W}p"):
        parts = []
        for node in para.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append((node.text or "") if node.tag == f"{_W}t" else " ")
        paras.append("".join(parts))
    return "\n\n".join(paras)


# --- Markdown --------------------------------------------------------------------------

_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")


def markdown_text(text: str) -> str:
    """Markdown without its markup: headings, paragraphs, list items and table cells as
    blocks; link and emphasis text kept; code blocks, images and raw HTML dropped."""
    blocks = []
    for token in _MARKDOWN.parse(text):
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
        block = "".join(parts)
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            blocks.append(_CJK_GAP.sub("", " ".join(lines)) if len(lines) > 1 else lines[0])
    return "\n\n".join(blocks)
