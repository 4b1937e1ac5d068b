"""Plain data passed between stages, so each stage can be tested and benchmarked alone."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Document:
    """A decoded input file: its paragraphs, in order, whitespace-normalised."""

    path: str
    lang: str
    encoding: str
    paragraphs: list[str]

    @property
    def name(self) -> str:
        """The file name without folders, as written into TMX props."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass
class Sentences:
    """A document cut into sentences; ``paragraph[i]`` is the paragraph of sentence i.

    ``spacing[i]`` is the text between sentence i - 1 and sentence i when both are
    in one paragraph (usually a space or nothing), so a run of sentences can be
    written back exactly as the document has it; empty when unknown.
    """

    lang: str
    texts: list[str]
    paragraph: list[int]
    name: str = ""
    spacing: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.texts)


@dataclass(frozen=True)
class Bead:
    """Aligned groups of consecutive sentences (0-based indices); one side may be empty."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """Bead type as translators and papers write it, e.g. ``2-1`` or ``1-0``."""
        return f"{len(self.src)}-{len(self.tgt)}"

    @property
    def is_pair(self) -> bool:
        """True when both sides are non-empty, i.e. the bead can become a TU."""
        return bool(self.src) and bool(self.tgt)


@dataclass
class Alignment:
    """The result of aligning two documents, with what a summary needs."""

    src: Sentences
    tgt: Sentences
    beads: list[Bead]
    seconds: dict[str, float] = field(default_factory=dict)
    encoder_calls: int = 0
    signature: str = ""  #: version, encoder and non-default settings that made it (align.signature)

    def summary(self, written: int, seconds: float, coverage: str) -> str:
        """The line ``align pair`` ends with: sentences, beads by type, TUs ``written``, mean
        confidence, the ``seconds`` it took and where they went, texts encoded, and how much
        of each side the other covers (``align.verdict.Verdict.coverage_line``)."""
        kinds = Counter(b.kind for b in self.beads)
        pairs = [b.confidence for b in self.beads if b.is_pair]
        mean = sum(pairs) / len(pairs) if pairs else 0.0
        order = sorted(kinds, key=lambda k: (-kinds[k], k))
        return (
            f"{len(self.src)} {self.src.lang} / {len(self.tgt)} {self.tgt.lang} sentences; "
            f"beads {', '.join(f'{k}: {kinds[k]}' for k in order)}; "
            f"{written} TUs written; mean confidence {mean:.3f}; {seconds:.1f} s "
            f"({', '.join(f'{k} {v:.1f}' for k, v in self.seconds.items())}); "
            f"{self.encoder_calls} texts encoded; {coverage}"
        )
