"""Page furniture: the short lines at the ends of a web page that no translation carries.

"Home>>", "（完）", "Photos", "Share this article", "(Web editor: …)", "Source: Xinhua":
each side of a scraped page has its own, and to the encoder two unrelated such lines
look as alike as a translation (both stand apart from the article in the same way).
What marks them is their form, not their meaning: they sit among the first or last
few lines, they are short, and they are not sentences (no full stop, question or
exclamation mark at the end, inside any closing bracket). The aligner leaves such a
line out for free and makes a bead that holds it pay (``AlignConfig.furniture``), so it
is paired only when its match is plainly better than the rest: a byline that both
sides print identically still pairs.

A line without a single word (no run of two letters, no Chinese character) that is not
bare punctuation is left out for free wherever it stands: a lone letter, a page number,
OCR debris ("V", "A", "r \\", "141", ".-^ !"). It translates nothing, and the programme
would otherwise merge it for free, since a line's weight in a bead's mean vector is its
length. Bare punctuation ("!", "» .") is the tail of the sentence before, split off by
the segmenter, and stays in its bead.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

from align.text import CJK_TEXT, NO_SPACE_LANGS

#: Lines from either end of a document where page furniture sits.
EDGE = 3
#: At most this many words (space-separated languages) ...
MAX_WORDS = 6
#: ... or characters without spaces (Chinese, Japanese) make a line short.
MAX_CHARS = 10

_WORD = re.compile(r"[^\W_]+")
_CLOSING = " \t\u3000)]}）】」』〕》>\"'”’»"
_SENTENCE_END = ".!?。！？…"
_CJK_CHAR = re.compile(f"[{CJK_TEXT}]")
_TWO_LETTERS = re.compile(r"[^\W\d_]{2,}")


def looks_like_furniture(text: str, lang: str) -> bool:
    """True for a short line that is not a sentence: a menu item, a byline, a caption
    label, an end mark such as "（完）"."""
    if lang in NO_SPACE_LANGS or _CJK_CHAR.search(text):
        short = len(text.replace(" ", "")) <= MAX_CHARS
    else:
        short = len(_WORD.findall(text)) <= MAX_WORDS
    body = text.rstrip(_CLOSING)
    return short and not body.endswith(tuple(_SENTENCE_END))


def is_wordless(text: str) -> bool:
    """True for a line with no word in it that is more than punctuation: "V", "141", "r \\"."""
    if _TWO_LETTERS.search(text) or _CJK_CHAR.search(text):
        return False
    return any(not unicodedata.category(c).startswith(("P", "Z")) for c in text.strip())


def furniture_lines(texts: list[str], lang: str, edge: int = EDGE) -> np.ndarray:
    """Whether each sentence is page furniture (True) or ordinary text (False): the lines
    that look like furniture in an unbroken run from either end of the document, at most
    ``edge`` of them; the first sentence-like line ends a run, since furniture surrounds
    the article and does not continue inside it."""
    flags = np.zeros(len(texts), dtype=bool)
    for order in (range(len(texts)), range(len(texts) - 1, -1, -1)):
        for i in list(order)[:edge]:
            if not looks_like_furniture(texts[i], lang):
                break
            flags[i] = True
    return flags


def wordless_lines(texts: list[str]) -> np.ndarray:
    """Whether each sentence is wordless (``is_wordless``), wherever it stands."""
    return np.array([is_wordless(t) for t in texts], dtype=bool)
