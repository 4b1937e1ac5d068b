"""The one exception type the CLI turns into a one-line message and exit code 2."""


class AlignError(Exception):
    """A problem with the user's input or options, worded as what to do about it."""
