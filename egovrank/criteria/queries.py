"""Read-side helpers over the criteria sets, shaped for templates.

This module and ``results`` are the only places outside ``scoring`` that import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from egovrank.scoring.catalogue import packaged_set, packaged_set_ids
from egovrank.scoring.explain import describe_rule
from egovrank.scoring.tree import CriteriaSet, Node

__all__ = ["NodeRow", "SetSummary", "node_rows", "shipped_set", "shipped_sets"]


@dataclass(frozen=True)
class SetSummary:
    id: str
    title: str
    block_code: str
    block_name: str
    version: str
    max_total: Decimal
    group_count: int
    criterion_count: int
    reconstructed: bool


def shipped_sets() -> list[SetSummary]:
    summaries = []
    for set_id in packaged_set_ids():
        cs = packaged_set(set_id)
        summaries.append(
            SetSummary(
                id=cs.meta.id,
                title=cs.meta.title,
                block_code=cs.meta.block_code,
                block_name=cs.meta.block_name,
                version=cs.meta.version,
                max_total=cs.max_total,
                group_count=len(cs.groups),
                criterion_count=sum(1 for leaf in cs.leaves() if leaf.carries_points),
                reconstructed=cs.meta.reconstructed,
            )
        )
    return summaries


def shipped_set(set_id: str) -> CriteriaSet | None:
    if set_id not in packaged_set_ids():
        return None
    return packaged_set(set_id)


@dataclass(frozen=True)
class NodeRow:
    """One line of the criteria tree as a page shows it."""

    node: Node
    depth: int
    max_points: Decimal | None
    rule_text: str


def node_rows(criteria_set: CriteriaSet, locale: str) -> list[NodeRow]:
    rows: list[NodeRow] = []

    def visit(node: Node, depth: int) -> None:
        rule_text = describe_rule(node.rule, node.max_points, locale) if node.rule else ""
        shown_max = node.full_max if node.carries_points else None
        rows.append(NodeRow(node, depth, shown_max, rule_text))
        for child in node.children:
            visit(child, depth + 1)

    for node in criteria_set.nodes:
        visit(node, 0)
    return rows
