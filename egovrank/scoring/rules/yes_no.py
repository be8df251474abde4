"""The yes/no rule: yes gives the maximum (or set points), no gives 0 (or set points)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ..answers import NA, Answer, AnswerError, YesNo
from ..explanation import Explanation, Renderer, Say, WordTable
from ..numbers import ZERO
from ..text import Text, gettext_noop
from .base import (
    Chance,
    Figure,
    InputKind,
    Rule,
    ScoredColumn,
    add_unusual,
    is_na,
    to_decimal,
)

__all__ = ["YesNoRule"]


_YES = {"yes", "y", "có", "co", "true", "1", "x", "đạt", "dat"}
_NO = {"no", "n", "không", "khong", "false", "0", "chưa", "chua", "không đạt"}


_WORDS: WordTable = {"vi": {"yes": "Có", "no": "Không"}, "en": {"yes": "Yes", "no": "No"}}


def _render(explanation: Explanation, say: Say) -> str:
    """``yes_no`` (answer, points, max): ``Có → 10/10``."""
    _, answer, points, maximum = explanation
    words = say.words(_WORDS)
    return f"{words['yes'] if answer else words['no']} → {say.got(points, maximum)}"


@dataclass(frozen=True, slots=True)
class YesNoRule(Rule):
    """Yes gives ``yes_points`` (the maximum by default), no gives ``no_points`` (0)."""

    yes_points: Decimal | None = None
    no_points: Decimal = ZERO
    kind: ClassVar[str] = "yes_no"
    title: ClassVar[str] = gettext_noop("yes / no")
    parameters: ClassVar[tuple[str, ...]] = ("yes_points", "no_points")
    renders: ClassVar[Mapping[str, Renderer]] = {"yes_no": _render}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> YesNoRule:
        yes = data.get("yes_points")
        return cls(
            yes_points=None if yes is None else to_decimal(yes),
            no_points=to_decimal(data.get("no_points", 0)),
        )

    def in_words(self, max_points: Decimal, say: Say) -> str:
        words = say.words(_WORDS)
        yes = max_points if self.yes_points is None else self.yes_points
        return f"{words['yes']}: {say.points(yes)}; {words['no']}: {say.points(self.no_points)}"

    @property
    def input_kind(self) -> InputKind:
        return "yes_no"

    def read_text(self, code: str, text: str, max_points: Decimal) -> Answer:
        return self.parse(code, text)

    def plausible_entry(self, chance: Chance, quality: float, max_points: Decimal) -> str:
        return "yes" if chance.random() < 0.25 + 0.7 * quality else "no"

    def weaker_entry(self, entry: str) -> str | None:
        return "no" if entry == "yes" else None

    def parse(self, code: str, text: str) -> Answer:
        value = text.strip().lower()
        if value in _YES:
            return YesNo(True)
        if value in _NO:
            return YesNo(False)
        if is_na(value):
            return NA
        raise AnswerError(code, Text(gettext_noop("expected yes or no, got '%(text)s'"), text=text))

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        yes = max_points if self.yes_points is None else self.yes_points
        # Every yes (and every no) scores alike: share one result tuple.
        yes_why: Explanation = ("yes_no", True, yes, max_points)
        no_why: Explanation = ("yes_no", False, self.no_points, max_points)
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        for answer in answers:
            if type(answer) is YesNo:
                if answer.value:
                    add_points(yes)
                    add_why(yes_why)
                else:
                    add_points(self.no_points)
                    add_why(no_why)
            else:
                add_unusual(points, why, code, self, answer, max_points, allow_na)
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind}
        if self.yes_points is not None:
            data["yes_points"] = self.yes_points
        if self.no_points:
            data["no_points"] = self.no_points
        return data

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if self.yes_points is not None and not ZERO <= self.yes_points <= max_points:
            problems.append(
                ("yes_points", Text(gettext_noop("must be between 0 and the criterion's maximum")))
            )
        if not ZERO <= self.no_points <= max_points:
            problems.append(
                ("no_points", Text(gettext_noop("must be between 0 and the criterion's maximum")))
            )
        return problems
