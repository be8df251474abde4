"""The province-wide analysis of a published year, for the lead agency, block by block:

- the weakest criteria: each criterion's average share of its maximum across the units
  that submitted and to which it applies, from the published points (lowest first);
- who over-scores: each unit's self-assessed total against its verified total (both as
  published), and per criterion the self-assessed points against the verified ones. The
  self-assessed points of a criterion were not published, so the units' own answers are
  scored again with the core, a block at a time, as ``results.compute`` scored them;
- the change from last year: per unit (through its predecessors when it was renamed,
  merged or split: ``orgs.UnitSuccession``) its share and its rank in the same block,
  and per block the average share and the count per level.

Averages are over the units that submitted; shares are exact fractions, shown rounded
half up. Six queries, whatever the number of units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.http import Http404

from egovrank.assessments.models import Answer
from egovrank.assessments.queries import entries_from
from egovrank.assessments.sheet import Entry, answers_of
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of
from egovrank.orgs.models import UnitSuccession
from egovrank.publication.queries import current_publication
from egovrank.results.models import Publication, PublishedResult
from egovrank.scoring.collation import vietnamese_sort_key
from egovrank.scoring.engine import NOT_APPLICABLE, UnitInput, score_block
from egovrank.scoring.levels import share_of
from egovrank.scoring.numbers import ZERO, fraction_half_up, percent_of
from egovrank.scoring.tree import CriteriaSet, Node

from .queries import group_of_leaves, published_node, scored_leaves

__all__ = [
    "Analysis",
    "BlockAnalysis",
    "CriterionGap",
    "CriterionShare",
    "LevelCount",
    "UnitGap",
    "UnitMovement",
    "analyse",
]


@dataclass(frozen=True)
class CriterionShare:
    """A criterion's average result across the units it applies to."""

    node: Node
    group: Node
    units: int
    share: Fraction  # the mean of the units' exact shares of the criterion's maximum
    full: int  # units with every point
    none: int  # units with no point

    @property
    def percent(self) -> Decimal:
        return percent_of(self.share)

    @property
    def average_points(self) -> Decimal:
        """The mean points, rounded half up to two places."""
        return fraction_half_up(self.share * Fraction(self.node.max_points or ZERO))


@dataclass(frozen=True)
class UnitGap:
    """A unit's self-assessed total against its verified total, as published."""

    unit_code: str
    unit_name: str
    self_points: Decimal
    points: Decimal
    max_points: Decimal

    @property
    def gap(self) -> Decimal:
        """Points the unit claimed above what was verified (negative: below)."""
        return self.self_points - self.points


@dataclass(frozen=True)
class CriterionGap:
    """A criterion's self-assessed points against the verified ones, across the units."""

    node: Node
    over_units: int  # units that claimed more than was verified
    under_units: int  # units that claimed less
    over_points: Decimal  # points claimed above the verified ones, summed
    net_points: Decimal  # self − verified, summed over the units


@dataclass(frozen=True)
class UnitMovement:
    """A unit's published share and rank against the year before (its own, or its
    predecessors')."""

    result: PublishedResult
    previous: tuple[PublishedResult, ...]

    @property
    def one_previous(self) -> PublishedResult | None:
        """The one result it continues; None when it is new or continues several."""
        return self.previous[0] if len(self.previous) == 1 else None

    @property
    def percent_change(self) -> Decimal | None:
        """In percentage points, between the shares as published (rounded)."""
        before = self.one_previous
        return None if before is None else self.result.percent - before.percent

    @property
    def rank_change(self) -> int | None:
        """Places gained (positive) or lost; only within the same block."""
        before = self.one_previous
        if before is None or before.block_code != self.result.block_code:
            return None
        if before.rank is None or self.result.rank is None:
            return None
        return before.rank - self.result.rank

    @property
    def renamed(self) -> bool:
        """Whether last year's result is under another unit (or several)."""
        return any(r.unit_id != self.result.unit_id for r in self.previous)


@dataclass(frozen=True)
class LevelCount:
    code: str
    name: str
    now: int
    before: int | None  # None when the block was not published last year
    # Whether more units at this level is good news: the upper levels (Tốt, Khá), not
    # the lower ones (Trung bình, Yếu), so "Yếu −3" is shown as an improvement.
    more_is_better: bool = True

    @property
    def change(self) -> int | None:
        return None if self.before is None else self.now - self.before

    @property
    def judged_change(self) -> int | None:
        """The change signed by whether it is good news (its colour), not by its count."""
        change = self.change
        if change is None:
            return None
        return change if self.more_is_better else -change


@dataclass(frozen=True)
class BlockAnalysis:
    code: str
    name: str
    units: int
    submitted: int
    weakest: list[CriterionShare]  # lowest average share first
    unit_gaps: list[UnitGap]  # most over-scoring first, then by name
    criterion_gaps: list[CriterionGap]  # most points over-claimed first; gaps only
    movements: list[UnitMovement]  # in ranking order
    levels: list[LevelCount]
    average: Fraction | None  # mean share of the units that submitted
    previous_average: Fraction | None
    previous_units: int | None = None

    @property
    def average_percent(self) -> Decimal | None:
        return None if self.average is None else percent_of(self.average)

    @property
    def previous_average_percent(self) -> Decimal | None:
        return None if self.previous_average is None else percent_of(self.previous_average)

    @property
    def average_change(self) -> Decimal | None:
        now, before = self.average_percent, self.previous_average_percent
        return None if now is None or before is None else now - before


@dataclass(frozen=True)
class Analysis:
    publication: Publication
    previous: Publication | None
    blocks: list[BlockAnalysis] = field(default_factory=list)


def _mean(shares: list[Fraction]) -> Fraction | None:
    return sum(shares, Fraction(0)) / len(shares) if shares else None


def _share(result: PublishedResult) -> Fraction:
    return Fraction(result.share_numerator, result.share_denominator)


def _weakest(criteria_set: CriteriaSet, submitted: list[PublishedResult]) -> list[CriterionShare]:
    groups = group_of_leaves(criteria_set)
    found = []
    for position, leaf in enumerate(scored_leaves(criteria_set)):
        shares = []
        full = none = 0
        for result in submitted:
            points, maximum, status = published_node(result, leaf.code)
            if status == NOT_APPLICABLE or maximum <= 0:
                continue
            shares.append(share_of(points, maximum))
            full += points >= maximum
            none += points == 0
        average = _mean(shares)
        if average is not None:
            found.append(
                (
                    average,
                    position,
                    CriterionShare(leaf, groups[leaf.code], len(shares), average, full, none),
                )
            )
    found.sort(key=lambda item: (item[0], item[1]))
    return [share for _, _, share in found]


def _self_entries(publication: Publication) -> dict[str, dict[str, Entry]]:
    """The units' own answers (not the reviewer's), by unit code (one query)."""
    rows: dict[str, list[tuple[str, str, bool, str]]] = defaultdict(list)
    answers = Answer.objects.filter(assessment__participant__period_id=publication.period_id)
    for unit_code, code, value, na in answers.order_by().values_list(
        "assessment__participant__unit_code", "code", "value", "not_applicable"
    ):
        rows[unit_code].append((code, value, na, ""))
    return {unit_code: entries_from(found, set()) for unit_code, found in rows.items()}


def _criterion_gaps(
    criteria_set: CriteriaSet,
    submitted: list[PublishedResult],
    own_entries: dict[str, dict[str, Entry]],
) -> list[CriterionGap]:
    if not submitted:
        return []
    units = [
        UnitInput(
            r.unit_code, r.unit_name, answers_of(criteria_set, own_entries.get(r.unit_code, {}))[0]
        )
        for r in submitted
    ]
    # The whole block at once, as the results were: relative-to-best criteria need it.
    own = {row.unit.code: row.score for row in score_block(criteria_set, units).rows}
    gaps = []
    for position, leaf in enumerate(scored_leaves(criteria_set)):
        over_units = under_units = 0
        over = net = ZERO
        for result in submitted:
            verified, _maximum, _status = published_node(result, leaf.code)
            difference = own[result.unit_code].points_of(leaf.code) - verified
            net += difference
            if difference > 0:
                over_units += 1
                over += difference
            elif difference < 0:
                under_units += 1
        if over_units or under_units:
            gaps.append(
                (
                    -over,
                    -over_units,
                    position,
                    CriterionGap(leaf, over_units, under_units, over, net),
                )
            )
    gaps.sort(key=lambda item: item[:3])
    return [gap for *_, gap in gaps]


def _levels(
    publication: Publication,
    block_code: str,
    rows: list[PublishedResult],
    earlier: list[PublishedResult] | None,
) -> list[LevelCount]:
    now: defaultdict[str, int] = defaultdict(int)
    for result in rows:
        now[result.level_code] += 1
    before: dict[str, int] | None = None
    if earlier is not None:
        before = defaultdict(int)
        for result in earlier:
            before[result.level_code] += 1
    levels = publication.blocks.get(block_code, {}).get("levels", [])
    # Best first (highest minimum): the upper half are the levels one wants more of.
    best_first = [code for code, _name, _min in sorted(levels, key=lambda lv: -Decimal(lv[2]))]
    upper = set(best_first[: len(best_first) // 2])
    return [
        LevelCount(
            code,
            name,
            now[code],
            None if before is None else before[code],
            more_is_better=code in upper,
        )
        for code, name, _minimum in levels
    ]


def _criteria_sets(publication: Publication) -> dict[str, CriteriaSet]:
    """Each block's criteria set, by block code (one query)."""
    set_ids = {code: block.get("set_id", "") for code, block in publication.blocks.items()}
    versions = {v.set_id: v for v in CriteriaVersion.objects.filter(set_id__in=set_ids.values())}
    if set(set_ids.values()) - set(versions):
        raise Http404
    return {code: criteria_set_of(versions[set_id]) for code, set_id in set_ids.items()}


def _previous(year: int) -> Publication | None:
    try:
        return current_publication(year - 1)
    except Http404:
        return None


def _movements(
    rows: list[PublishedResult],
    earlier: dict[int, list[PublishedResult]],
    predecessors: dict[int, set[int]],
) -> list[UnitMovement]:
    movements = []
    for result in rows:
        ids = {result.unit_id} | predecessors.get(result.unit_id, set())
        found = sorted(
            (r for unit_id in ids for r in earlier.get(unit_id, [])),
            key=lambda r: (r.rank is None, r.rank or 0, r.pk),
        )
        movements.append(UnitMovement(result, tuple(found)))
    return movements


def _by_block(results: Iterable[PublishedResult]) -> dict[str, list[PublishedResult]]:
    blocks: dict[str, list[PublishedResult]] = defaultdict(list)
    for result in results:
        blocks[result.block_code].append(result)
    return blocks


def analyse(publication: Publication) -> Analysis:
    """The analysis of ``publication`` (the current one of its year)."""
    year = publication.period.year
    results = _by_block(publication.results.order_by("pk"))
    criteria_sets = _criteria_sets(publication)
    own_entries = _self_entries(publication)
    previous = _previous(year)
    earlier_by_block: dict[str, list[PublishedResult]] = {}
    earlier_by_unit: dict[int, list[PublishedResult]] = defaultdict(list)
    predecessors: dict[int, set[int]] = defaultdict(set)
    if previous is not None:
        for result in previous.results.defer("nodes").order_by("pk"):
            earlier_by_unit[result.unit_id].append(result)
        earlier_by_block = _by_block(r for found in earlier_by_unit.values() for r in found)
        # Every succession: a province has a few hundred, and filtering by thousands of
        # unit ids would cost more than reading them.
        for successor, predecessor in UnitSuccession.objects.values_list(
            "successor_id", "predecessor_id"
        ):
            predecessors[successor].add(predecessor)
    blocks = []
    ordered = sorted(
        publication.blocks.items(), key=lambda item: (item[1].get("order", 0), item[0])
    )
    for code, block in ordered:
        rows = results.get(code, [])
        submitted = [r for r in rows if r.submitted]
        criteria_set = criteria_sets[code]
        earlier = earlier_by_block.get(code) if previous is not None else None
        earlier_submitted = [r for r in earlier or [] if r.submitted]
        blocks.append(
            BlockAnalysis(
                code=code,
                name=block.get("name", code),
                units=len(rows),
                submitted=len(submitted),
                weakest=_weakest(criteria_set, submitted),
                unit_gaps=sorted(
                    (
                        UnitGap(r.unit_code, r.unit_name, r.self_points, r.points, r.max_points)
                        for r in submitted
                        if r.self_points is not None
                    ),
                    key=lambda gap: (-gap.gap, vietnamese_sort_key(gap.unit_name), gap.unit_code),
                ),
                criterion_gaps=_criterion_gaps(criteria_set, submitted, own_entries),
                movements=_movements(rows, earlier_by_unit, predecessors),
                levels=_levels(publication, code, rows, earlier),
                average=_mean([_share(r) for r in submitted]),
                previous_average=_mean([_share(r) for r in earlier_submitted]),
                previous_units=None if earlier is None else len(earlier),
            )
        )
    return Analysis(publication, previous, blocks)
