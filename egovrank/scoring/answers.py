"""What a unit enters for a criterion, as typed values.

Each rule kind accepts some of these; ``Rule.parse`` reads them from the text form used
in CSV files and forms (``yes``, ``45/50``, ``7,5``, ``B``, ``na``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "NA",
    "Answer",
    "AnswerError",
    "Choice",
    "NotApplicable",
    "Number",
    "Points",
    "Ratio",
    "Text",
    "YesNo",
]


class AnswerError(ValueError):
    """An answer that the criterion's rule cannot accept. The message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


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
