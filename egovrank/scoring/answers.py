"""What a unit enters for a criterion, as typed values.

Each rule kind accepts some of these; ``Rule.parse`` reads them from the text form used
in CSV files (``yes``, ``45/50``, ``7,5``, ``B``, ``na``) and ``Rule.read_entry`` from
what people enter on a form.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

__all__ = [
    "NA",
    "Answer",
    "ENTRY_PROBLEMS",
    "AnswerError",
    "Choice",
    "EntryProblem",
    "EntryProblemCode",
    "NotApplicable",
    "Number",
    "Points",
    "Ratio",
    "SharedFigureConflict",
    "Text",
    "YesNo",
]


class AnswerError(ValueError):
    """An answer that the criterion's rule cannot accept. The message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


# What can be wrong with a form entry before the rule scores it. Parameters: ``what``
# (``first_figure``, ``second_figure`` or ``figure``) for the figure at fault, ``max``
# (digits) for a figure too long, ``maximum`` and ``step`` (Decimals) for manual
# points; ``numerator``, ``figure`` (its code), ``shared`` (its value) and ``others``
# (the other criteria using it, joined with ", ") for a numerator above its shared
# denominator.
EntryProblemCode = Literal[
    "cannot_be_not_applicable",
    "both_figures",
    "not_a_number",
    "too_many_digits",
    "negative",
    "zero_denominator",
    "whole_number",
    "points_above_maximum",
    "points_off_step",
    "unknown_option",
    "above_shared_figure",
]
ENTRY_PROBLEMS: tuple[EntryProblemCode, ...] = get_args(EntryProblemCode)


class EntryProblem(ValueError):
    """A form entry the criterion's rule cannot read, as a problem code and its
    parameters rather than words: the interface that shows the form words it in the
    person's language (``assessments/entry_problems.py``), so the core holds no
    translations. The text of the exception is for programmers."""

    def __init__(self, problem: EntryProblemCode, **params: object) -> None:
        details = ", ".join(f"{key}={value}" for key, value in params.items())
        super().__init__(f"{problem} ({details})" if details else problem)
        self.problem = problem
        self.params = params


class SharedFigureConflict(AnswerError):
    """A numerator above its shared denominator. ``problem`` says it for forms, which
    word it in the person's language."""

    def __init__(self, code: str, message: str, problem: EntryProblem) -> None:
        super().__init__(code, message)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class YesNo:
    """A yes/no answer."""

    value: bool


@dataclass(frozen=True, slots=True)
class Points:
    """Points entered by hand."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class Ratio:
    """Two entered figures, e.g. services offered online / all services."""

    numerator: Decimal
    denominator: Decimal


@dataclass(frozen=True, slots=True)
class Number:
    """One entered figure: a count, a number of violations, a measured quantity."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class Choice:
    """The code of the option that applies."""

    code: str


@dataclass(frozen=True, slots=True)
class Text:
    """Free information that carries no points."""

    value: str


@dataclass(frozen=True, slots=True)
class NotApplicable:
    """The criterion does not apply to this unit; its maximum leaves the unit's maximum."""


NA = NotApplicable()

Answer = YesNo | Points | Ratio | Number | Choice | Text | NotApplicable
