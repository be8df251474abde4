"""The info rule: information collected with the form, carrying no points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ..answers import Answer, Number, Text
from ..explanation import Explanation
from ..numbers import ZERO
from .base import Figure, Rule, ScoredColumn, read_number, wrong_type

__all__ = ["InfoRule"]


@dataclass(frozen=True, slots=True)
class InfoRule(Rule):
    """Information collected with the form that carries no points."""

    label: str = ""
    value_type: str = "text"
    kind: ClassVar[str] = "info"
    carries_points: ClassVar[bool] = False

    def parse(self, code: str, text: str) -> Answer:
        if self.value_type == "number":
            return Number(read_number(code, text, "value"))
        return Text(text.strip())

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        expected = Number if self.value_type == "number" else Text
        nothing: Explanation = ("info", "")
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        for answer in answers:
            if answer is None:
                add_points(ZERO)
                add_why(nothing)
                continue
            if type(answer) is not expected:
                raise wrong_type(code, self, answer)
            value = answer.value if isinstance(answer, Number | Text) else ""
            add_points(ZERO)
            add_why(("info", value))
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "value_type": self.value_type}
        if self.label:
            data["label"] = self.label
        return data
