"""The ratio rule: two entered figures, their ratio mapped to points proportionally or by bands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from ..answers import Answer, AnswerError, Ratio
from ..explanation import Explanation
from ..numbers import (
    DIVIDE_CONTEXT,
    HUNDRED,
    TWO_PLACES,
    ZERO,
    exact_mul,
    quantize,
    truncate_divide,
)
from .base import (
    Band,
    Figure,
    Rule,
    Scored,
    ScoredColumn,
    add_unusual,
    checked_ratio,
    parse_ratio,
    validate_bands,
)

__all__ = ["RatioRule"]


@dataclass(frozen=True, slots=True)
class RatioRule(Rule):
    """A ratio of two entered figures, mapped to points.

    ``mode="proportional"``: points = numerator / denominator × maximum, rounded half up
    to two places; a ratio above 1 counts as 1.
    ``mode="bands"``: the highest band whose percentage the exact ratio reaches gives the
    points (band thresholds are percentages).
    ``zero_denominator`` says what a zero denominator means: ``error`` (refused),
    ``zero`` (0 points), ``full`` (the maximum) or ``not_applicable``.
    """

    numerator_label: str = ""
    denominator_label: str = ""
    mode: str = "proportional"
    bands: tuple[Band, ...] = ()
    zero_denominator: str = "error"
    kind: ClassVar[str] = "ratio"

    def parse(self, code: str, text: str) -> Answer:
        return parse_ratio(code, text)

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
        proportional = self.mode == "proportional"
        bands = self.bands
        for answer in answers:
            if type(answer) is Ratio and answer.numerator >= ZERO and answer.denominator > ZERO:
                num, den = answer.numerator, answer.denominator  # the common, valid case
            elif type(answer) is Ratio:
                num, den = checked_ratio(code, self, answer)  # raises the right message
            else:
                add_unusual(points, why, code, self, answer, max_points, allow_na)
                continue
            if not den:
                zero_points, zero_why = self._zero_denominator(code, num, den, max_points)
                add_points(zero_points)
                add_why(zero_why)
            elif proportional:
                if num > den:
                    add_points(max_points)
                    add_why(("ratio_proportional", num, den, True, max_points, max_points))
                else:
                    # divide_half_up, as two C calls (operands checked above)
                    pts = quantize(
                        truncate_divide(exact_mul(num, max_points), den),
                        TWO_PLACES,
                        ROUND_HALF_UP,
                        DIVIDE_CONTEXT,
                    )
                    add_points(pts)
                    add_why(("ratio_proportional", num, den, False, pts, max_points))
            else:
                # ratio >= t% exactly  <=>  100 * num >= t * den; the highest band reached wins.
                scaled = exact_mul(num, HUNDRED)
                chosen = None
                for band in bands:
                    if scaled >= exact_mul(band.at_least, den):
                        chosen = band
                if chosen is None:
                    add_points(ZERO)
                    add_why(("ratio_band", num, den, None, ZERO, max_points))
                else:
                    add_points(chosen.points)
                    add_why(("ratio_band", num, den, chosen.at_least, chosen.points, max_points))
        return points, why

    @property
    def answers_can_mean_not_applicable(self) -> bool:
        return self.zero_denominator == "not_applicable"

    def _zero_denominator(
        self, code: str, num: Decimal, den: Decimal, max_points: Decimal
    ) -> Scored:
        if self.zero_denominator == "error":
            raise AnswerError(code, "the denominator must not be 0")
        if self.zero_denominator == "not_applicable":
            return None, ("not_applicable", max_points)
        pts = max_points if self.zero_denominator == "full" else ZERO
        return pts, ("ratio_zero_denominator", num, den, pts, max_points)

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "mode": self.mode}
        if self.numerator_label:
            data["numerator"] = self.numerator_label
        if self.denominator_label:
            data["denominator"] = self.denominator_label
        if self.mode == "bands":
            data["bands"] = [{"at_least": b.at_least, "points": b.points} for b in self.bands]
        if self.zero_denominator != "error":
            data["zero_denominator"] = self.zero_denominator
        return data

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        if self.mode == "bands":
            return validate_bands(self.bands, max_points, "a percentage")
        if self.bands:
            return [("bands", "bands are used only with mode: bands")]
        return []
