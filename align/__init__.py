"""align: Chinese–English translation alignment.

Stages, one module each: ``reader`` (bytes → paragraphs, language), ``segment``
(paragraph → sentences), ``encoders`` (sentences → vectors), ``aligner``
(vectors → beads), ``evaluate`` (beads vs gold); ``pipeline`` chains them.
Exchange formats (TMX, TSV, JSONL, beads) live in the ``tmx`` package.
"""

__version__ = "0.1.0"
