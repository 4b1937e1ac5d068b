"""A glossary of the recurring terms of a corpus and, when it is aligned, their translations.

The stages, one module each: ``candidates`` (terms of one segment), ``counting`` (the
corpus read once, fragments mended), ``termhood`` (C-value against general language),
``wordalign`` and ``cooccurrence`` (where translations come from), ``linking`` (choosing
them), ``confidence`` (how sure), ``entries`` (the glossary). ``sources`` turns what a
user names (document pairs, folders, one-language documents) into segments.
"""

from align.terms.candidates import is_furniture_term, key
from align.terms.entries import build_glossary
from align.terms.evidence import dictionary_support, transliteration
from align.terms.model import (
    SUPPORTED,
    Glossary,
    GlossaryEntry,
    GlossaryOptions,
    NoSourceTextError,
    Segment,
    UnsupportedLanguageError,
    UserEntry,
    Variant,
)

__all__ = [
    "SUPPORTED",
    "Glossary",
    "GlossaryEntry",
    "GlossaryOptions",
    "NoSourceTextError",
    "Segment",
    "UnsupportedLanguageError",
    "UserEntry",
    "Variant",
    "build_glossary",
    "dictionary_support",
    "is_furniture_term",
    "key",
    "transliteration",
]
