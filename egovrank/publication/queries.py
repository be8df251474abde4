"""What the public sees, read only from published snapshots (``results.Publication`` and
its ``PublishedResult`` rows), never from live forms or reviews.

A period's current results are those of its latest publication: a correction publishes
the next number and supersedes the earlier ones, which stay readable. Every function here
runs a fixed number of queries, whatever the number of units.

Self-assessed points are in the snapshot but internal: nothing here reads them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, Max, Q
from django.db.models.fields.json import KT, KeyTextTransform
from django.http import Http404
from django.utils.translation import get_language

from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of
from egovrank.orgs.choices import SuccessionKind
from egovrank.orgs.models import UnitSuccession
from egovrank.results.models import Publication, PublishedResult
from egovrank.results.queries import GroupColumn, converted_scale_of, shown_percent, shown_points
from egovrank.scoring.collation import vietnamese_sort_key
from egovrank.scoring.engine import INFO, NOT_APPLICABLE
from egovrank.scoring.numbers import percent_of

__all__ = [
    "BlockSummary",
    "CriterionLine",
    "Earlier",
    "GroupProfile",
    "HistoryPoint",
    "LevelInfo",
    "Movement",
    "PublicRow",
    "block_converted_scale",
    "block_groups",
    "block_percent_places",
    "block_levels",
    "block_movements",
    "block_summaries",
    "by_district",
    "current_publication",
    "current_publications",
    "earlier_publications",
    "formed_by_reorganisation",
    "group_profile",
    "level_counts",
    "movement_of",
    "previous_results",
    "public_rows",
    "published_years",
    "unit_criteria",
    "unit_history",
    "unit_movement",
    "unit_result",
]


def published_years() -> list[int]:
    """Years with at least one publication, newest first (one query)."""
    return sorted(set(Publication.objects.values_list("period__year", flat=True)), reverse=True)


def current_publication(year: int) -> Publication:
    """The latest publication of ``year``'s period; 404 when the year has none."""
    found: Publication | None = (
        Publication.objects.select_related("period")
        .filter(period__year=year)
        .order_by("-number")
        .first()
    )
    if found is None:
        raise Http404
    return found


def current_publications() -> list[Publication]:
    """The latest publication of every published year, newest year first (two queries)."""
    latest = Publication.objects.values("period_id").annotate(number=Max("number"))
    wanted = Q(pk__in=[])
    for row in latest:
        wanted |= Q(period_id=row["period_id"], number=row["number"])
    return list(
        Publication.objects.select_related("period").filter(wanted).order_by("-period__year")
    )


def earlier_publications(publication: Publication) -> list[Publication]:
    """The publications of the same period before ``publication``, newest first."""
    return list(
        Publication.objects.filter(
            period_id=publication.period_id, number__lt=publication.number
        ).order_by("-number")
    )


def unit_result(publication: Publication, unit_code: str) -> PublishedResult:
    """A unit's published row; 404 when the unit was not in that publication."""
    found: PublishedResult | None = publication.results.filter(unit_code=unit_code).first()
    if found is None:
        raise Http404
    return found


def previous_results(result: PublishedResult, year: int) -> list[PublishedResult]:
    """The results of the year before ``year`` that ``result``'s unit continues: its own,
    or, when it was renamed, split or merged, those of its predecessors (through
    ``orgs.UnitSuccession``). Empty when that year was not published or the unit is new.
    Three queries."""
    try:
        earlier = current_publication(year - 1)
    except Http404:
        return []
    unit_ids = {result.unit_id}
    # A link that starts after ``year`` is a later reorganisation: its predecessor was
    # still a unit of its own in ``year``, not part of this one.
    unit_ids |= set(
        UnitSuccession.objects.filter(successor_id=result.unit_id, year__lte=year).values_list(
            "predecessor_id", flat=True
        )
    )
    return list(
        earlier.results.filter(unit_id__in=unit_ids)
        .select_related("publication__period")
        .order_by("rank", "pk")
    )


# --- A block as published -------------------------------------------------------------


@dataclass(frozen=True)
class LevelInfo:
    """One level of a block's scale (highest first in a list): reached from
    ``min_percent`` of the maximum upwards. The pages and the exports read it."""

    code: str
    name: str
    min_percent: Decimal


def block_levels(publication: Publication, block_code: str) -> list[LevelInfo]:
    block = publication.blocks.get(block_code, {})
    return [
        LevelInfo(code, name, Decimal(minimum)) for code, name, minimum in block.get("levels", [])
    ]


def block_groups(publication: Publication, block_code: str) -> list[GroupColumn]:
    block = publication.blocks.get(block_code, {})
    return [
        GroupColumn(code, name, Decimal(maximum)) for code, name, maximum in block.get("groups", [])
    ]


def _ordered_blocks(publication: Publication) -> list[tuple[str, dict[str, Any]]]:
    return sorted(publication.blocks.items(), key=lambda item: (item[1].get("order", 0), item[0]))


@dataclass
class PublicRow:
    """One unit's line in a public ranking table: only what was announced."""

    rank: int | None
    rank_in_district: int | None
    unit_code: str
    unit_name: str
    unit_id: int
    district_code: str
    district_name: str
    submitted: bool
    groups: list[Decimal | None]  # per group column; None when not applicable
    points: Decimal
    max_points: Decimal
    percent: Decimal
    level_code: str
    level_name: str
    movement: Movement | None = None
    level_name_en: str = ""
    not_ranked_reason: str = ""  # a unit evaluated but not ranked: why (shown as its rank)
    converted: Decimal | None = None  # the converted score, when the set names a scale

    @property
    def level_label(self) -> str:
        """The level's name in the page's language ("" in an index that only ranks)."""
        if self.level_name_en and (get_language() or "vi").startswith("en"):
            return self.level_name_en
        return self.level_name


_ROW_FIELDS = (
    "unit_code",
    "unit_name",
    "unit_id",
    "district_code",
    "district_name",
    "submitted",
    "rank",
    "rank_in_district",
    "points",
    "max_points",
    "percent",
    "level_code",
    "level_name",
    "level_name_en",
    "not_ranked_reason",
    "converted",
)


def public_rows(
    publication: Publication, block_code: str, *, groups: bool = True
) -> list[PublicRow]:
    """A block's published rows in ranking order (one query); 404 when the publication
    has no such block. With ``groups``, each row's points per group, read by the
    database out of the stored nodes (decoding every row's whole tree in Python would
    cost a second per ten thousand units). The self-assessed points are not even read."""
    if block_code not in publication.blocks:
        raise Http404
    group_codes = [group.code for group in block_groups(publication, block_code)] if groups else []
    cells: dict[str, KeyTextTransform] = {}
    for index, code in enumerate(group_codes):
        cells[f"group_{index}_points"] = KT(f"nodes__{code}__0")
        cells[f"group_{index}_status"] = KT(f"nodes__{code}__2")
    rows = []
    # Rows were written in the core's ranking order (ties in Vietnamese alphabetical
    # order), so their ids keep it.
    found = (
        publication.results.filter(block_code=block_code)
        .order_by("pk")
        .annotate(**cells)
        .values_list(*_ROW_FIELDS, *cells)
    )
    width = len(_ROW_FIELDS)
    shown = shown_points(publication.blocks[block_code])
    percent_shown = shown_percent(publication.blocks[block_code])
    for values in found:
        (code, name, unit_id, district_code, district_name, submitted, rank, rank_in_district,
         points, max_points, percent, level_code, level_name, level_name_en,
         not_ranked_reason, converted) = values[:width]  # fmt: skip
        group_points: list[Decimal | None] = []
        for index in range(width, len(values), 2):
            group, status = values[index], values[index + 1]
            group_points.append(None if status == NOT_APPLICABLE else shown(Decimal(group or 0)))
        rows.append(
            PublicRow(
                rank,
                rank_in_district,
                code,
                name,
                unit_id,
                district_code,
                district_name,
                submitted,
                group_points,
                points,
                max_points,
                percent_shown(percent),
                level_code,
                level_name,
                None,
                level_name_en,
                not_ranked_reason,
                converted,
            )  # fmt: skip
        )
    return rows


def block_converted_scale(publication: Publication, block_code: str) -> Decimal | None:
    """The scale of the block's converted score, or None when its set names none."""
    return converted_scale_of(publication.blocks.get(block_code, {}))


def block_percent_places(publication: Publication, block_code: str) -> int:
    """The places of the block's percentage (``scoring.percent_decimals``, 2 by default)."""
    return int(publication.blocks.get(block_code, {}).get("percent_decimals", 2))


def by_district(rows: list[PublicRow]) -> list[tuple[str, list[PublicRow]]]:
    """The rows of a block whose units belong to districts, per district (districts in
    Vietnamese alphabetical order), each in its rank within the district."""
    districts: dict[str, list[PublicRow]] = defaultdict(list)
    for row in rows:
        if row.district_name:
            districts[row.district_name].append(row)
    ordered = sorted(districts.items(), key=lambda item: vietnamese_sort_key(item[0]))
    # ``sorted`` is stable: ties within a district keep the block's (alphabetical) order.
    return [
        (
            name,
            sorted(
                members, key=lambda row: (row.rank_in_district is None, row.rank_in_district or 0)
            ),
        )
        for name, members in ordered
    ]


@dataclass
class BlockSummary:
    """A block of a publication at a glance: its units and how many reached each level."""

    code: str
    name: str
    units: int
    has_districts: bool
    levels: list[tuple[LevelInfo, int]]

    @property
    def bands(self) -> list[dict[str, Any]]:
        """Each level with its count and the share it spans: from its threshold up to
        the next level's (none above the highest)."""
        bands = []
        upper: Decimal | None = None
        for level, count in self.levels:
            bands.append({"level": level, "count": count, "low": level.min_percent, "high": upper})
            upper = level.min_percent
        return bands


def level_counts(publications: list[Publication]) -> dict[tuple[int, str], BlockSummary]:
    """Per (publication id, block code), the block's summary (one query)."""
    found: dict[tuple[int, str], dict[str, int]] = defaultdict(dict)
    districts: set[tuple[int, str]] = set()
    counts = (
        PublishedResult.objects.filter(publication__in=[p.pk for p in publications])
        .values("publication_id", "block_code", "level_code")
        .annotate(units=Count("pk"), with_district=Count("pk", filter=~Q(district_code="")))
        .order_by()
    )
    for row in counts:
        key = (row["publication_id"], row["block_code"])
        found[key][row["level_code"]] = row["units"]
        if row["with_district"]:
            districts.add(key)
    summaries = {}
    for publication in publications:
        for code, block in _ordered_blocks(publication):
            key = (publication.pk, code)
            per_level = found.get(key, {})
            summaries[key] = BlockSummary(
                code=code,
                name=block.get("name", code),
                units=sum(per_level.values()),
                has_districts=key in districts,
                levels=[
                    (level, per_level.get(level.code, 0))
                    for level in block_levels(publication, code)
                ],
            )
    return summaries


def block_summaries(publication: Publication) -> list[BlockSummary]:
    """The publication's blocks in their order, each with its count per level."""
    summaries = level_counts([publication])
    return [summaries[(publication.pk, code)] for code, _block in _ordered_blocks(publication)]


# --- Movement against the previous year --------------------------------------------------


@dataclass(frozen=True)
class Earlier:
    """A published result of an earlier year that a unit continues."""

    year: int
    unit_code: str
    unit_name: str
    block_code: str
    block_name: str
    rank: int | None
    points: Decimal
    max_points: Decimal
    percent: Decimal
    level_code: str
    level_name: str
    own: bool  # the same unit, not a predecessor


@dataclass(frozen=True)
class Movement:
    """A unit's result against the year before: the earlier results it continues (its
    own, or its predecessors' when it was renamed or merged) and, when one of them is
    comparable, the change of rank and share."""

    year: int
    earlier: tuple[Earlier, ...]
    rank_change: int | None = None  # places moved up (negative: down)
    percent_change: Decimal | None = None  # percentage points
    # Formed this year by a merger or split ("thành lập sau sắp xếp"): its predecessors'
    # results are shown, but no rank or share is compared with theirs.
    reorganised: bool = False

    @property
    def new(self) -> bool:
        return not self.earlier

    @property
    def merged(self) -> bool:
        return len(self.earlier) > 1

    @property
    def renamed(self) -> bool:
        return len(self.earlier) == 1 and not self.earlier[0].own

    @property
    def basis(self) -> Earlier | None:
        """The earlier result the change is measured against: the unit's own, else its
        only predecessor's."""
        own = [item for item in self.earlier if item.own]
        if own:
            return own[0]
        if len(self.earlier) == 1:
            return self.earlier[0]
        return None


def _earlier(
    result: PublishedResult | _Stored,
    year: int,
    blocks: Mapping[str, Mapping[str, Any]],
    own: bool,
) -> Earlier:
    """``result`` as its own publication shows it: ``blocks`` is that publication's, for
    the block's name and the places of its percentage."""
    block = blocks.get(result.block_code, {})
    return Earlier(
        year=year,
        unit_code=result.unit_code,
        unit_name=result.unit_name,
        block_code=result.block_code,
        block_name=str(block.get("name", result.block_code)),
        rank=result.rank,
        points=result.points,
        max_points=result.max_points,
        percent=shown_percent(block)(result.percent),
        level_code=result.level_code,
        level_name=result.level_name,
        own=own,
    )


def _own_first(item: Earlier) -> tuple[bool, bool, int]:
    """The unit's own results before its predecessors', each by rank, unranked last."""
    return (not item.own, item.rank is None, item.rank or 0)


def formed_by_reorganisation(unit_id: int, year: int) -> bool:
    """Whether the unit was formed in ``year`` by a merger or split (the 2025 reform
    forms every commune and ward so): a link into it starts that year and is not a mere
    rename. Read from the successor links, never from the code (codes are reused). One
    query."""
    return (
        UnitSuccession.objects.filter(successor_id=unit_id, year=year)
        .exclude(kind=SuccessionKind.RENAMED)
        .exists()
    )


def unit_movement(
    result: PublishedResult, year: int, *, reorganised: bool = False
) -> Movement | None:
    """``result`` against the year before, carried across renames and merges; None when
    the year before was not published. ``reorganised``: formed this year (see
    ``formed_by_reorganisation``), so nothing is compared."""
    try:
        current_publication(year - 1)
    except Http404:
        return None
    earlier = [
        _earlier(item, year - 1, item.publication.blocks, item.unit_id == result.unit_id)
        for item in previous_results(result, year)
    ]
    earlier.sort(key=_own_first)
    percent = shown_percent(result.publication.blocks.get(result.block_code, {}))(result.percent)
    return movement_of(
        result.unit_id,
        result.block_code,
        result.rank,
        percent,
        year - 1,
        earlier,
        reorganised=reorganised,
    )


def movement_of(
    unit_id: int,
    block_code: str,
    rank: int | None,
    percent: Decimal,
    year: int,
    earlier: list[Earlier],
    *,
    reorganised: bool = False,
) -> Movement:
    """The movement of a unit ranked ``rank`` with ``percent`` against ``earlier``.
    Ranks are compared only within the same block: another block is another ranking,
    and a unit formed by a reorganisation is compared with nothing."""
    movement = Movement(year, tuple(earlier), reorganised=reorganised)
    basis = movement.basis
    if basis is None or reorganised:
        return movement
    rank_change = None
    if basis.block_code == block_code and basis.rank is not None and rank is not None:
        rank_change = basis.rank - rank
    return Movement(year, tuple(earlier), rank_change, percent - basis.percent)


_EARLIER_FIELDS = (
    "unit_id",
    "unit_code",
    "unit_name",
    "block_code",
    "rank",
    "points",
    "max_points",
    "percent",
    "level_code",
    "level_name",
)


@dataclass(frozen=True)
class _Stored:
    unit_id: int
    unit_code: str
    unit_name: str
    block_code: str
    rank: int | None
    points: Decimal
    max_points: Decimal
    percent: Decimal
    level_code: str
    level_name: str


def block_movements(
    publication: Publication, block_code: str, rows: list[PublicRow]
) -> dict[int, Movement] | None:
    """Each row's movement against the year before, by unit id (three queries); None
    when the year before has no publication."""
    year = publication.period.year
    try:
        earlier = current_publication(year - 1)
    except Http404:
        return None
    in_block = publication.results.filter(block_code=block_code).values("unit_id")
    predecessors: dict[int, set[int]] = defaultdict(set)
    formed: set[int] = set()  # formed this year by a merger or split
    for successor_id, predecessor_id, starts, kind in UnitSuccession.objects.filter(
        successor_id__in=in_block, year__lte=year
    ).values_list("successor_id", "predecessor_id", "year", "kind"):
        predecessors[successor_id].add(predecessor_id)
        if starts == year and kind != SuccessionKind.RENAMED:
            formed.add(successor_id)
    wanted = {row.unit_id for row in rows} | {p for ids in predecessors.values() for p in ids}
    stored: dict[int, list[_Stored]] = defaultdict(list)
    for values in (
        earlier.results.filter(
            Q(unit_id__in=in_block)
            | Q(
                unit_id__in=UnitSuccession.objects.filter(
                    successor_id__in=in_block, year__lte=year
                ).values("predecessor_id")
            )
        )
        .order_by("rank", "pk")
        .values_list(*_EARLIER_FIELDS)
    ):
        item = _Stored(*values)
        if item.unit_id in wanted:
            stored[item.unit_id].append(item)
    movements = {}
    for row in rows:
        found = [
            _earlier(item, year - 1, earlier.blocks, True) for item in stored.get(row.unit_id, [])
        ]
        for predecessor in sorted(predecessors.get(row.unit_id, ())):
            found += [
                _earlier(item, year - 1, earlier.blocks, False)
                for item in stored.get(predecessor, [])
            ]
        found.sort(key=_own_first)
        movements[row.unit_id] = movement_of(
            row.unit_id,
            block_code,
            row.rank,
            row.percent,
            year - 1,
            found,
            reorganised=row.unit_id in formed,
        )
    return movements


# --- One unit -------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionLine:
    """A group, criterion or sub-criterion of a unit's published result."""

    code: str
    name: str
    depth: int  # 0 for a group
    points: Decimal
    max_points: Decimal
    not_applicable: bool

    @property
    def lost(self) -> Decimal:
        return self.max_points - self.points


def _criteria_set(publication: Publication, block_code: str) -> Any:
    """The criteria set the block was published with, or None when its version is gone.
    Versions in use are frozen, so the stored set is the one the results came from."""
    set_id = publication.blocks.get(block_code, {}).get("set_id")
    version = CriteriaVersion.objects.filter(set_id=set_id).first() if set_id else None
    return criteria_set_of(version) if version is not None else None


def unit_criteria(
    publication: Publication, result: PublishedResult, *, english: bool = False
) -> list[CriterionLine]:
    """The unit's groups, criteria and sub-criteria in the set's order, with the
    verified points against the maximum from the snapshot (one query, for the set).
    Informational fields carry no points and are left out."""
    criteria_set = _criteria_set(publication, result.block_code)
    stored = result.nodes
    shown = shown_points(publication.blocks.get(result.block_code, {}))
    lines: list[CriterionLine] = []

    def line(code: str, name: str, depth: int) -> None:
        entry = stored.get(code)
        if entry is None or entry[2] == INFO:
            return
        points, maximum, status = entry
        lines.append(
            CriterionLine(
                code,
                name,
                depth,
                shown(Decimal(points)),
                Decimal(maximum),
                status == NOT_APPLICABLE,
            )
        )

    if criteria_set is None:
        groups = {group.code for group in block_groups(publication, result.block_code)}
        for code in stored:
            line(code, code, 0 if code in groups else 1)
        return lines

    def walk(node: Any, depth: int) -> None:
        if not node.carries_points:
            return
        line(node.code, (english and node.name_en) or node.name, depth)
        for child in node.children:
            walk(child, depth + 1)

    for group in criteria_set.groups:
        walk(group, 0)
    return lines


@dataclass(frozen=True)
class GroupProfile:
    """A unit's share of one group's maximum, beside the block's average share."""

    code: str
    name: str
    points: Decimal | None  # None when the group does not apply to the unit
    max_points: Decimal
    percent: Decimal | None
    average_percent: Decimal | None  # None when it applies to no unit


def _share(entry: list[str] | None) -> Fraction | None:
    if entry is None or entry[2] == NOT_APPLICABLE:
        return None
    maximum = Fraction(Decimal(entry[1]))
    if maximum <= 0:
        return None
    return Fraction(Decimal(entry[0])) / maximum


def group_profile(publication: Publication, result: PublishedResult) -> list[GroupProfile]:
    """The unit's share of each group's maximum and the block's average share (the mean
    of every unit's share of that group, among the units it applies to); one query."""
    groups = block_groups(publication, result.block_code)
    shown = shown_points(publication.blocks.get(result.block_code, {}))
    totals: dict[str, list[Fraction]] = {group.code: [] for group in groups}
    for nodes in publication.results.filter(block_code=result.block_code).values_list(
        "nodes", flat=True
    ):
        for group in groups:
            share = _share(nodes.get(group.code))
            if share is not None:
                totals[group.code].append(share)
    profile = []
    for group in groups:
        entry = result.nodes.get(group.code)
        share = _share(entry)
        shares = totals[group.code]
        average = sum(shares, Fraction(0)) / len(shares) if shares else None
        profile.append(
            GroupProfile(
                code=group.code,
                name=group.name,
                points=shown(Decimal(entry[0])) if share is not None and entry else None,
                max_points=Decimal(entry[1]) if entry else group.max_points,
                percent=percent_of(share) if share is not None else None,
                average_percent=percent_of(average) if average is not None else None,
            )
        )
    return profile


@dataclass(frozen=True)
class HistoryPoint:
    """A result of the unit, or of a unit it continues, in one published year."""

    result: Earlier
    units_in_block: int
    main: bool  # the line of the year-over-year chart goes through it


def _lineage(unit_id: int, as_of: int) -> dict[int, int | None]:
    """The unit and every unit it continues as of ``as_of`` (a reorganisation that
    starts later is not part of that year's unit), directly or through others, each with
    the last year its results count for this unit (None: every year). One query."""
    links: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for predecessor, successor, year in UnitSuccession.objects.filter(year__lte=as_of).values_list(
        "predecessor_id", "successor_id", "year"
    ):
        links[successor].append((predecessor, year))
    limits: dict[int, int | None] = {unit_id: None}
    pending = [unit_id]
    while pending:
        current = pending.pop()
        for predecessor, starts in links.get(current, []):
            # The predecessor's own results stop the year before the link starts, and
            # never reach past its successor's.
            reach = limits[current]
            limit = starts - 1 if reach is None else min(reach, starts - 1)
            if predecessor in limits:
                known = limits[predecessor]
                if known is None or known >= limit:
                    continue
            limits[predecessor] = limit
            pending.append(predecessor)
    return limits


def _block_sizes(keys: set[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """The number of units of each (publication id, block code) (one query)."""
    if not keys:
        return {}
    wanted = Q(pk__in=[])
    for publication_id, block_code in keys:
        wanted |= Q(publication_id=publication_id, block_code=block_code)
    return {
        (row["publication_id"], row["block_code"]): row["units"]
        for row in PublishedResult.objects.filter(wanted)
        .values("publication_id", "block_code")
        .annotate(units=Count("pk"))
        .order_by()
    }


def unit_history(result: PublishedResult, year: int) -> list[HistoryPoint]:
    """The results of ``result``'s unit, and of the units it continues as of ``year``
    (its publication's year), in every published year, oldest first (five queries)."""
    limits = _lineage(result.unit_id, year)
    publications = {publication.pk: publication for publication in current_publications()}
    found = (
        PublishedResult.objects.filter(
            publication_id__in=list(publications), unit_id__in=list(limits)
        )
        .order_by("pk")
        .values_list("publication_id", *_EARLIER_FIELDS)
    )
    by_year = {publication.period.year: publication for publication in publications.values()}
    per_year: dict[int, list[_Stored]] = defaultdict(list)
    for publication_id, *values in found:
        item = _Stored(*values)
        shown = publications[publication_id].period.year
        limit = limits[item.unit_id]
        if limit is None or shown <= limit:
            per_year[shown].append(item)
    sizes = _block_sizes(
        {
            (by_year[shown].pk, item.block_code)
            for shown, items in per_year.items()
            for item in items
        }
    )
    history = []
    for shown in sorted(per_year):
        items = per_year[shown]
        own = [item for item in items if item.unit_id == result.unit_id]
        main = own[0] if own else (items[0] if len(items) == 1 else None)
        publication = by_year[shown]
        for item in items:
            history.append(
                HistoryPoint(
                    result=_earlier(
                        item, shown, publication.blocks, item.unit_id == result.unit_id
                    ),
                    units_in_block=sizes.get((publication.pk, item.block_code), 0),
                    main=item is main,
                )
            )
    return history
