"""The deduction rule: the maximum less so many points per counted item, floored at 0."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ..answers import NA, Answer, Number
from ..explanation import Explanation, Renderer, Say, WordTable
from ..numbers import ZERO, exact_mul
from ..text import Text, gettext_noop
from .base import (
    Chance,
    Figure,
    InputKind,
    Rule,
    ScoredColumn,
    add_unusual,
    is_na,
    read_number,
    read_whole_number,
    to_decimal,
    whole_count,
)

__all__ = ["DeductionRule"]


_WORDS: WordTable = {
    "vi": {"rule": "{max} điểm, trừ {per} điểm cho mỗi {label}, thấp nhất 0"},
    "en": {"rule": "{max} points, minus {per} per {label}, at least 0"},
}


def _render(explanation: Explanation, say: Say) -> str:
    """``deduction`` (count, per item, points, max): ``15 − 2 × 5 → 5/15``."""
    _, count, per_item, points, maximum = explanation
    n = say.number
    return f"{n(maximum)} − {n(count)} × {n(per_item)} → {say.got(points, maximum)}"


@dataclass(frozen=True, slots=True)
class DeductionRule(Rule):
    """Start from the maximum and deduct ``per_item`` for each counted item, floored at 0."""

    label: str = ""
    per_item: Decimal = ZERO
    kind: ClassVar[str] = "deduction"
    title: ClassVar[str] = gettext_noop("deductions from the maximum")
    parameters: ClassVar[tuple[str, ...]] = ("label", "per_item")
    renders: ClassVar[Mapping[str, Renderer]] = {"deduction": _render}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> DeductionRule:
        return cls(label=str(data.get("label", "")), per_item=to_decimal(data["per_item"]))

    def in_words(self, max_points: Decimal, say: Say) -> str:
        return say.words(_WORDS)["rule"].format(
            max=say.number(max_points),
            per=say.number(self.per_item),
            label=self.label or say.shared("item"),
        )

    @property
    def input_kind(self) -> InputKind:
        return "number"

    def read_text(self, code: str, text: str, max_points: Decimal) -> Answer:
        return Number(read_whole_number(text))

    def plausible_entry(self, chance: Chance, quality: float, max_points: Decimal) -> str:
        return str(max(0, round(chance.gauss((1 - quality) * 3, 1))))

    def parse(self, code: str, text: str) -> Answer:
        if is_na(text):
            return NA
        return Number(read_number(code, text, "count"))

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        per_item = self.per_item
        for answer in answers:
            if (
                type(answer) is Number
                and answer.value >= ZERO
                and answer.value == answer.value.to_integral_value()
            ):
                count = answer.value
            elif type(answer) is Number:
                count = whole_count(code, self, answer)  # raises the right message
            else:
                add_unusual(points, why, code, self, answer, max_points, allow_na)
                continue
            left = max_points - exact_mul(count, per_item)
            pts = left if left > ZERO else ZERO
            add_points(pts)
            add_why(("deduction", count, per_item, pts, max_points))
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "per_item": self.per_item}
        if self.label:
            data["label"] = self.label
        return data

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        if self.per_item <= 0:
            return [("per_item", Text(gettext_noop("must be greater than 0")))]
        return []
