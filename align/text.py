"""Facts about scripts and words that several stages share, each defined once.

Character classes are strings for use inside ``[...]`` in a regular expression.
"""

from __future__ import annotations

import re
from functools import cache

#: Han ideographs: Extension A, the URO, compatibility ideographs, Extensions B and later.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
#: CJK symbols and punctuation (。、「」 and the ideographic space).
CJK_PUNCTUATION = "\u3000-\u303f"
#: Full-width and half-width forms (，！？ and full-width Latin letters and digits).
FULLWIDTH = "\uff00-\uffef"
#: "Full-width text": what is written with no space between characters.
CJK_TEXT = HAN + CJK_PUNCTUATION + FULLWIDTH

_CJK_TEXT_CHAR = re.compile(f"[{CJK_TEXT}]")
_HAN_WORD = re.compile(f"^[{HAN}]+$")

#: Languages written without spaces between words: their sentences join with no space.
NO_SPACE_LANGS = ("zh", "ja")

#: English function words (and the King James ones the Bible uses): they match everywhere
#: and prove nothing, so neither word matching nor term extraction counts them.
_EN_FUNCTION_WORDS = """
a an the and or but if of to in on at by for with from as into onto upon about than then so not no nor
be am is are was were been being have has had do does did will would shall should can could may might
must i me my mine we us our you your he him his she her it its they them their this that these those
there here who whom whose which what when where why how all any some each every one such own same other
very too also just up out down over under again once only more most much many few off s t ll ve re d m
unto thee thou thy thine ye hath doth shalt wilt art let said say says saying o oh yes ah
"""
EN_FUNCTION_WORDS = frozenset(_EN_FUNCTION_WORDS.split())


def is_cjk_text(char: str) -> bool:
    """True when ``char`` is a Han ideograph, CJK punctuation or a full-width form."""
    return bool(char) and _CJK_TEXT_CHAR.match(char) is not None


def is_han_word(text: str) -> bool:
    """True when ``text`` is one or more Han ideographs and nothing else."""
    return _HAN_WORD.match(text) is not None


@cache
def stem(word: str) -> str:
    """'created', 'creates', 'create' → 'creat': one crude suffix off, the same on both sides."""
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word
