"""The province's blocks before and after the two-tier reform: a year with two tiers
(``periods.rules.period_shape``) beside the latest published year with districts. Blocks
are matched by the kind of their units (the communes of 2019 beside the xã/phường of
2025), never by their codes, since a province may name its new blocks anew; for each
side the units, those that submitted, the mean share and the count per level.

The communes may also be grouped by their former district, the district their
predecessors belonged to (through ``orgs.UnitSuccession``): for comparison only, a rank
is never given within a group. Five queries, whatever the number of units.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, UnitSuccession
from egovrank.periods.rules import period_shape
from egovrank.publication.queries import current_publications
from egovrank.results.models import Publication, PublishedResult
from egovrank.scoring.collation import vietnamese_sort_key
from egovrank.scoring.numbers import percent_of

__all__ = ["BlockSide", "FormerDistrict", "ReformComparison", "compare_across_reform"]


@dataclass(frozen=True)
class BlockSide:
    """One block of one year: its size, mean share and units per level (in the block's
    order of levels, highest first)."""

    code: str
    name: str
    units: int
    submitted: int
    mean: Fraction | None  # the mean share of the units that submitted
    levels: list[tuple[str, int]]  # (level name, units)

    @property
    def mean_percent(self) -> Decimal | None:
        return None if self.mean is None else percent_of(self.mean)


@dataclass(frozen=True)
class BlockPair:
    kind: str  # the units' kind (UnitKind)
    kind_label: str
    before: BlockSide | None
    after: BlockSide

    @property
    def change(self) -> Decimal | None:
        """The mean share's change in percentage points."""
        if self.before is None or self.before.mean_percent is None:
            return None
        if self.after.mean_percent is None:
            return None
        return self.after.mean_percent - self.before.mean_percent


@dataclass(frozen=True)
class FormerDistrict:
    """The communes of a two-tier year whose predecessors belonged to one district."""

    name: str
    units: int
    mean: Fraction | None

    @property
    def mean_percent(self) -> Decimal | None:
        return None if self.mean is None else percent_of(self.mean)


@dataclass(frozen=True)
class ReformComparison:
    year: int
    before_year: int
    pairs: list[BlockPair] = field(default_factory=list)
    # By former district, for comparison only; a commune whose predecessors belonged to
    # several districts counts in each of them.
    former_districts: list[FormerDistrict] = field(default_factory=list)


def _mean(shares: list[Fraction]) -> Fraction | None:
    return sum(shares, Fraction(0)) / len(shares) if shares else None


def _share(result: PublishedResult) -> Fraction:
    return Fraction(result.share_numerator, result.share_denominator)


def _side(publication: Publication, code: str, rows: list[PublishedResult]) -> BlockSide:
    stored = publication.blocks.get(code, {})
    counts = Counter(row.level_code for row in rows)
    submitted = [row for row in rows if row.submitted]
    return BlockSide(
        code=code,
        name=str(stored.get("name", code)),
        units=len(rows),
        submitted=len(submitted),
        mean=_mean([_share(row) for row in submitted]),
        levels=[(name, counts[level]) for level, name, _minimum in stored.get("levels", [])],
    )


def _rows(publication: Publication) -> dict[str, list[PublishedResult]]:
    found: dict[str, list[PublishedResult]] = defaultdict(list)
    for row in publication.results.defer("nodes").order_by("pk"):
        found[row.block_code].append(row)
    return found


def _former_districts(rows: list[PublishedResult], year: int) -> list[FormerDistrict]:
    """Each commune's former district: the district of the units it continues from
    ``year`` (one query)."""
    by_unit: dict[int, set[str]] = defaultdict(set)
    links = UnitSuccession.objects.filter(
        successor_id__in=[row.unit_id for row in rows],
        year=year,
        predecessor__parent__kind=UnitKind.DISTRICT,
    ).values_list("successor_id", "predecessor__parent__name")
    for successor_id, district in links:
        by_unit[successor_id].add(district)
    shares: dict[str, list[Fraction]] = defaultdict(list)
    units: Counter[str] = Counter()
    for row in rows:
        for district in by_unit.get(row.unit_id, ()):
            units[district] += 1
            if row.submitted:
                shares[district].append(_share(row))
    return [
        FormerDistrict(name, units[name], _mean(shares[name]))
        for name in sorted(units, key=vietnamese_sort_key)
    ]


def compare_across_reform(publication: Publication) -> ReformComparison | None:
    """``publication``'s blocks beside those of the latest published year with districts
    before it; None for a year with districts, or when no such year was published."""
    year = publication.period.year
    if not period_shape(year).two_tier:
        return None
    earlier = [
        other
        for other in current_publications()
        if other.period.year < year and period_shape(other.period.year).district_review
    ]
    if not earlier:
        return None
    before = earlier[0]  # newest first
    codes = set(publication.blocks) | set(before.blocks)
    kinds = dict(Block.objects.filter(code__in=codes).values_list("code", "unit_kind"))
    after_rows, before_rows = _rows(publication), _rows(before)
    before_by_kind: dict[str, str] = {}
    for code in before.blocks:
        before_by_kind.setdefault(kinds.get(code, ""), code)
    pairs = []
    commune_rows: list[PublishedResult] = []
    ordered = sorted(
        publication.blocks.items(), key=lambda item: (item[1].get("order", 0), item[0])
    )
    for code, _stored in ordered:
        kind = kinds.get(code, "")
        match = before_by_kind.get(kind)
        pairs.append(
            BlockPair(
                kind=kind,
                kind_label=str(UnitKind(kind).label) if kind in UnitKind.values else "",
                before=None if match is None else _side(before, match, before_rows[match]),
                after=_side(publication, code, after_rows[code]),
            )
        )
        if kind == UnitKind.COMMUNE:
            commune_rows += after_rows[code]
    return ReformComparison(
        year=year,
        before_year=before.period.year,
        pairs=pairs,
        former_districts=_former_districts(commune_rows, year),
    )
