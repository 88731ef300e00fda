"""Problems with a place: what every bad rule file, answers file or flag is turned into.

A :class:`Problem` names the file, line and column where there is one, so that a clinician editing YAML can go
straight to the spot. Errors carry every problem found, not only the first, so one run shows all there is to
fix.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

#: A message longer than this is cut (it would only be echoing a huge value from a file).
MAX_MESSAGE = 1000

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, order=True)
class Problem:
    """One located finding. ``line`` and ``column`` are 1-based; 0 means unknown."""

    file: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        from .safe import shorten, visible

        where = visible(self.file, one_line=True) or "<input>"
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.severity}: {visible(shorten(self.message, MAX_MESSAGE), one_line=True)}"


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """The problems as an editor shows them: by file, line and column, those with no place last."""
    return sorted(problems, key=lambda p: (p.file, p.line == 0, p.line, p.column))


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the user would type it: relative to the working folder when it is inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return str(path)


#: The most problems an error carries, each placed and worded; the rest are counted in one more line. A real
#: file has a handful; a generated one can have hundreds of thousands, which no one reads.
MAX_PROBLEMS = 100

_HINTS: ContextVar[list[int] | None] = ContextVar("consultaid_hints", default=None)


@contextmanager
def few_hints(limit: int = MAX_PROBLEMS) -> Iterator[None]:
    """Inside it, :func:`did_you_mean` suggests a word for the first ``limit`` calls only.

    Each suggestion compares the word with every choice (about a millisecond): for a file with 50,000 unknown
    ids that was most of a minute spent wording problems past the ones shown. The limit holds for this
    thread or task only, so one file's problems never take suggestions away from another's.
    """
    token = _HINTS.set([limit])
    try:
        yield
    finally:
        _HINTS.reset(token)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for a likely misspelling, else an empty string."""
    if len(str(word)) > 100:  # no id is that long, and comparing a huge text would take long
        return ""
    left = _HINTS.get()
    if left is not None:
        if left[0] <= 0:
            return ""
        left[0] -= 1
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class ConsultAidError(Exception):
    """Base for errors the user can fix; the command line prints the problems and exits with status 2."""

    problems: list[Problem] = field(default_factory=list)
    summary: str = "there are problems"

    def __post_init__(self) -> None:
        super().__init__(self.summary)
        self.count = len(self.problems)
        """How many problems were found (the list holds the first :data:`MAX_PROBLEMS` and a line for the
        rest)."""
        if len(self.problems) > MAX_PROBLEMS:
            rest = self.problems[MAX_PROBLEMS:]
            more = Problem(rest[0].file, 0, 0, f"and {len(rest)} more problems, not listed")
            self.problems = [*self.problems[:MAX_PROBLEMS], more]

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems) or self.summary


class RulebookError(ConsultAidError):
    """The rulebook cannot be loaded: every problem found, each with its place."""


class AnswersError(ConsultAidError):
    """An answers document does not fit the rulebook."""
