"""Errors a user can cause, and the exit codes the CLI maps them to.

Exit codes (README "Exit codes"): 0 ok, 2 bad usage, 3 nothing could be built,
4 partial success (some inputs rejected, the rest written).
"""
from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_NOTHING_BUILT = 3
EXIT_PARTIAL = 4


class GraphbuildError(Exception):
    """Base class of the errors graphbuild reports as one line."""


class UsageError(GraphbuildError):
    """The command line or an option is wrong."""


class InputError(GraphbuildError):
    """An input file (or one line of it) cannot be used.

    Args:
        path: the file.
        reason: what is wrong, in a few words.
        line: the line number inside a ``.jsonl`` file, when the problem is one line.
    """

    def __init__(self, path: Path | str, reason: str, line: int | None = None):
        self.path = Path(path)
        self.reason = reason
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"
        return f"{where}: {self.reason}"


class LexiconError(GraphbuildError):
    """A lexicon or gazetteer data file is malformed (``path:line: problem``)."""
