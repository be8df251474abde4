"""Two criteria sets side by side, node by node (matched by code)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from egovrank.scoring.explain import describe_rule
from egovrank.scoring.tree import CriteriaSet, Node

__all__ = ["ADDED", "CHANGED", "REMOVED", "UNCHANGED", "Comparison", "NodeSide", "compare_sets"]

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"
# The facts compared, in the order the page names them.
FACTS = ("name", "max_points", "rule", "allow_na", "evidence_required", "parent")


@dataclass(frozen=True)
class NodeSide:
    """What one set says about a node."""

    name: str
    max_points: Decimal | None
    rule: str
    # The rule as data: two rules differ when their parameters do, not when their
    # description differs only by the maximum it names.
    rule_data: dict[str, object] | None
    allow_na: bool
    evidence_required: bool
    parent: str
    depth: int
    is_group: bool


@dataclass(frozen=True)
class ComparedNode:
    code: str
    status: str
    left: NodeSide | None
    right: NodeSide | None
    changed: tuple[str, ...] = ()

    @property
    def depth(self) -> int:
        side = self.right or self.left
        assert side is not None
        return side.depth


@dataclass(frozen=True)
class Comparison:
    left: CriteriaSet
    right: CriteriaSet
    rows: list[ComparedNode]

    @property
    def differences(self) -> list[ComparedNode]:
        return [row for row in self.rows if row.status != UNCHANGED]

    @property
    def unchanged(self) -> list[ComparedNode]:
        return [row for row in self.rows if row.status == UNCHANGED]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in (ADDED, REMOVED, CHANGED, UNCHANGED)}


def _sides(criteria_set: CriteriaSet, locale: str) -> dict[str, NodeSide]:
    sides: dict[str, NodeSide] = {}

    def visit(node: Node, parent: str, depth: int) -> None:
        sides[node.code] = NodeSide(
            name=node.name,
            max_points=node.full_max if node.carries_points else None,
            rule=describe_rule(node.rule, node.max_points, locale) if node.rule else "",
            rule_data=node.rule.describe() if node.rule else None,
            allow_na=node.allow_na,
            evidence_required=node.evidence.required,
            parent=parent,
            depth=depth,
            is_group=not node.is_leaf,
        )
        for child in node.children:
            visit(child, node.code, depth + 1)

    for node in criteria_set.nodes:
        visit(node, "", 0)
    return sides


def _order(left: dict[str, NodeSide], right: dict[str, NodeSide]) -> list[str]:
    """The left set's codes in tree order, each code only on the right inserted after
    the code that precedes it on the right."""
    order = list(left)
    previous: str | None = None
    for code in right:
        if code not in left:
            at = order.index(previous) + 1 if previous is not None else 0
            order.insert(at, code)
        previous = code
    return order


def _fact(side: NodeSide, fact: str) -> object:
    return side.rule_data if fact == "rule" else getattr(side, fact)


def compare_sets(left: CriteriaSet, right: CriteriaSet, locale: str) -> Comparison:
    """Every node of either set: added (only on the right), removed (only on the left),
    changed (any of ``FACTS`` differs) or unchanged."""
    left_sides, right_sides = _sides(left, locale), _sides(right, locale)
    rows = []
    for code in _order(left_sides, right_sides):
        before, after = left_sides.get(code), right_sides.get(code)
        if before is None:
            rows.append(ComparedNode(code, ADDED, None, after))
        elif after is None:
            rows.append(ComparedNode(code, REMOVED, before, None))
        else:
            changed = tuple(f for f in FACTS if _fact(before, f) != _fact(after, f))
            rows.append(
                ComparedNode(code, CHANGED if changed else UNCHANGED, before, after, changed)
            )
    return Comparison(left, right, rows)
