"""Small helpers to build criteria sets and units in tests (no factory library)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from egovrank.scoring.answers import Answer, EntryProblem
from egovrank.scoring.engine import UnitInput
from egovrank.scoring.fileformat.build import FORMAT, build_criteria_set
from egovrank.scoring.rules import Rule
from egovrank.scoring.tree import CriteriaSet


def leaf(code: str, max_points: Any, kind: str, **rule: Any) -> dict[str, Any]:
    extra = {k: rule.pop(k) for k in ("allow_na", "required", "evidence") if k in rule}
    return {
        "code": code,
        "name": f"Criterion {code}",
        "max_points": Decimal(str(max_points)),
        "rule": {"kind": kind, **rule},
        **extra,
    }


def group(
    code: str, *children: dict[str, Any], max_points: Any = None, **extra: Any
) -> dict[str, Any]:
    node: dict[str, Any] = {
        "code": code,
        "name": f"Group {code}",
        "children": list(children),
        **extra,
    }
    if max_points is not None:
        node["max_points"] = Decimal(str(max_points))
    return node


def make_set(*nodes: dict[str, Any], **top: Any) -> CriteriaSet:
    document = {
        "format": FORMAT,
        "id": "test-set",
        "title": "Test set",
        "nodes": list(nodes),
        **top,
    }
    return build_criteria_set(document, lambda path: "test-set", "test-set")


def unit(code: str, answers: dict[str, Answer] | None = None, **kwargs: Any) -> UnitInput:
    kwargs.setdefault("name", f"Unit {code}")
    return UnitInput(code=code, answers=answers or {}, **kwargs)


def D(value: Any) -> Decimal:  # noqa: N802 - reads like a literal in tests
    return Decimal(str(value))


def entry_problem(rule: Rule, text: str, max_points: Any = 10, **flags: Any) -> tuple[str, dict]:
    """The problem code and parameters with which ``rule`` refuses a form entry."""
    try:
        rule.read_entry("C1", text, Decimal(str(max_points)), **flags)
    except EntryProblem as problem:
        return problem.problem, problem.params
    raise AssertionError(f"{text!r} was read")
