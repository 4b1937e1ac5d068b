"""Where a CAT tool's own segmenter cuts a paragraph, so TUs can be made to fit its segments.

A CAT tool pre-translates a segment from a TMX only when some TU's source is
exactly that segment. Tools segment with SRX rules, not with ours, and the
rules they ship by default are coarser than ours in one place that matters:
for Chinese and Japanese they never cut after 。！？ when a closing quote or
bracket follows, nor after the quote itself, so dialogue such as
“是的。”汪淼说。 is one segment to them and two sentences to us. The rules
below are those of the SRX defaults OmegaT ships (the same shape as the LISA
SRX examples other tools start from); ``merge_beads`` glues consecutive beads
until their source ends where such a tool would cut.

Where the tool cuts inside one of our sentences, merging cannot help: OmegaT
cuts between ？ and ！ (？ keeps a segment going, ！ does not) and after a 。
followed by ，, …, 》 or 】. Such TUs still serve OmegaT through the TMX header's
segtype="paragraph": it re-cuts them and keeps the pieces when the translation
gives as many (see tmx.formats).
"""

from __future__ import annotations

from align.types import Bead

# Per language: characters that end a segment, characters after them that keep it
# going (the SRX no-break rule that comes first), and characters never cut after
# (OmegaT's Chinese rules: no cut after 、,.． so an ASCII full stop never ends one).
_CJK_RULES = {
    "zh": (frozenset("。？！"), frozenset("’”\"」）』？—"), frozenset("、,.．")),
    "ja": (frozenset("。．？！"), frozenset("）)"), frozenset()),
}
_LATIN_TERMINATORS = frozenset(".?!")


def cat_break(before: str, spacing: str, after: str, lang: str) -> bool:
    """Whether a CAT tool would cut between sentence ``before`` and ``after`` of one
    paragraph, separated by ``spacing``."""
    last = before[-1:]
    following = (spacing or after)[:1]
    rules = _CJK_RULES.get(lang.split("-")[0].lower())
    if rules and last in rules[0]:
        return following not in rules[1]
    if rules and last in rules[2]:
        return False
    # The language-neutral rule: . ? or ! followed by white space.
    return last in _LATIN_TERMINATORS and following.isspace()


def merge_beads(
    beads: list[Bead], texts: list[str], paragraph: list[int], spacing: list[str], lang: str
) -> list[Bead]:
    """Consecutive beads glued so each group's source ends at a CAT-tool segment boundary
    (a paragraph end always is one). Insertions before a group starts are dropped, as
    they would be anyway; a group's confidence is that of its weakest pair bead."""

    def ends_segment(i: int) -> bool:
        nxt = i + 1
        if nxt >= len(texts) or paragraph[nxt] != paragraph[i]:
            return True
        return cat_break(texts[i], spacing[nxt] if spacing else " ", texts[nxt], lang)

    groups: list[list[Bead]] = []
    current: list[Bead] = []
    for bead in beads:
        if not bead.src and not current:
            groups.append([bead])  # an insertion between segments stays on its own
            continue
        current.append(bead)
        if bead.src and ends_segment(bead.src[-1]):
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    merged = []
    for group in groups:
        pairs = [b.confidence for b in group if b.is_pair]
        merged.append(Bead(
            tuple(i for b in group for i in b.src), tuple(j for b in group for j in b.tgt),
            min(pairs) if pairs else 0.0,
        ))
    return merged
