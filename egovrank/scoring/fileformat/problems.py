"""Problems found in a file people sent, each with the place it was found.

One shape for every file: criteria sets, answers, figures and unit lists. The place is
kept in words (``where``, as people read it) and, for tables, also as ``row`` and
``column`` for programs (the API's error pointers, sorting by row).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..text import Text, gettext_noop

__all__ = [
    "CriteriaFileError",
    "FileRefused",
    "Problem",
    "Text",
    "at_line",
    "at_row",
    "gettext_noop",
    "shown",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: where (file and line, or sheet, row and column), which node, what."""

    where: str
    message: str
    code: str | None = None
    field: str = ""
    row: int | None = None  # None: the file as a whole, or a place that is not a table row
    column: str = ""  # "" when no single column is at fault

    def __str__(self) -> str:
        node = f" [{self.code}]" if self.code else ""
        field = f" {self.field}:" if self.field else ""
        return f"{self.where}:{node}{field} {self.message}"


class FileRefused(ValueError):
    """A file was refused whole; ``problems`` lists every problem with its place."""

    outcome = "nothing used"

    def __init__(self, filename: str, problems: list[Problem]) -> None:
        self.filename = filename
        self.problems = problems
        lines = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{self.heading()}\n{lines}")

    def heading(self) -> str:
        """The first line of the message; interfaces that speak Vietnamese override it."""
        return f"{self.filename}: {len(self.problems)} problem(s), {self.outcome}:"


class CriteriaFileError(FileRefused):
    """A criteria-set file was refused. Nothing from it was loaded."""

    outcome = "nothing loaded"


def at_line(filename: str, line: int) -> Text:
    """A line of a text file, as a place people read in their language."""
    return Text(gettext_noop("%(file)s, line %(line)s"), file=filename, line=line)


def at_row(filename: str, row: int, column: str = "") -> Text:
    """A row (and column) of a table file."""
    if column:
        template = gettext_noop("%(file)s, row %(row)s, column %(column)s")
        return Text(template, file=filename, row=row, column=column)
    return Text(gettext_noop("%(file)s, row %(row)s"), file=filename, row=row)


def shown(problems: list[Problem], limit: int = 20, length: int = 200) -> list[Problem]:
    """The first ``limit`` problems, each message cut at ``length`` characters: what a
    page shows, so that a hostile file cannot make it echo megabytes."""
    return [replace(p, message=_cut(p.message, length)) for p in problems[:limit]]


def _cut(message: str, length: int) -> str:
    """``message`` at most about ``length`` characters; a ``Text`` keeps its template
    (so that it can still be said in the reader's language) and cuts its long words."""
    if isinstance(message, Text):
        params = {
            name: value[:length] + "…" if isinstance(value, str) and len(value) > length else value
            for name, value in message.params.items()
        }
        return Text(message.template, **params)
    return message if len(message) <= length else message[:length] + "…"
