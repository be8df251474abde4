"""Problems found in a file people sent, each with the place it was found.

One shape for every file: criteria sets, answers, figures and unit lists. The place is
kept in words (``where``, as people read it) and, for tables, also as ``row`` and
``column`` for programs (the API's error pointers, sorting by row).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = ["CriteriaFileError", "FileRefused", "Problem", "Text", "gettext_noop", "shown"]


def gettext_noop(template: str) -> str:
    """Marks a message template for the app's catalogue (``makemessages`` finds it by this
    name); the core itself translates nothing and stays free of Django."""
    return template


class Text(str):
    """A message in English, as the command line and the logs read it, that keeps its
    template and parameters so that an interface can say it in its reader's language:
    ``gettext(text.template) % text.params`` (numbers formatted its way). Being a str,
    it goes wherever a message went."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Text:
        text = super().__new__(cls, template % params if params else template)
        text.template = template
        text.params = params
        return text

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (the cache, the worker processes) with its template, not as a bare str.
        return (_text, (self.template, self.params))


def _text(template: str, params: dict[str, object]) -> Text:
    return Text(template, **params)


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


def shown(problems: list[Problem], limit: int = 20, length: int = 200) -> list[Problem]:
    """The first ``limit`` problems, each message cut at ``length`` characters: what a
    page shows, so that a hostile file cannot make it echo megabytes."""
    return [
        replace(p, message=p.message if len(p.message) <= length else p.message[:length] + "…")
        for p in problems[:limit]
    ]
