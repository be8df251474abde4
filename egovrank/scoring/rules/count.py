"""The count rule: a count mapped to points by bands or per item, capped at the maximum."""

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
    Band,
    Chance,
    Figure,
    InputKind,
    Rule,
    ScoredColumn,
    add_unusual,
    bands_from,
    bands_in_words,
    is_na,
    read_number,
    read_whole_number,
    to_decimal,
    validate_bands,
    whole_count,
)

__all__ = ["CountRule"]


_WORDS: WordTable = {
    "vi": {"max": "tối đa", "per_item": "{per} điểm cho mỗi {label}, tối đa {max}"},
    "en": {"max": "maximum", "per_item": "{per} points per {label}, at most {max}"},
}


def _render_band(explanation: Explanation, say: Say) -> str:
    """``count_band`` (count, threshold or None, points, max): ``3 ≥ 2 → 4/10``."""
    _, count, threshold, points, maximum = explanation
    if threshold is None:
        return f"{say.number(count)} ({say.shared('below')}) → {say.got(points, maximum)}"
    return f"{say.number(count)} ≥ {say.number(threshold)} → {say.got(points, maximum)}"


def _render_per_item(explanation: Explanation, say: Say) -> str:
    """``count_per_item`` (count, per item, uncapped, points, max)."""
    _, count, per_item, raw, points, maximum = explanation
    n = say.number
    capped = f", {say.words(_WORDS)['max']} {n(maximum)}" if raw != points else ""
    return f"{n(count)} × {n(per_item)} = {n(raw)}{capped} → {say.got(points, maximum)}"


@dataclass(frozen=True, slots=True)
class CountRule(Rule):
    """A count mapped to points: by ``bands`` (highest reached wins) or ``per_item``
    points for each counted item, capped at the maximum."""

    label: str = ""
    mode: str = "bands"
    bands: tuple[Band, ...] = ()
    per_item: Decimal = ZERO
    kind: ClassVar[str] = "count"
    title: ClassVar[str] = gettext_noop("count")
    parameters: ClassVar[tuple[str, ...]] = ("label", "mode", "bands", "per_item")
    renders: ClassVar[Mapping[str, Renderer]] = {
        "count_band": _render_band,
        "count_per_item": _render_per_item,
    }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> CountRule:
        return cls(
            label=str(data.get("label", "")),
            mode=str(data.get("mode", "bands")),
            bands=bands_from(data),
            per_item=to_decimal(data.get("per_item", 0)),
        )

    def in_words(self, max_points: Decimal, say: Say) -> str:
        label = self.label or say.shared("item")
        if self.mode == "per_item":
            return say.words(_WORDS)["per_item"].format(
                per=say.number(self.per_item), label=label, max=say.number(max_points)
            )
        return f"{label}: {bands_in_words(self.bands, say, '')}"

    @property
    def input_kind(self) -> InputKind:
        return "number"

    def read_text(self, code: str, text: str, max_points: Decimal) -> Answer:
        return Number(read_whole_number(text))

    def plausible_entry(self, chance: Chance, quality: float, max_points: Decimal) -> str:
        ceiling = 30
        if self.mode == "per_item" and self.per_item:
            ceiling = int(max_points / self.per_item)
        return str(max(0, min(ceiling, round(chance.gauss(quality, 0.2) * ceiling))))

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
        by_item = self.mode == "per_item"
        bands = self.bands
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
            if by_item:
                raw = exact_mul(count, per_item)
                pts = raw if raw < max_points else max_points
                add_points(pts)
                add_why(("count_per_item", count, per_item, raw, pts, max_points))
                continue
            chosen = None
            for band in bands:
                if count >= band.at_least:
                    chosen = band
            if chosen is None:
                add_points(ZERO)
                add_why(("count_band", count, None, ZERO, max_points))
            else:
                add_points(chosen.points)
                add_why(("count_band", count, chosen.at_least, chosen.points, max_points))
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "mode": self.mode}
        if self.label:
            data["label"] = self.label
        if self.mode == "bands":
            data["bands"] = [{"at_least": b.at_least, "points": b.points} for b in self.bands]
        else:
            data["per_item"] = self.per_item
        return data

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        if self.mode == "bands":
            return validate_bands(self.bands, max_points, Text(gettext_noop("a count")))
        if self.per_item <= 0:
            return [("per_item", Text(gettext_noop("must be greater than 0")))]
        return []
