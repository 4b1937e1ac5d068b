"""The output formats of every command, in one table: name, extensions, writer, options.

Each writer module registers its formats; commands look a format up by the name
the user gave or by the output file's extension, and pass their options through
``write``, which hands each writer only the options it takes.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass

from align.errors import AlignError


@dataclass(frozen=True)
class OutputFormat:
    """One way to write a result (an Alignment, a Glossary) to bytes."""

    name: str  #: what ``--format`` takes
    kind: str  #: what it writes: "alignment" or "glossary"
    extensions: tuple[str, ...]  #: file name endings that select it, lower case, with the dot
    writer: Callable[..., bytes]  #: ``writer(result, **options) -> bytes``
    summary: str  #: one line for help texts

    def accepts(self, option: str) -> bool:
        """Whether the writer takes ``option`` (e.g. only TMX takes ``cat_segments``)."""
        return option in inspect.signature(self.writer).parameters

    def write(self, result: object, **options: object) -> bytes:
        """The result as bytes; options the writer does not take are ignored."""
        return self.writer(result, **{k: v for k, v in options.items() if self.accepts(k)})


_FORMATS: dict[str, dict[str, OutputFormat]] = {}
_DEFAULTS: dict[str, str] = {}


def register(fmt: OutputFormat, default: bool = False) -> OutputFormat:
    """Add a format; ``default`` makes it the one used when nothing else says."""
    _FORMATS.setdefault(fmt.kind, {})[fmt.name] = fmt
    if default:
        _DEFAULTS[fmt.kind] = fmt.name
    return fmt


def names(kind: str) -> list[str]:
    """The format names of one kind, in registration order."""
    return list(_FORMATS.get(kind, {}))


def format_for(kind: str, path: str | os.PathLike[str] | None, explicit: str | None = None
               ) -> OutputFormat:
    """The format named ``explicit``, else the one ``path``'s extension selects, else the default."""
    table = _FORMATS[kind]
    if explicit:
        if explicit.lower() not in table:
            raise AlignError(f"unknown {kind} format {explicit!r}; use one of {', '.join(table)}")
        return table[explicit.lower()]
    if path is not None and str(path) != "-":
        ext = os.path.splitext(str(path))[1].lower()
        for fmt in table.values():
            if ext in fmt.extensions:
                return fmt
    return table[_DEFAULTS[kind]]
