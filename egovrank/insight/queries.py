"""What a unit's insight pages start from, and where the unit lost points.

Points, maxima, levels and ranks are read from the published snapshot
(``PublishedResult``): that is what was announced. The explanation of each criterion's
points comes from scoring the unit's verified answers (the reviewer's answer where the
reviewer adjusted it) with the scoring core again, as ``results.compute`` did when the
results were published. Should a correction have changed a verified answer since, the
criterion says so instead of explaining points that were not announced.

Every function here runs a fixed number of queries, whatever the number of units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.http import Http404

from egovrank.assessments.models import Answer
from egovrank.assessments.queries import entries_from
from egovrank.assessments.sheet import Entry, answers_of, block_best, relative_codes
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of
from egovrank.results.models import Publication, PublishedResult
from egovrank.review.choices import Decision
from egovrank.review.models import Verification
from egovrank.review.queries import block_verified_figures, verified_entries
from egovrank.scoring.engine import NOT_APPLICABLE, UnitInput, UnitScore, score_unit
from egovrank.scoring.explain import describe_rule, render
from egovrank.scoring.levels import Level
from egovrank.scoring.ranking import Standing
from egovrank.scoring.tree import CriteriaSet, Node

from .access import PublishedUnit

__all__ = [
    "GroupLoss",
    "LostLine",
    "LostPoints",
    "UnitBasis",
    "block_criteria_set",
    "block_standings",
    "group_of_leaves",
    "level_of",
    "lost_points",
    "published_node",
    "scored_leaves",
    "unit_basis",
]


def block_criteria_set(publication: Publication, block_code: str) -> CriteriaSet:
    """The criteria set a publication's block was scored with (one query). A version used
    by a period is frozen, so it is still the set the results came from."""
    set_id = publication.blocks.get(block_code, {}).get("set_id", "")
    version = CriteriaVersion.objects.filter(set_id=set_id).first()
    if version is None:
        raise Http404
    return criteria_set_of(version)


def scored_leaves(criteria_set: CriteriaSet) -> list[Node]:
    """The criteria that carry points and take an answer, in tree order."""
    return [leaf for leaf in criteria_set.leaves() if leaf.carries_points]


def group_of_leaves(criteria_set: CriteriaSet) -> dict[str, Node]:
    """Each node's top-level group, by code."""
    groups: dict[str, Node] = {}
    for group in criteria_set.nodes:
        for node in group.walk():
            groups[node.code] = group
    return groups


def published_node(result: PublishedResult, code: str) -> tuple[Decimal, Decimal, str]:
    """A node's published points, effective maximum and status."""
    points, maximum, status = result.nodes.get(code, ["0", "0", ""])
    return Decimal(points), Decimal(maximum), status


def level_of(criteria_set: CriteriaSet, code: str) -> Level | None:
    """The set's level with this code (for its name in either language)."""
    for level in criteria_set.levels.levels:
        if level.code == code:
            return level
    return None


@dataclass(frozen=True)
class UnitBasis:
    """A published unit with what its insight is computed from: its criteria set, its
    verified entries, the reviewer's adjustments, and the other units' verified figures
    for the criteria scored relative to the block's best unit."""

    unit: PublishedUnit
    criteria_set: CriteriaSet
    entries: dict[str, Entry]
    adjustments: dict[str, Verification]
    others: list[dict[str, Entry]]

    @property
    def result(self) -> PublishedResult:
        return self.unit.result

    def best(self, entries: Mapping[str, Entry]) -> dict[str, tuple[Decimal, Decimal]] | None:
        """The block's best figures with these entries as the unit's (None when the set
        has no relative-to-best criteria)."""
        if not relative_codes(self.criteria_set):
            return None
        return block_best(self.criteria_set, [*self.others, entries])

    def score(self, entries: Mapping[str, Entry]) -> tuple[UnitScore | None, dict[str, str]]:
        """The core's score of these entries as the unit's, or the refusal of each entry
        the criterion's rule cannot read (then no score)."""
        answers, errors = answers_of(self.criteria_set, entries)
        if errors:
            return None, errors
        result = self.result
        unit = UnitInput(
            result.unit_code,
            result.unit_name,
            answers,
            submitted=True,
            parent=result.district_code or None,
        )
        return score_unit(self.criteria_set, unit, self.best(entries)), {}


def unit_basis(unit: PublishedUnit) -> UnitBasis:
    """Load a published unit's basis: three queries, five with relative criteria."""
    participant = unit.participant
    criteria_set = block_criteria_set(unit.publication, unit.result.block_code)
    entries: dict[str, Entry] = {}
    adjustments: dict[str, Verification] = {}
    # A unit that did not submit was scored on nothing: it has no verified answers.
    if unit.result.submitted:
        rows = Answer.objects.filter(assessment__participant=participant).values_list(
            "code", "value", "not_applicable"
        )
        own = entries_from([(code, value, na, "") for code, value, na in rows], set())
        adjustments = {
            verification.code: verification
            for verification in Verification.objects.filter(
                assessment__participant=participant, decision=Decision.ADJUSTED
            )
        }
        entries = verified_entries(own, adjustments)
    others = block_verified_figures(participant, criteria_set)
    return UnitBasis(unit, criteria_set, entries, adjustments, others)


def block_standings(
    publication: Publication, block_code: str, *, leaving_out: str
) -> list[Standing]:
    """The published standing of every other unit of the block, for the core's ranking
    (one query)."""
    rows = (
        publication.results.filter(block_code=block_code)
        .exclude(unit_code=leaving_out)
        .values_list(
            "unit_code",
            "unit_name",
            "share_numerator",
            "share_denominator",
            "submitted",
            "rank",
            "district_code",
        )
    )
    return [
        Standing(
            code,
            name,
            Fraction(numerator, denominator),
            submitted,
            rank is not None,
            district or None,
        )
        for code, name, numerator, denominator, submitted, rank, district in rows
    ]


# --- where the unit lost points -----------------------------------------------------------


@dataclass(frozen=True)
class LostLine:
    """One criterion of the unit's published result, with how its points came."""

    node: Node
    group: Node
    points: Decimal
    max_points: Decimal
    status: str
    explanation: str
    rule_text: str
    adjustment: Verification | None
    # False when scoring the verified answers now does not give the published points
    # (a correction under way): the explanation is then not shown.
    explained: bool

    @property
    def lost(self) -> Decimal:
        return self.max_points - self.points

    @property
    def code(self) -> str:
        return self.node.code


@dataclass(frozen=True)
class GroupLoss:
    """A top-level group's published subtotal."""

    node: Node
    points: Decimal
    max_points: Decimal
    status: str

    @property
    def lost(self) -> Decimal:
        return self.max_points - self.points

    @property
    def applicable(self) -> bool:
        return self.status != NOT_APPLICABLE


@dataclass(frozen=True)
class LostPoints:
    """Where a unit lost points: every criterion by points lost, most first."""

    basis: UnitBasis
    lines: list[LostLine]  # criteria that apply, most points lost first
    not_applicable: list[LostLine]
    groups: list[GroupLoss]  # most points lost first

    @property
    def result(self) -> PublishedResult:
        return self.basis.result

    @property
    def lost(self) -> Decimal:
        return Decimal(self.result.max_points - self.result.points)

    @property
    def with_loss(self) -> int:
        return sum(1 for line in self.lines if line.lost > 0)


def lost_points(basis: UnitBasis, locale: str) -> LostPoints:
    """The unit's criteria by points lost (maximum − verified points, as published), each
    with the core's explanation and, where the reviewer adjusted it, the reason. Ties
    keep the criteria set's order. No query."""
    criteria_set = basis.criteria_set
    result = basis.result
    # Refused entries were left out of the published score too (``results.compute``).
    answers = answers_of(criteria_set, basis.entries)[0] if result.submitted else {}
    unit = UnitInput(result.unit_code, result.unit_name, answers, submitted=result.submitted)
    scored = score_unit(criteria_set, unit, basis.best(basis.entries))
    now = {node.code: node for node in scored.walk()}
    groups = group_of_leaves(criteria_set)
    # A set rounding only the total keeps its criteria unrounded: shown with its places.
    precision = criteria_set.scoring.precision
    shown = precision.shown_points
    applicable: list[tuple[Decimal, int, LostLine]] = []
    out: list[LostLine] = []
    for position, leaf in enumerate(scored_leaves(criteria_set)):
        points, maximum, status = published_node(result, leaf.code)
        current = now.get(leaf.code)
        explained = (
            current is not None and current.points == points and current.max_points == maximum
        )
        line = LostLine(
            node=leaf,
            group=groups[leaf.code],
            points=shown(points),
            max_points=maximum,
            status=status,
            explanation=render(current.explanation, locale, precision)
            if current and explained
            else "",
            rule_text=describe_rule(leaf.rule, leaf.max_points, locale),
            adjustment=basis.adjustments.get(leaf.code),
            explained=explained,
        )
        if status == NOT_APPLICABLE:
            out.append(line)
        else:
            applicable.append((-line.lost, position, line))
    applicable.sort(key=lambda item: (item[0], item[1]))
    group_losses = []
    for position, group in enumerate(criteria_set.groups):
        points, maximum, status = published_node(result, group.code)
        group_losses.append((position, GroupLoss(group, shown(points), maximum, status)))
    group_losses.sort(key=lambda item: (-item[1].lost, item[0]))
    return LostPoints(
        basis,
        [line for _, _, line in applicable],
        out,
        [loss for _, loss in group_losses],
    )
