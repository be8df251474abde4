"""Rule kinds: how a leaf criterion turns an answer into points. One module per kind,
which holds everything the kind knows (``base.Rule`` lists it):

- ``from_dict`` / ``describe`` / ``validate``: the rule in the file format;
- ``parse(code, text)``: read the text form of an answer (a CSV cell);
- ``input_kind`` and ``read_entry(code, text, max_points, ...)``: the inputs a form
  shows, and what a person entered there read into a checked answer;
- ``score_many(code, answers, max_points, best)``: check each answer of a column (one
  per unit) and give its points with their explanation, or ``None`` points when the
  answer takes the criterion out of the unit's maximum (a zero denominator that means
  "not applicable"); ``na`` and missing answers are handled by the engine;
- ``score(...)`` and ``check(...)``: one answer, through ``score_many``;
- ``renders`` and ``in_words``: its explanations and itself in words, in both languages;
- ``plausible_entry``: an answer a unit might give, for the demo and the tests.

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
    Chance,
    Figure,
    InputKind,
    Option,
    Rule,
    Scored,
    ScoredColumn,
    best_of,
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
    "Chance",
    "CountRule",
    "DeductionRule",
    "Figure",
    "InfoRule",
    "InputKind",
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
    rule_class = RULE_KINDS.get(str(data["kind"]))
    if rule_class is None:
        raise ValueError(f"unknown rule kind {data['kind']!r}")
    return rule_class.from_dict(data)
