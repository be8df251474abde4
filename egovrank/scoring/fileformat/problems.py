"""Problems found in a criteria-set file, each with the place it was found."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CriteriaFileError", "FileRefused", "Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: where (file and line, or sheet, row and column), which node, what."""

    where: str
    message: str
    code: str | None = None
    field: str = ""

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
        super().__init__(f"{filename}: {len(problems)} problem(s), {self.outcome}:\n{lines}")


class CriteriaFileError(FileRefused):
    """A criteria-set file was refused. Nothing from it was loaded."""

    outcome = "nothing loaded"
