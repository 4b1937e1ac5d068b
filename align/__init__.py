"""align: Chinese–English translation alignment, as a library.

Stages, one module each: ``reader`` (bytes → paragraphs, language), ``segment``
(paragraph → sentences), ``encoders`` (sentences → vectors), ``aligner``
(vectors → beads), ``confidence`` of each bead, ``units`` (beads → translation
units), ``evaluate`` (beads vs gold); ``pipeline`` chains them, ``docpair``
finds which documents translate each other, ``terms`` builds glossaries. Files
(TMX, TBX, TSV, JSONL, HTML) are read and written by the ``tmx`` package,
which depends on this one and never the other way round.

The names below are the public API; see the README section "Python API".
"""

__version__ = "0.1.0"

from align.aligner import AlignConfig
from align.api import align_sentences, align_texts
from align.docpair import Pairing, PairingConfig, pair_documents
from align.encoders import DEFAULT_ENCODER, CachedEncoder, Encoder, load_encoder
from align.errors import AlignError, InputError, LanguageError, OutputError, TooLargeError
from align.evaluate import Scores, score
from align.pipeline import PairOptions, align_documents, read_pair
from align.reader import read_document
from align.terms import Glossary, GlossaryEntry, GlossaryOptions, Segment, build_glossary
from align.types import Alignment, Bead, Document, Sentences
from align.units import Unit, units

__all__ = [
    "DEFAULT_ENCODER",
    "AlignConfig",
    "AlignError",
    "Alignment",
    "Bead",
    "CachedEncoder",
    "Document",
    "Encoder",
    "Glossary",
    "GlossaryEntry",
    "GlossaryOptions",
    "InputError",
    "LanguageError",
    "OutputError",
    "PairOptions",
    "Pairing",
    "PairingConfig",
    "Scores",
    "Segment",
    "Sentences",
    "TooLargeError",
    "Unit",
    "__version__",
    "align_documents",
    "align_sentences",
    "align_texts",
    "build_glossary",
    "load_encoder",
    "pair_documents",
    "read_document",
    "read_pair",
    "score",
    "units",
]
