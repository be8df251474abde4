"""Rule kinds: how a leaf criterion turns an answer into points. One module per kind.

Every rule is a frozen dataclass with

- ``parse(code, text)``: read the text form of an answer (CSV cell, form field);
- ``score_many(code, answers, max_points, best)``: check each answer of a column (one
  per unit) and give its points with their explanation, or ``None`` points when the
  answer takes the criterion out of the unit's maximum (a zero denominator that means
  "not applicable"); ``na`` and missing answers are handled by the engine;
- ``score(...)`` and ``check(...)``: one answer, through ``score_many``.

``score_many`` is the one implementation of each rule: the engine, the forms and the
explanations all go through it. A national block means a million answers, so it works
a column at a time, without a Python call per answer, and explanations are tuples.

All arithmetic is Decimal. Where a rule divides, the result is rounded half up to two
places (``numbers.divide_half_up``); comparisons against bands are made on exact values,
so 84.999…% never passes an 85% band.
"""

from __future__ import annotations

from collections.abc import Mapping

from .base import (
    ONE,
    Band,
    Figure,
    Option,
    Rule,
    Scored,
    ScoredColumn,
    bands_from,
    best_of,
    to_decimal,
)
from .count import CountRule
from .deduction import DeductionRule
from .info import InfoRule
from .manual import ManualRule
from .option import OptionRule
from .ratio import RatioRule
from .relative import RelativeRule
from .yes_no import YesNoRule

__all__ = [
    "ONE",
    "RULE_KINDS",
    "best_of",
    "Band",
    "CountRule",
    "DeductionRule",
    "Figure",
    "InfoRule",
    "ManualRule",
    "Option",
    "OptionRule",
    "RatioRule",
    "RelativeRule",
    "Rule",
    "Scored",
    "ScoredColumn",
    "YesNoRule",
    "rule_from_dict",
]

RULE_KINDS: Mapping[str, type[Rule]] = {
    cls.kind: cls
    for cls in (
        YesNoRule,
        ManualRule,
        RatioRule,
        CountRule,
        OptionRule,
        DeductionRule,
        RelativeRule,
        InfoRule,
    )
}


def rule_from_dict(data: Mapping[str, object]) -> Rule:
    """Build a rule from the file format's mapping (already schema-checked)."""
    kind = data["kind"]
    if kind == "yes_no":
        yes = data.get("yes_points")
        return YesNoRule(
            yes_points=None if yes is None else to_decimal(yes),
            no_points=to_decimal(data.get("no_points", 0)),
        )
    if kind == "manual":
        return ManualRule(step=to_decimal(data.get("step", "0.01")))
    if kind == "ratio":
        return RatioRule(
            numerator_label=str(data.get("numerator", "")),
            denominator_label=str(data.get("denominator", "")),
            mode=str(data.get("mode", "proportional")),
            bands=bands_from(data),
            zero_denominator=str(data.get("zero_denominator", "error")),
        )
    if kind == "count":
        return CountRule(
            label=str(data.get("label", "")),
            mode=str(data.get("mode", "bands")),
            bands=bands_from(data),
            per_item=to_decimal(data.get("per_item", 0)),
        )
    if kind == "option":
        raw = data.get("options") or []
        assert isinstance(raw, list)
        return OptionRule(
            options=tuple(
                Option(str(o["code"]), str(o["label"]), to_decimal(o["points"])) for o in raw
            )
        )
    if kind == "deduction":
        return DeductionRule(
            label=str(data.get("label", "")), per_item=to_decimal(data["per_item"])
        )
    if kind == "relative_to_best":
        return RelativeRule(
            label=str(data.get("label", "")),
            input=str(data.get("input", "figure")),
            numerator_label=str(data.get("numerator", "")),
            denominator_label=str(data.get("denominator", "")),
        )
    if kind == "info":
        return InfoRule(
            label=str(data.get("label", "")), value_type=str(data.get("value_type", "text"))
        )
    raise ValueError(f"unknown rule kind {kind!r}")
