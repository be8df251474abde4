"""Results shaped for the pages: one table per block, from the live computation (the
results page) or straight from a publication's stored rows (the public page, never
recomputed); the units' standing now and their open corrections, for the review's pages
(``review/slots.py``)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language

from egovrank.orgs.models import Unit
from egovrank.periods.models import Participant, Period
from egovrank.review.slots import Standing
from egovrank.scoring.engine import NOT_APPLICABLE
from egovrank.scoring.numbers import Precision
from egovrank.scoring.tree import CriteriaSet

from .compute import BlockResults, compute
from .models import Correction, Publication

__all__ = [
    "GroupColumn",
    "ResultRow",
    "ResultTable",
    "district_standings",
    "in_correction",
    "live_tables",
    "open_corrections",
    "published_tables",
    "standings",
]


@dataclass(frozen=True)
class GroupColumn:
    code: str
    name: str
    max_points: Decimal


@dataclass
class ResultRow:
    rank: int | None
    rank_in_district: int | None
    unit_code: str
    unit_name: str
    district_name: str
    groups: list[Decimal | None]  # per group column; None when not applicable
    points: Decimal
    max_points: Decimal
    percent: Decimal
    level_code: str
    level_name: str
    submitted: bool
    self_points: Decimal | None = None
    converted: Decimal | None = None  # the converted score, when the set names a scale
    level_name_en: str = ""
    not_ranked_reason: str = ""  # a unit evaluated but not ranked: why (shown as its rank)
    not_reviewed: bool = False  # counted for a preview; the review is not approved
    refused: int = 0  # entries the rules refuse, left out of the score
    correction: Correction | None = None  # open correction of the unit

    @property
    def level_label(self) -> str:
        """The level's name in the page's language ("" in an index that only ranks)."""
        if self.level_name_en and (get_language() or "vi").startswith("en"):
            return self.level_name_en
        return self.level_name


@dataclass
class ResultTable:
    code: str
    name: str
    set_id: str
    version: str
    groups: list[GroupColumn]
    rows: list[ResultRow] = field(default_factory=list)
    # The set's ``converted_scale``: the converted score's column is shown only with one.
    converted_scale: Decimal | None = None

    @property
    def has_districts(self) -> bool:
        return any(row.district_name for row in self.rows)

    @property
    def percent_places(self) -> int:
        """The places of the percentages (rounded to the set's ``percent_decimals``)."""
        return max((max(0, -int(row.percent.as_tuple().exponent)) for row in self.rows), default=2)

    @property
    def slug(self) -> str:
        return "".join(ch if ch.isalnum() else "-" for ch in self.code)


def shown_points_summary(criteria_set: CriteriaSet) -> dict[str, Any]:
    """What a publication's block keeps of how its set rounds, for the group columns: a
    set rounding only the total (``round_at: total``) has unrounded groups, shown with
    the set's places."""
    precision = criteria_set.scoring.precision
    if precision.round_at != "total":
        return {}
    return {"shown_points": [precision.points_decimals, precision.rounding]}


def percent_summary(criteria_set: CriteriaSet) -> dict[str, Any]:
    """What a publication's block keeps of the places of its percentage, when not the
    default two (``scoring.percent_decimals``)."""
    places = criteria_set.scoring.precision.percent_decimals
    return {} if places == 2 else {"percent_decimals": places}


def shown_percent(block: Mapping[str, Any]) -> Callable[[Decimal], Decimal]:
    """A published percentage with its block's places (stored with up to six; read back
    without trailing zeros beyond two)."""
    quantum = Decimal(1).scaleb(-int(block.get("percent_decimals", 2)))
    return lambda value: value.quantize(quantum)


def converted_summary(criteria_set: CriteriaSet) -> dict[str, Any]:
    """What a publication's block keeps of the set's converted score: its scale, when
    the set names one (the converted score's column is shown only then)."""
    scale = criteria_set.scoring.converted_scale
    return {} if scale is None else {"converted_scale": str(scale)}


def converted_scale_of(block: Mapping[str, Any]) -> Decimal | None:
    found = block.get("converted_scale")
    return None if found is None else Decimal(found)


def shown_points(block: Mapping[str, Any]) -> Callable[[Decimal], Decimal]:
    """How a published block's group points are shown (see ``shown_points_summary``)."""
    found = block.get("shown_points")
    if not found:
        return lambda value: value
    places, rounding = found
    return Precision(points_decimals=int(places), rounding=str(rounding)).round_points


def in_correction(participant: Participant) -> bool:
    """Whether the unit is re-opened after publication, its correction not yet
    published."""
    return Correction.objects.filter(participant=participant, published_in__isnull=True).exists()


def standings(period: Period) -> list[Standing]:
    """Every unit as the results rank it now, block by block in ranking order."""
    return [
        Standing(row, facts.counted, facts.self_points)
        for block in compute(period).values()
        for row, facts in block.rows()
    ]


def district_standings(period: Period, district: Unit) -> list[Standing]:
    """The units ranked within ``district`` as the results rank them now (the other
    units of their blocks are scored only where a set ranks on the block's best)."""
    return [
        Standing(row, facts.counted, facts.self_points)
        for block in compute(period, district=district).values()
        for row, facts in block.rows()
        if facts.district is not None and facts.district.pk == district.pk
    ]


def open_corrections(period: Period) -> dict[int, Correction]:
    """The period's open corrections, by participant id."""
    return {
        c.participant_id: c
        for c in Correction.objects.filter(
            participant__period=period, published_in__isnull=True
        ).select_related("opened_by")
    }


def live_tables(
    blocks: dict[str, BlockResults], corrections: dict[int, Correction] | None = None
) -> list[ResultTable]:
    """The computed results of each block, in ranking order."""
    corrections = corrections or {}
    tables = []
    for code, block in blocks.items():
        groups = [
            GroupColumn(node.code, node.name, node.full_max) for node in block.criteria_set.groups
        ]
        table = ResultTable(
            code,
            block.block.name,
            block.version.set_id,
            block.version.version,
            groups,
            converted_scale=block.criteria_set.scoring.converted_scale,
        )
        for row, facts in block.rows():
            score = row.score
            group_points: list[Decimal | None] = []
            for group in groups:
                node = score.node(group.code)
                shown = node.points
                if score.precision.round_at == "total":  # unrounded: shown with the set's places
                    shown = score.precision.round_points(shown)
                group_points.append(None if node.status == NOT_APPLICABLE else shown)
            table.rows.append(
                ResultRow(
                    rank=row.rank,
                    rank_in_district=row.rank_in_parent if facts.district else None,
                    unit_code=row.unit.code,
                    unit_name=row.unit.name,
                    district_name=facts.district.name if facts.district else "",
                    groups=group_points,
                    points=score.points,
                    max_points=score.max_points,
                    percent=score.percent,
                    level_code=score.level.code if score.level else "",
                    level_name=score.level_name("vi"),
                    level_name_en=score.level_name("en"),
                    not_ranked_reason=row.unit.not_ranked_reason if not row.unit.ranked else "",
                    submitted=row.unit.submitted,
                    self_points=facts.self_points,
                    converted=score.converted,
                    not_reviewed=facts.not_reviewed,
                    refused=len(facts.refused),
                    correction=corrections.get(facts.participant.pk),
                )
            )
        tables.append(table)
    return tables


def published_tables(
    publication: Publication, *, only: Collection[str] | None = None
) -> list[ResultTable]:
    """A publication's tables as stored when it was published (one query); ``only``
    limits them to those blocks, so a block's page reads only that block's rows."""
    blocks = sorted(publication.blocks.items(), key=lambda item: (item[1].get("order", 0), item[0]))
    if only is not None:
        blocks = [(code, block) for code, block in blocks if code in only]
    tables: dict[str, ResultTable] = {}
    shown: dict[str, Callable[[Decimal], Decimal]] = {}
    percents: dict[str, Callable[[Decimal], Decimal]] = {}
    for code, block in blocks:
        groups = [
            GroupColumn(group_code, name, Decimal(maximum))
            for group_code, name, maximum in block.get("groups", [])
        ]
        tables[code] = ResultTable(
            code,
            block.get("name", code),
            block.get("set_id", ""),
            block.get("version", ""),
            groups,
            converted_scale=converted_scale_of(block),
        )
        shown[code] = shown_points(block)
        percents[code] = shown_percent(block)
    # Rows were written in the core's ranking order (ties in Vietnamese alphabetical
    # order), so their ids keep it.
    results = publication.results.order_by("pk")
    if only is not None:
        results = results.filter(block_code__in=list(only))
    for result in results:
        table = tables.get(result.block_code)
        if table is None:  # pragma: no cover - every row's block is in ``blocks``
            continue
        group_points: list[Decimal | None] = []
        for group in table.groups:
            points, _maximum, status = result.nodes.get(group.code, ["0", "0", ""])
            group_points.append(
                None if status == NOT_APPLICABLE else shown[result.block_code](Decimal(points))
            )
        table.rows.append(
            ResultRow(
                rank=result.rank,
                rank_in_district=result.rank_in_district,
                unit_code=result.unit_code,
                unit_name=result.unit_name,
                district_name=result.district_name,
                groups=group_points,
                points=result.points,
                max_points=result.max_points,
                percent=percents[result.block_code](result.percent),
                level_code=result.level_code,
                level_name=result.level_name,
                level_name_en=result.level_name_en,
                not_ranked_reason=result.not_ranked_reason,
                submitted=result.submitted,
                self_points=result.self_points,
                converted=result.converted,
            )
        )
    return list(tables.values())
