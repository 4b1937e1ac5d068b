"""Dictionary and pinyin evidence that an English string translates a Chinese term.

CC-CEDICT glosses support a rendering of a word or of its parts; the pinyin
readings of its characters support the rendering of a name (汪淼 ↔ Wang).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from align import cedict
from align.terms.candidates import TERM_EDGE_WORDS
from align.text import is_han_word, stem


def content_words(text: str) -> set[str]:
    """The stems of the words of ``text`` that could carry meaning."""
    words = re.findall(r"[\w'-]+", text)
    return {stem(w.removesuffix("'s")) for w in words if w.lower() not in TERM_EDGE_WORDS}


def dictionary_support(zh: str, en: str, zh_words: list[str]) -> tuple[float, float]:
    """How well CC-CEDICT supports ``en`` as a translation of ``zh``, 0–1 each: by the
    glosses of the whole term, and (weaker evidence) by those of its words ``zh_words``,
    as the F1 of English words found in the glosses and Chinese words whose glosses are used.
    A term jieba keeps as one word is read as the dictionary words it is made of (see
    ``compound_parts``)."""
    target = content_words(en)
    if not target:
        return 0.0, 0.0
    whole = 0.0
    for gloss in cedict.glosses(zh):
        words = content_words(gloss)
        if words:
            whole = max(whole, len(target & words) / max(len(target), len(words)))
    if len(zh_words) < 2:
        zh_words = compound_parts(zh)
    if len(zh_words) < 2:
        return whole, 0.0
    bags = [set().union(*(content_words(g) for g in cedict.glosses(w))) for w in zh_words]
    found = target & set().union(*bags)
    precision = len(found) / len(target)
    recall = sum(bool(bag & target) for bag in bags) / len(bags)
    return whole, 2 * precision * recall / (precision + recall) if found else 0.0


def compound_parts(zh: str) -> list[str]:
    """The CC-CEDICT words of two characters or more that ``zh`` is made of, longest first from
    the left (相互尊重: 相互 + 尊重; 中国政府: 中国 + 政府), or [] when it is not so made: a
    fixed phrase of jieba's dictionary is still composed of words whose glosses translate it."""
    words, at, listed = [], 0, cedict.dictionary()
    while at < len(zh):
        end = next((end for end in range(len(zh) - (at == 0), at + 1, -1) if zh[at:end] in listed), None)
        if end is None:
            return []
        words.append(zh[at:end])
        at = end
    return words if len(words) >= 2 else []


def transliteration(zh: str, en: str, person: bool = False) -> float:
    """Share of the characters of ``zh`` whose pinyin (CC-CEDICT readings) some consecutive
    words of ``en`` spell, in order: 王琦瑶 ↔ Wang Qiyao 1, 汪淼 ↔ Wang ½, 周瑞家 ↔ Zhou Rui's
    wife ⅔; 0 when none. Names are translated by sound, so this supports them where glosses
    cannot. One syllable alone counts only as the surname of a name CC-CEDICT does not list,
    or of one known to be a ``person``'s (习近平 ↔ President Xi ⅓): short English words are
    often pinyin too (门徒 is no name, and "men" not its translation)."""
    text = re.sub(r"'s\b", "", unicodedata.normalize("NFKD", en).lower())
    words = [w for w in (re.sub(r"[^a-z]", "", w) for w in text.split()) if w]
    if not words or not is_han_word(zh):
        return 0.0
    name = len(zh) > 1 and cedict.is_surname(zh[0]) and (person or zh not in cedict.dictionary())
    return max(_spelled(zh, "".join(words[i:j]), name)
               for i in range(len(words)) for j in range(i + 1, len(words) + 1)) / len(zh)


def _spelled(zh: str, letters: str, name: bool) -> int:
    """The most consecutive characters of ``zh`` that ``letters`` spell exactly (see above)."""
    best = 0
    for start in range(len(zh)):
        ends = {0}  # positions in ``letters`` reachable by spelling zh[start:start + n]
        for n, char in enumerate(zh[start:], 1):
            ends = {e + len(r) for e in ends for r in cedict.readings(char) if letters.startswith(r, e)}
            if not ends:
                break
            if len(letters) in ends and (n >= 2 or (start == 0 and name)):
                best = max(best, n)
    return best


@cache
def coordinative(zh: str) -> bool:
    """Is ``zh`` a coordinative compound: CC-CEDICT glosses it as two things coordinated, each
    glossing one part of it (男女: "male and female", 男 "male", 女 "female"; not 权利, "power
    and wealth")? Such a compound is translated by a coordination ("men and women"), as a
    term with a conjunction in it is (妇女和女童)."""
    for gloss in cedict.glosses(zh):
        left, _, right = gloss.partition(" and ")
        if right and any(content_words(left) & _glossed(zh[:k]) and content_words(right) & _glossed(zh[k:])
                         for k in range(1, len(zh))):
            return True
    return False


def _glossed(zh: str) -> set[str]:
    return set().union(*(content_words(g) for g in cedict.glosses(zh)))


def glossed_by(zh: str, zh_words: list[str], en: str) -> bool:
    """Are all the content words of ``en`` in CC-CEDICT's glosses of ``zh`` or of its words
    (essential of 基本药品和疫苗; not "benefits arising" of 利用遗传资源)?"""
    bag = set().union(*(content_words(g) for w in [zh, *zh_words] for g in cedict.glosses(w)))
    return content_words(en) <= bag

