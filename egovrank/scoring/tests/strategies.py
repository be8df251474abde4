"""Hypothesis strategies: random valid criteria sets and answers for them."""

from __future__ import annotations

from decimal import Decimal
from itertools import count
from typing import Any

from hypothesis import strategies as st

from egovrank.scoring.answers import NA, Answer, Choice, Number, Points, Ratio, Text, YesNo
from egovrank.scoring.tree import CriteriaSet, Node

from .builders import make_set

cents = st.integers(min_value=0, max_value=10_000).map(lambda c: Decimal(c).scaleb(-2))
maxima = st.integers(min_value=1, max_value=100).map(Decimal)


@st.composite
def rules(draw: st.DrawFn, max_points: Decimal) -> dict[str, Any]:
    kind = draw(
        st.sampled_from(
            [
                "yes_no",
                "manual",
                "ratio",
                "ratio_bands",
                "count",
                "count_per_item",
                "option",
                "deduction",
                "relative_to_best",
            ]
        )
    )
    if kind == "ratio_bands":
        thresholds = sorted(draw(st.sets(st.integers(0, 100), min_size=1, max_size=4)))
        points = sorted(
            draw(
                st.lists(
                    st.integers(0, int(max_points)),
                    min_size=len(thresholds),
                    max_size=len(thresholds),
                )
            )
        )
        bands = [
            {"at_least": Decimal(t), "points": Decimal(p)}
            for t, p in zip(thresholds, points, strict=True)
        ]
        return {"kind": "ratio", "mode": "bands", "bands": bands}
    if kind == "count":
        thresholds = sorted(draw(st.sets(st.integers(0, 10), min_size=1, max_size=4)))
        points = sorted(
            draw(
                st.lists(
                    st.integers(0, int(max_points)),
                    min_size=len(thresholds),
                    max_size=len(thresholds),
                )
            )
        )
        bands = [
            {"at_least": Decimal(t), "points": Decimal(p)}
            for t, p in zip(thresholds, points, strict=True)
        ]
        return {"kind": "count", "mode": "bands", "bands": bands}
    if kind == "count_per_item":
        return {
            "kind": "count",
            "mode": "per_item",
            "per_item": draw(st.integers(1, 20).map(Decimal)),
        }
    if kind == "option":
        values = draw(st.lists(st.integers(0, int(max_points)), min_size=2, max_size=4))
        return {
            "kind": "option",
            "options": [
                {"code": chr(65 + i), "label": f"Option {i}", "points": Decimal(v)}
                for i, v in enumerate(values)
            ],
        }
    if kind == "deduction":
        return {"kind": "deduction", "per_item": draw(st.integers(1, 20).map(Decimal))}
    if kind == "manual":
        return {"kind": "manual", "step": Decimal(1)}
    if kind == "ratio":
        return {"kind": "ratio", "mode": "proportional"}
    return {"kind": kind}


@st.composite
def nodes(draw: st.DrawFn, codes: Any, depth: int) -> dict[str, Any]:
    code = f"N{next(codes)}"
    make_group = depth < 3 and draw(st.booleans())
    allow_na = draw(st.booleans())
    if not make_group:
        max_points = draw(maxima)
        return {
            "code": code,
            "name": code,
            "max_points": max_points,
            "rule": draw(rules(max_points)),
            "allow_na": allow_na,
        }
    children = draw(st.lists(nodes(codes, depth + 1), min_size=1, max_size=4))
    node: dict[str, Any] = {"code": code, "name": code, "children": children, "allow_na": allow_na}
    if draw(st.booleans()):
        node["max_points"] = Decimal(
            draw(st.integers(1, 400))
        )  # may be dropped below if unreachable
    return node


def _fit_caps(node: dict[str, Any]) -> Decimal:
    """Lower any cap its children cannot reach, so the set is valid; returns full max."""
    if "children" not in node:
        return node["max_points"]
    total = sum((_fit_caps(child) for child in node["children"]), Decimal(0))
    if "max_points" in node:
        node["max_points"] = min(node["max_points"], total)
        return node["max_points"]
    return total


@st.composite
def criteria_sets(draw: st.DrawFn) -> CriteriaSet:
    codes = count(1)
    top = draw(st.lists(nodes(codes, 1), min_size=1, max_size=4))
    for node in top:
        _fit_caps(node)
    return make_set(*top)


@st.composite
def answer_for(draw: st.DrawFn, node: Node) -> Answer | None:
    if node.allow_na and draw(st.integers(0, 5)) == 0:
        return NA
    if draw(st.integers(0, 6)) == 0:
        return None  # unanswered
    rule = node.rule
    assert rule is not None
    max_points = node.max_points or Decimal(0)
    kind = rule.kind
    if kind == "yes_no":
        return YesNo(draw(st.booleans()))
    if kind == "manual":
        return Points(Decimal(draw(st.integers(0, int(max_points)))))
    if kind == "ratio" or (kind == "relative_to_best" and getattr(rule, "input", "") == "ratio"):
        denominator = draw(st.integers(1, 10_000))
        numerator = draw(st.integers(0, 12_000))
        return Ratio(Decimal(numerator), Decimal(denominator))
    if kind in {"count", "deduction", "relative_to_best"}:
        return Number(Decimal(draw(st.integers(0, 50))))
    if kind == "option":
        return Choice(draw(st.sampled_from([o.code for o in rule.options])))  # type: ignore[attr-defined]
    return Text("x")


@st.composite
def answers_for(draw: st.DrawFn, criteria_set: CriteriaSet) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for leaf in criteria_set.leaves():
        answer = draw(answer_for(leaf))
        if answer is not None:
            answers[leaf.code] = answer
    return answers
