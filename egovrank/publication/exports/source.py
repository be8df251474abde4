"""What every export writes: a period's result tables with the facts around them (the
announcing decision, each block's levels, each unit's exact share).

Two ways in, one shape out, so each format has one implementation:

- ``from_publication``: a publication's stored snapshot, never recomputed (the public
  downloads, and the command's ``--publication N``);
- ``from_live``: the results as the core computes them now (the command only; these are
  not public).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet

from egovrank.orgs.models import UnitSuccession
from egovrank.periods.models import Period
from egovrank.results.compute import BlockResults
from egovrank.results.models import Publication
from egovrank.results.queries import ResultTable, live_tables, published_tables

from ..queries import LevelInfo, block_levels

__all__ = ["ExportSource", "Predecessor", "file_name", "from_live", "from_publication"]


@dataclass(frozen=True)
class Predecessor:
    """A unit of an earlier year that a unit continues (its successor link): how open
    data follows a commune across the 2025 reform, where codes are reused."""

    unit_code: str
    unit_name: str
    valid_until: int | None  # the last year the predecessor existed
    kind: str  # renamed, merged, split, reorganised
    year: int  # the first year of the successor


def predecessors_by_code(
    units: QuerySet[Any] | list[int], year: int
) -> dict[str, list[Predecessor]]:
    """The successor links into ``units`` (their ids, or a query of them) that started
    by ``year``, by the unit's code (a unit keeps its code for life, and a period has
    each code once); a link of a later reorganisation is not this year's. One query."""
    found: dict[str, list[Predecessor]] = {}
    links = (
        UnitSuccession.objects.filter(successor_id__in=units, year__lte=year)
        .order_by("predecessor__code", "pk")
        .values_list(
            "successor__code",
            "predecessor__code",
            "predecessor__name",
            "predecessor__valid_until",
            "kind",
            "year",
        )
    )
    for code, old_code, old_name, valid_until, kind, starts in links:
        found.setdefault(code, []).append(
            Predecessor(old_code, old_name, valid_until, kind, starts)
        )
    return found


@dataclass
class ExportSource:
    """A period's results ready to be written: tables in ranking order, best level first
    in ``levels``; ``publication`` is None for live results."""

    year: int
    title: str
    tables: list[ResultTable]
    levels: dict[str, list[LevelInfo]]  # by block code
    publication: Publication | None = None
    # The exact share by unit code; filled only for the formats that write it (JSON).
    shares: dict[str, Fraction] = field(default_factory=dict)
    state: str = ""  # the period's state, for live results
    # By unit code: the units each continues (JSON only: ``with_links``).
    predecessors: dict[str, list[Predecessor]] = field(default_factory=dict)
    computed_at: datetime | None = None  # for live results


def file_name(year: int, suffix: str, block: str = "") -> str:
    """``ket-qua-2019.xlsx``, ``ket-qua-2019-khoi03.csv``: ASCII, so every browser and
    mail client keeps it."""
    stem = f"ket-qua-{year}"
    if block:
        stem += "-" + "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in block.lower())
    return f"{stem}.{suffix}"


def from_publication(
    publication: Publication,
    *,
    only: list[str] | None = None,
    with_shares: bool = False,
    with_links: bool = False,
) -> ExportSource:
    """A publication's tables (``only`` those blocks) as stored: one query, two with the
    exact shares, one more with the successor links."""
    tables = published_tables(publication, only=only)
    levels = {
        code: block_levels(publication, code)
        for code in publication.blocks
        if only is None or code in only
    }
    shares: dict[str, Fraction] = {}
    if with_shares:
        rows = publication.results.all()
        if only is not None:
            rows = rows.filter(block_code__in=only)
        shares = {
            code: Fraction(numerator, denominator)
            for code, numerator, denominator in rows.values_list(
                "unit_code", "share_numerator", "share_denominator"
            )
        }
    period = publication.period
    predecessors: dict[str, list[Predecessor]] = {}
    if with_links:
        predecessors = predecessors_by_code(publication.results.values("unit_id"), period.year)
    return ExportSource(
        year=period.year,
        title=period.title,
        tables=tables,
        levels=levels,
        publication=publication,
        shares=shares,
        predecessors=predecessors,
    )


def from_live(
    period: Period, blocks: dict[str, BlockResults], computed_at: datetime
) -> ExportSource:
    """The results ``results.compute`` gave for ``period`` and the units' successor
    links (one query)."""
    return ExportSource(
        year=period.year,
        title=period.title,
        tables=live_tables(blocks),
        levels={
            code: [
                LevelInfo(level.code, level.name, level.min_percent)
                for level in block.criteria_set.levels.levels
            ]
            for code, block in blocks.items()
        },
        shares={
            row.unit.code: row.score.share for block in blocks.values() for row in block.result.rows
        },
        state=period.state,
        computed_at=computed_at,
        predecessors=predecessors_by_code(
            [
                facts.participant.unit_id
                for block in blocks.values()
                for facts in block.units.values()
            ],
            period.year,
        ),
    )
