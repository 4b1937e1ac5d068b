"""Abbreviations and their full forms: one concept, two terms (OHCHR / Office of the United
Nations High Commissioner for Human Rights).

When a term's translation is an acronym, the aligned segments where the term occurs are
searched for a capitalised phrase whose initials spell it: the first word gives the first
letter, the last word the last, and the other letters come in order from the words between
(a full form may hold words its acronym skips: the "United Nations" of OHCHR).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from align.terms.candidates import TERM_EDGE_WORDS
from align.terms.model import GlossaryEntry, Variant

_ACRONYM = re.compile(r"^[A-Z]{2,8}$")
_CAPITALISED = re.compile(r"[A-Z][\w'-]*(?:\s+(?:(?:of|the|for|and|on|in)\s+)*[A-Z][\w'-]*)+")


def _spells(acronym: str, phrase: str) -> bool:
    words = [w for w in phrase.split() if w.lower() not in TERM_EDGE_WORDS]
    initials = "".join(w[0] for w in words).upper()
    if len(words) < len(acronym) or len(words) > 2 * len(acronym) or initials[0] != acronym[0] or (
            initials[-1] != acronym[-1]):
        return False
    rest = iter(initials[1:-1])
    return all(letter in rest for letter in acronym[1:-1])


def full_forms(entries: list[GlossaryEntry], texts: Iterable[tuple[set[str], str]]) -> dict[str, str]:
    """Acronym translation → its most frequent full form in the target texts of the segments
    that hold the term. ``texts``: (source terms present, target text) of each segment."""
    wanted = {e.src: e.tgt for e in entries if _ACRONYM.match(e.tgt)}
    found: dict[str, Counter] = {}
    for terms, tgt_text in texts:
        for term in terms & wanted.keys():
            acronym = wanted[term]
            for match in _CAPITALISED.finditer(tgt_text):
                phrase = match.group(0)
                words = phrase.split()
                for start in range(len(words)):
                    for end in range(len(words), start, -1):
                        candidate = " ".join(words[start:end])
                        if words[start][0].isupper() and words[end - 1][0].isupper() and _spells(
                                acronym, candidate):
                            found.setdefault(acronym, Counter())[candidate] += 1
    return {acronym: tally.most_common(1)[0][0] for acronym, tally in found.items()}


def add_variants(entries: list[GlossaryEntry], forms: dict[str, str]) -> None:
    """Give each entry translated by an acronym its full form as a variant."""
    for entry in entries:
        if entry.tgt in forms:
            entry.variants = (Variant(forms[entry.tgt], "fullForm"),)
            entry.tgt_type = "acronym"
