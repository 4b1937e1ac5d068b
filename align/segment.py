"""Sentence segmentation for Chinese, English and other Latin-script text.

Alignment quality depends on sentence boundaries, so the rules here were chosen
by re-splitting gold sentence files (see ``bench/segmentation.py``).  Everything
is regex + small look-ups: deterministic, no network, linear in the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from align.language import primary_language
from align.text import is_cjk_text

__all__ = ["split_sentences"]

# --- Chinese ---------------------------------------------------------------

# A run of terminators (。！？, ASCII !?. and ellipses), or a closing quote
# right before an opening one (”“: two utterances); closers are scanned after.
_ZH_CANDIDATE = re.compile(r"[。！？!?．.…]+|[”」』](?=\s*[“「『])")
_ZH_STRONG = frozenset("。！？")
_ZH_QUOTE_PAIR = frozenset("”」』")
# Quotes and brackets that only ever close: they stay on the sentence before.
_ZH_HARD_CLOSERS = frozenset("”’」』）》】〕〉)]")
_ZH_OPENERS = frozenset("“‘「『（《【〔〈(")
# Punctuation that continues a sentence: no cut in front of it.
_ZH_CONTINUATION = frozenset("，、：；,;:。！？!?”’」』）》】〕〉)]…—.．")


class _QuoteParity:
    """Tracks whether an ASCII quote is open, to tell closing " from opening.

    Positions are queried in increasing order, so counting is linear overall.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.open = {'"': False, "'": False}

    def is_open(self, quote: str, at: int) -> bool:
        if self.pos < at:
            for q in self.open:
                if self.text.count(q, self.pos, at) % 2:
                    self.open[q] = not self.open[q]
            self.pos = at
        return self.open[quote]


def _split_zh(text: str) -> list[int]:
    """Cut offsets for Chinese: after 。！？ (and !? in full-width text)."""
    cuts: list[int] = []
    n = len(text)
    quotes = _QuoteParity(text)
    for m in _ZH_CANDIDATE.finditer(text):
        start, cut = m.span()
        terms = m.group()
        quote_pair = terms in _ZH_QUOTE_PAIR
        if not quote_pair and not _zh_terminator(text, start, cut):
            continue
        closed = quote_pair
        while (j := _skip_space(text, cut)) < n and (
            text[j] in _ZH_HARD_CLOSERS or (text[j] in "\"'" and quotes.is_open(text[j], j))
        ):
            closed = True
            cut = j + 1
        nxt = _skip_space(text, cut)
        if nxt >= n or text[nxt] in _ZH_CONTINUATION:
            continue
        if set(terms) <= {"…", "."} and not (
            closed or text[nxt] in _ZH_OPENERS or text[start - 1 : start].isspace()
        ):
            # An ellipsis inside a sentence (我…… 我……) is a pause; it ends
            # one only before or after a quote, or standing alone (measured).
            continue
        cuts.append(cut)
    return cuts


def _zh_terminator(text: str, start: int, end: int) -> bool:
    """Whether the run text[start:end] of 。！？!?.… can end a Chinese sentence."""
    terms = text[start:end]
    if any(c in _ZH_STRONG for c in terms) or "…" in terms or "..." in terms:
        return True
    # ASCII !? and single dots count only in full-width text, right after a
    # Han character: never inside 2.18亿, ２．１８ or 3.5%, nor in "Yahoo!".
    prev = text[start - 1] if start else "a"
    nxt = text[end] if end < len(text) else ""
    return is_cjk_text(prev) and not prev.isdigit() and not nxt.isdigit()


# --- Latin script ----------------------------------------------------------


@dataclass(frozen=True)
class _Profile:
    """Language knowledge for the Latin-script splitter (lower-cased words)."""

    # Never end a sentence: titles and Latin abbreviations (Mr., e.g.).
    never: frozenset[str] = frozenset()
    # Do not end a sentence when a number follows (No. 5, Jan. 3).
    before_number: frozenset[str] = frozenset()
    # End a sentence only when a typical sentence opener follows (etc., Inc.).
    ambiguous: frozenset[str] = frozenset()
    # Typical sentence openers, for abbreviations, initials and acronyms.
    starters: frozenset[str] = frozenset()
    # 1-2 digit numbers with a period are ordinals (German "am 3. Mai").
    ordinals: bool = False


def _words(s: str) -> frozenset[str]:
    """Word list literal, kept readable as one string."""
    return frozenset(s.split())


_COMMON_NEVER = "e.g i.e cf vs viz dr prof st mt"
_MONTHS_EN = "jan feb mar apr jun jul aug sep sept oct nov dec"

_PROFILES: dict[str, _Profile] = {
    "en": _Profile(
        never=_words(
            _COMMON_NEVER + " mr mrs ms messrs gen sen rep gov lt col capt sgt cpl maj adm"
            " rev hon pres supt insp det fr ft"
        ),
        before_number=_words("no nos vol vols p pp art fig figs ch sec op para " + _MONTHS_EN),
        ambiguous=_words("etc inc ltd co corp bros jr sr al esq"),
        starters=_words(
            "the a an he she it they we i you this that these those there then"
            " but and or so in on at if when while after before his her its"
            " their our my your what who why how where as for yet some many"
            " all one no not now later however meanwhile still"
        ),
    ),
    "de": _Profile(
        never=_words(
            _COMMON_NEVER + " z.b d.h u.a o.ä bzw ca vgl sog ggf evtl inkl usw hr hrn frl"
            " hrsg bzgl ebd allg geb gest"
        ),
        before_number=_words(
            "nr s bd abs art fr chf kap std min str jan feb märz apr aug sept okt nov dez"
        ),
        ambiguous=_words("usw etc u.ä"),
        starters=_words(
            "der die das er sie es wir ich du ihr man aber und dann doch ein"
            " eine in im am auf als wenn nach vor dies diese dieser so auch"
            " da dort nun noch"
        ),
        ordinals=True,
    ),
    "fr": _Profile(
        never=_words(_COMMON_NEVER + " m mm mme mmes mlle mlles me mgr ste env av apr p.ex"),
        before_number=_words("no n° p pp vol chap ch art fig fr chf t"),
        ambiguous=_words("etc"),
        starters=_words(
            "le la les il elle ils elles on nous vous je tu mais et puis un"
            " une ce cette ces dans en à au aux si quand alors donc"
        ),
    ),
}
_GENERIC = _Profile(
    never=_words(_COMMON_NEVER + " mr mrs ms sr sra srta sig dott"),
    before_number=_words("no nr"),
    ambiguous=_words("etc"),
)

# A run of terminators, then closers attached to it, then (for French and
# tokenised text) closers standing after a space; a cut needs whitespace next.
# Possessive quantifiers and the look-behind keep it linear on runs of dots.
_LATIN_CANDIDATE = re.compile(
    r"(?<![.!?‽…])"
    r"(?:\.(?:[ \u00a0]?\.){2,}|[.!?‽…]|[—–](?=[\"'”’]\s+[\"'“‘]))++"
    r"[\"'”’»›)\]]*+"
    r"(?:\s+[”»›)\]](?=\s|$))*"
    r"(?=\s)"
)
_OPENERS = "\"'“‘„«‹([¿¡*-–—"
_CONTINUATION = frozenset(",;:)!?.…")
_TOKEN_BEFORE = re.compile(r"\S{0,40}$")


def _split_latin(text: str, lang: str) -> list[int]:
    """Cut offsets for English and other Latin-script languages."""
    prof = _PROFILES.get(lang, _GENERIC)
    cuts: list[int] = []
    n = len(text)
    for m in _LATIN_CANDIDATE.finditer(text):
        start, end = m.span()
        nxt = _skip_space(text, end)
        if nxt >= n:
            break
        word = _next_word(text, nxt)
        if not _starts_sentence(text, nxt, word):
            continue
        term = "".join(m.group().split()).rstrip("\"'”’»›)]")
        if term.endswith(".") and not term.endswith(("..", "…")):
            before = _TOKEN_BEFORE.search(text, max(0, start - 40), start)
            token = before.group() if before else ""
            if not _period_ends_sentence(token, word, prof):
                continue
        cuts.append(end)
    return cuts


def _next_word(text: str, i: int) -> str:
    """The next word after position ``i``, without opening quotes."""
    j = i
    n = len(text)
    while j < n and text[j] in _OPENERS:
        j += 1
    k = j
    while k < n and (text[k].isalnum() or text[k] == "."):
        k += 1
    return text[j:k]


def _starts_sentence(text: str, i: int, word: str) -> bool:
    """Whether text at ``i`` can open a sentence (not lower case or ',')."""
    if text[i] in _CONTINUATION:
        return False
    if not word:
        return True
    return not word[0].islower()


def _period_ends_sentence(token: str, word: str, prof: _Profile) -> bool:
    """Decide whether '.' after ``token`` ends a sentence before ``word``."""
    token = token.lstrip(_OPENERS)
    if not token:
        # A period standing alone (tokenised text) always ends a sentence.
        return True
    key = token.lower().rstrip(".")
    first = word.split(".")[0].lower()
    starter = first in prof.starters and not (len(first) == 1 and "." in word)
    if key in prof.never:
        return False
    if key in prof.before_number and word[:1].isdigit():
        return False
    if prof.ordinals and key.isdigit() and len(key) <= 2:
        return False
    if key in prof.ambiguous:
        return starter
    if len(key) == 1 and key.isalpha():
        # An initial (J. R. R. Tolkien, z. B.) unless a clear opener follows.
        return starter
    if "." in key and any(c.isalpha() for c in key):
        # Acronyms with inner periods (U.S., a.m.).
        return starter
    return True


def _skip_space(text: str, i: int) -> int:
    """Index of the first non-space character at or after ``i``."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


def split_sentences(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph (no newlines inside) into sentences, stripped, none empty."""
    key = primary_language(lang)
    cuts = _split_zh(paragraph) if key == "zh" else _split_latin(paragraph, key)
    parts = []
    prev = 0
    for cut in [*cuts, len(paragraph)]:
        part = paragraph[prev:cut].strip()
        if part:
            parts.append(part)
        prev = cut
    return parts
