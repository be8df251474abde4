"""The manual rule: points entered by hand, from 0 to the maximum, in steps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ..answers import NA, Answer, AnswerError, EntryProblem, Points
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
    read_figure,
    read_number,
    to_decimal,
)

__all__ = ["ManualRule"]


_WORDS: WordTable = {
    "vi": {"entered": "Nhập", "rule": "Nhập điểm từ 0 đến {max}, bước {step}"},
    "en": {"entered": "Entered", "rule": "Points entered from 0 to {max}, in steps of {step}"},
}


def _render(explanation: Explanation, say: Say) -> str:
    """``manual`` (points, max): ``Nhập 7,5 điểm → 7,5/10``."""
    _, points, maximum = explanation
    return f"{say.words(_WORDS)['entered']} {say.points(points)} → {say.got(points, maximum)}"


@dataclass(frozen=True, slots=True)
class ManualRule(Rule):
    """Points entered by hand, from 0 to the maximum, in multiples of ``step``."""

    step: Decimal = Decimal("0.01")
    kind: ClassVar[str] = "manual"
    title: ClassVar[str] = gettext_noop("points entered by hand")
    parameters: ClassVar[tuple[str, ...]] = ("step",)
    renders: ClassVar[Mapping[str, Renderer]] = {"manual": _render}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ManualRule:
        return cls(step=to_decimal(data.get("step", "0.01")))

    def in_words(self, max_points: Decimal, say: Say) -> str:
        return say.words(_WORDS)["rule"].format(
            max=say.number(max_points), step=say.number(self.step)
        )

    @property
    def input_kind(self) -> InputKind:
        return "number"

    def read_text(self, code: str, text: str, max_points: Decimal) -> Answer:
        points = read_figure(text, "figure")
        if points > max_points:
            raise EntryProblem("points_above_maximum", maximum=max_points)
        if points % self.step:
            raise EntryProblem("points_off_step", step=self.step)
        return Points(points)

    def plausible_entry(self, chance: Chance, quality: float, max_points: Decimal) -> str:
        steps = int(max_points / self.step)
        chosen = min(steps, max(0, round(chance.gauss(quality, 0.15) * steps)))
        return str(self.step * chosen).replace(".", ",")

    def parse(self, code: str, text: str) -> Answer:
        if is_na(text):
            return NA
        return Points(read_number(code, text, "points"))

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
        step = self.step
        for answer in answers:
            if type(answer) is not Points:
                add_unusual(points, why, code, self, answer, max_points, allow_na)
                continue
            pts = answer.value
            if not ZERO <= pts <= max_points:
                raise AnswerError(
                    code,
                    Text(
                        gettext_noop("points must be between 0 and %(maximum)s"),
                        maximum=max_points,
                    ),
                )
            if pts % step != 0:
                raise AnswerError(
                    code, Text(gettext_noop("points must be a multiple of %(step)s"), step=step)
                )
            add_points(pts)
            add_why(("manual", pts, max_points))
        return points, why

    def describe(self) -> dict[str, object]:
        return {"kind": self.kind, "step": self.step}

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        if self.step <= 0:
            return [("step", Text(gettext_noop("must be greater than 0")))]
        if max_points % self.step != 0:
            return [("step", Text(gettext_noop("the maximum must be a multiple of the step")))]
        return []
