"""The relative-to-best rule: a unit's figure against the block's highest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

from ..answers import NA, Answer, AnswerError, Number, Ratio
from ..explanation import Explanation, Renderer, Say, WordTable
from ..numbers import (
    DIVIDE_CONTEXT,
    HUNDRED,
    ZERO,
    divide_half_up,
    exact_mul,
    quantize,
    truncate_divide,
)
from ..text import Text, gettext_noop
from .base import (
    ONE,
    Chance,
    DividingRule,
    Figure,
    InputKind,
    ScoredColumn,
    add_unusual,
    best_of,
    checked_ratio,
    is_na,
    parse_ratio,
    plausible_ratio,
    read_figure,
    read_figures,
    read_number,
    wrong_type,
)

__all__ = ["RelativeRule"]


_WORDS: WordTable = {
    "vi": {
        "best": "cao nhất khối",
        "best_zero": "cả khối đều bằng 0",
        "rule": "Điểm = {label} của đơn vị / {label} cao nhất khối × {max}",
        "figure": "số liệu",
    },
    "en": {
        "best": "best in block",
        "best_zero": "the whole block is 0",
        "rule": "Points = the unit's {label} / the block's highest {label} × {max}",
        "figure": "figure",
    },
}


def _render(explanation: Explanation, say: Say) -> str:
    """``relative`` (num, den, best num, best den, as percent, points, max)."""
    _, num, den, best_num, best_den, as_percent, points, maximum = explanation
    words = say.words(_WORDS)
    scale = HUNDRED if as_percent else ONE
    unit = "%" if as_percent else ""
    figure = say.number(divide_half_up(exact_mul(num, scale), den)) + unit
    if best_num == 0:
        return f"{figure} ({words['best_zero']}) → {say.got(points, maximum)}"
    best = say.number(divide_half_up(exact_mul(best_num, scale), best_den)) + unit
    return (
        f"{figure} / {best} ({words['best']}) × {say.number(maximum)} → {say.got(points, maximum)}"
    )


@dataclass(frozen=True, slots=True)
class RelativeRule(DividingRule):
    """Points relative to the best unit of the block: figure / highest figure × maximum,
    rounded half up, as the ministry's method normalises by the best unit.

    The figure is one entered number (``input="figure"``) or the ratio of two
    (``input="ratio"``, e.g. bandwidth / staff), compared exactly. It needs every unit's
    figure, so a block is scored in two phases. If every figure is 0, all units get 0.
    """

    label: str = ""
    input: str = "figure"
    numerator_label: str = ""
    denominator_label: str = ""
    kind: ClassVar[str] = "relative_to_best"
    title: ClassVar[str] = gettext_noop("relative to the best unit of the block")
    parameters: ClassVar[tuple[str, ...]] = ("label", "input", "numerator", "denominator")
    needs_block: ClassVar[bool] = True
    renders: ClassVar[Mapping[str, Renderer]] = {"relative": _render}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> RelativeRule:
        return cls(
            label=str(data.get("label", "")),
            input=str(data.get("input", "figure")),
            numerator_label=str(data.get("numerator", "")),
            denominator_label=str(data.get("denominator", "")),
        )

    def in_words(self, max_points: Decimal, say: Say) -> str:
        label = self.label or say.words(_WORDS)["figure"]
        if self.input == "ratio":
            num = self.numerator_label or say.shared("numerator")
            den = self.denominator_label or say.shared("denominator")
            label = f"{num} / {den}"
        return say.words(_WORDS)["rule"].format(label=label, max=say.number(max_points))

    @property
    def input_kind(self) -> InputKind:
        return "ratio" if self.input == "ratio" else "number"

    def read_text(self, code: str, text: str, max_points: Decimal) -> Answer:
        if self.input == "ratio":
            return Ratio(*read_figures(text))
        return Number(read_figure(text, "figure"))

    @property
    def figure_labels(self) -> tuple[str, str]:
        return self.numerator_label, self.denominator_label

    def plausible_entry(self, chance: Chance, quality: float, max_points: Decimal) -> str:
        if self.input == "ratio":
            return plausible_ratio(chance, quality)
        return str(chance.randint(5, 50 + round(150 * quality)))

    def parse(self, code: str, text: str) -> Answer:
        if is_na(text):
            return NA
        if self.input == "ratio":
            return parse_ratio(code, text)
        return Number(read_number(code, text, "figure"))

    def figure(self, answer: Answer | None) -> Figure | None:
        if self.input == "ratio":
            if type(answer) is Ratio and answer.numerator >= ZERO and answer.denominator > ZERO:
                return (answer.numerator, answer.denominator)
            return None
        if type(answer) is Number and answer.value >= ZERO:
            return (answer.value, ONE)
        return None

    def best_figure(self, answers: Sequence[Answer | None]) -> Figure:
        """The highest figure among ``answers``, ignoring answers the rule refuses."""
        if self.input == "figure":
            values = [a.value for a in answers if type(a) is Number and a.value >= ZERO]
            return (max(values), ONE) if values else (ZERO, ONE)
        found = [self.figure(answer) for answer in answers]
        return best_of([f for f in found if f is not None])

    def _checked_figure(self, code: str, answer: Answer) -> Figure:
        if self.input == "ratio":
            num, den = checked_ratio(code, self, answer)
            if den == 0:
                raise AnswerError(code, Text(gettext_noop("the denominator must not be 0")))
            return num, den
        if type(answer) is not Number:
            raise wrong_type(code, self, answer)
        if answer.value < 0:
            raise AnswerError(
                code,
                Text(
                    gettext_noop("the figure must not be negative (got %(value)s)"),
                    value=answer.value,
                ),
            )
        return answer.value, ONE

    def _score(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None,
        allow_na: bool,
        places: Decimal | None,
        mode: str,
    ) -> ScoredColumn:
        if best is None:
            raise ValueError(f"{code}: relative_to_best needs the best figure of the block")
        best_num, best_den = best
        # (num/den) / (best_num/best_den) × max = num × best_den × max / (den × best_num)
        scale = exact_mul(best_den, max_points)
        as_percent = self.input == "ratio"
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        for answer in answers:
            checked = self.figure(answer)
            if checked is None:
                if answer is None or answer is NA:
                    add_unusual(points, why, code, self, answer, max_points, allow_na)
                    continue
                checked = self._checked_figure(code, answer)  # raises the right message
            num, den = checked
            if not best_num:
                pts = ZERO
            else:
                # divide_half_up, as two C calls (figures checked above)
                pts = truncate_divide(exact_mul(num, scale), exact_mul(den, best_num))
                if places is not None:
                    pts = quantize(pts, places, mode, DIVIDE_CONTEXT)
                if pts > max_points:  # only with a stale best: the block's own is the highest
                    pts = max_points
            add_points(pts)
            add_why(("relative", num, den, best_num, best_den, as_percent, pts, max_points))
        return points, why

    def exact_points(self, explanation: Explanation) -> Fraction | None:
        if explanation[0] != "relative" or not explanation[3]:
            return None
        _, num, den, best_num, best_den, _, _, maximum = explanation
        exact = Fraction(num) * Fraction(best_den) * Fraction(maximum)
        exact /= Fraction(den) * Fraction(best_num)
        return min(exact, Fraction(maximum))

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind}
        if self.label:
            data["label"] = self.label
        if self.input != "figure":
            data["input"] = self.input
        if self.numerator_label:
            data["numerator"] = self.numerator_label
        if self.denominator_label:
            data["denominator"] = self.denominator_label
        return data
