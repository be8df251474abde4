"""Read-side helpers over the criteria sets, shaped for templates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from egovrank.scoring.explain import describe_rule
from egovrank.scoring.tree import CriteriaSet, Node

from .models import CriteriaVersion
from .versions import criteria_set_of, frozen_versions

__all__ = [
    "BlockVersions",
    "EditRow",
    "NodeRow",
    "VersionSummary",
    "edit_rows",
    "node_rows",
    "place_choices",
    "version_summaries",
    "versions_by_block",
]


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


@dataclass(frozen=True)
class VersionSummary:
    """A stored version as the lists show it (``id`` is the set id)."""

    id: str
    pk: int
    title: str
    block_code: str
    block_name: str
    version: str
    max_total: Decimal
    group_count: int
    criterion_count: int
    reconstructed: bool
    frozen: bool
    # Years of the periods that use it, newest first.
    years: tuple[int, ...] = ()
    copied_from: str = ""

    @property
    def in_use(self) -> bool:
        return bool(self.years)


@dataclass(frozen=True)
class BlockVersions:
    block_code: str
    block_name: str
    versions: list[VersionSummary] = field(default_factory=list)


def _years_by_version() -> dict[int, list[int]]:
    years: dict[int, list[int]] = defaultdict(list)
    used = CriteriaVersion.objects.filter(period_blocks__isnull=False)
    for version_id, year in used.order_by("-period_blocks__period__year").values_list(
        "pk", "period_blocks__period__year"
    ):
        years[version_id].append(year)
    return years


def all_version_summaries() -> list[VersionSummary]:
    """Every stored version, by block code and newest version label first."""
    frozen = set(frozen_versions().values_list("pk", flat=True))
    years = _years_by_version()
    summaries = []
    for version in CriteriaVersion.objects.select_related("copied_from"):
        cs = criteria_set_of(version)
        summaries.append(
            VersionSummary(
                id=version.set_id,
                pk=version.pk,
                title=version.title,
                block_code=cs.meta.block_code,
                block_name=cs.meta.block_name,
                version=cs.meta.version,
                max_total=cs.max_total,
                group_count=len(cs.groups),
                criterion_count=sum(1 for leaf in cs.leaves() if leaf.carries_points),
                reconstructed=cs.meta.reconstructed,
                frozen=version.pk in frozen,
                years=tuple(years.get(version.pk, ())),
                copied_from=version.copied_from.set_id if version.copied_from else "",
            )
        )
    return summaries


def versions_by_block() -> list[BlockVersions]:
    """Every stored version grouped by its block, blocks in code order."""
    groups: dict[str, BlockVersions] = {}
    for summary in all_version_summaries():
        group = groups.setdefault(
            summary.block_code, BlockVersions(summary.block_code, summary.block_name)
        )
        group.versions.append(summary)
    return [groups[code] for code in sorted(groups)]


def version_summaries() -> list[VersionSummary]:
    """The criteria sets in force, for the front page: for each block, the version the
    most recent period using the block's sets has chosen; for a block no period uses
    yet, every stored version of it."""
    summaries = all_version_summaries()
    chosen: dict[str, int] = {}
    for summary in sorted(summaries, key=lambda s: s.years[0] if s.years else 0, reverse=True):
        if summary.years:
            chosen.setdefault(summary.block_code, summary.pk)
    return [s for s in summaries if chosen.get(s.block_code, s.pk) == s.pk]


@dataclass(frozen=True)
class EditRow:
    """A line of the editing page: the node, and which moves make sense for it."""

    node: Node
    depth: int
    max_points: Decimal | None
    rule_text: str
    first: bool
    last: bool
    descendants: int


def edit_rows(criteria_set: CriteriaSet, locale: str) -> list[EditRow]:
    rows: list[EditRow] = []

    def visit(siblings: tuple[Node, ...], depth: int) -> None:
        for index, node in enumerate(siblings):
            rule_text = describe_rule(node.rule, node.max_points, locale) if node.rule else ""
            rows.append(
                EditRow(
                    node=node,
                    depth=depth,
                    max_points=node.full_max if node.carries_points else None,
                    rule_text=rule_text,
                    first=index == 0,
                    last=index == len(siblings) - 1,
                    descendants=sum(1 for _ in node.walk()) - 1,
                )
            )
            visit(node.children, depth + 1)

    visit(criteria_set.nodes, 0)
    return rows


def place_choices(criteria_set: CriteriaSet, code: str) -> list[tuple[str, str]]:
    """Where ``code`` may be moved: every node outside its own subtree, except its
    present parent, as (code, indented label)."""
    moving = criteria_set.node(code)
    inside = {node.code for node in moving.walk()}
    parent = next(
        (
            node.code
            for node in criteria_set.walk()
            if any(child is moving for child in node.children)
        ),
        None,
    )
    choices: list[tuple[str, str]] = []

    def visit(node: Node, depth: int) -> None:
        if node.code in inside:
            return
        if node.code != parent:
            choices.append((node.code, f"{'— ' * depth}{node.code} {node.name}"))
        for child in node.children:
            visit(child, depth + 1)

    for node in criteria_set.nodes:
        visit(node, 0)
    return choices
