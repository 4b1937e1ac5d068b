"""What goes into a glossary and what comes out: segments, options, entries, errors."""

from __future__ import annotations

from dataclasses import dataclass

from align.errors import AlignError

SUPPORTED = ("zh", "en")


class UnsupportedLanguageError(AlignError):
    """A glossary language other than Chinese or English."""

    def __init__(self, lang: str) -> None:
        super().__init__(f"glossaries support zh and en terms, not {lang!r}; give the language pair "
                         "zh-en or en-zh")


class NoSourceTextError(AlignError):
    """The input holds no text in the glossary's source language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        super().__init__(f"the input holds no {lang} text; give the language pair the input is in "
                         "(zh-en or en-zh)")


@dataclass
class Segment:
    """One aligned unit, or one sentence of a monolingual corpus (``tgt`` empty)."""

    src: str
    tgt: str = ""
    doc: str = ""  #: document name, for the spread of a term over documents


@dataclass(frozen=True)
class UserEntry:
    """A pair from the user's own glossary: always listed, and linked before anything else."""

    src: str
    tgt: str


@dataclass
class GlossaryOptions:
    """What to extract and how much."""

    src_lang: str = "zh"
    tgt_lang: str = "en"
    min_freq: int = 2
    top: int = 500
    stop_words: frozenset[str] = frozenset()
    user_entries: tuple[UserEntry, ...] = ()
    max_distinct: int = 2_000_000  #: candidates kept before rare ones are pruned (4× as many pairs)
    word_alignment: bool = True  #: align the words of each segment (IBM Model 1) to find whole translations
    #: worker processes that cut a large corpus into words (0: one per free core). Above 1, a
    #: script calling ``build_glossary`` needs the ``if __name__ == "__main__":`` guard that
    #: spawned processes need, so only the command line asks for them by default.
    processes: int = 1


@dataclass(frozen=True)
class Variant:
    """Another term of the same concept in the target language (a full form of an acronym)."""

    term: str
    kind: str  #: TBX-Basic termType: "fullForm", "acronym", "abbreviation", ...


@dataclass
class GlossaryEntry:
    """One term, its translation ("" when none was found) and the evidence for it."""

    src: str
    tgt: str
    src_freq: int
    tgt_freq: int
    docs: int
    confidence: float  #: probability that term and translation are both right (0 without translation)
    termhood: float
    example_src: str = ""
    example_tgt: str = ""
    part_of_speech: str = "other"  #: noun, verb, adjective or other (TBX-Basic values)
    user: bool = False
    #: the evidence ``confidence`` was computed from, in the order of ``confidence.FEATURES``
    evidence: tuple[float, ...] = ()
    #: the translation found when it is less likely than ``confidence.MIN_CONFIDENCE`` (not
    #: listed; kept so that the confidence model can be fitted on it)
    unsure: str = ""
    tgt_type: str = ""  #: TBX-Basic termType of ``tgt`` when it has variants ("acronym")
    variants: tuple[Variant, ...] = ()  #: other target terms of the concept (its full form)

    @property
    def monolingual(self) -> bool:
        return not self.tgt


@dataclass
class Glossary:
    """The entries, best term first, and what the corpus held."""

    src_lang: str
    tgt_lang: str
    entries: list[GlossaryEntry]
    segments: int = 0
    bilingual_segments: int = 0
    documents: int = 0
