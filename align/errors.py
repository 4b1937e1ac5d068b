"""Exceptions the library raises for problems the user can fix.

Each is worded as what to do about it, without naming command-line flags: the
``setting`` a class names is the option that would change the outcome, and the
CLI maps it to its own flag (``max_bytes`` → ``--max-size``).
"""

from __future__ import annotations


class AlignError(Exception):
    """A problem with the user's input or options; the CLI prints it as one line."""

    #: The option (a field of PairOptions or GlossaryOptions) that would help, if any.
    setting: str | None = None

    def __init__(self, message: str, value: object = None) -> None:
        super().__init__(message)
        #: A value of ``setting`` that would get past this error (e.g. the size in MB needed).
        self.value = value


class InputError(AlignError):
    """A file that cannot be read as the command expects: missing, binary, empty, malformed."""


class TooLargeError(InputError):
    """An input over the size limit: the limit can be raised."""

    setting = "max_bytes"


class LanguageError(AlignError):
    """Texts not in the languages the command expects (two files in one language, say)."""

    setting = "languages"


class NotATranslationError(AlignError):
    """Two documents that do not look like translations of each other: too little aligns."""

    setting = "force"


class OutputError(AlignError):
    """An output path that cannot be written."""
