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

from egovrank.periods.models import Period
from egovrank.results.compute import BlockResults
from egovrank.results.models import Publication
from egovrank.results.queries import ResultTable, live_tables, published_tables

from ..queries import LevelInfo, block_levels

__all__ = ["ExportSource", "file_name", "from_live", "from_publication"]


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
    computed_at: datetime | None = None  # for live results


def file_name(year: int, suffix: str, block: str = "") -> str:
    """``ket-qua-2019.xlsx``, ``ket-qua-2019-khoi03.csv``: ASCII, so every browser and
    mail client keeps it."""
    stem = f"ket-qua-{year}"
    if block:
        stem += "-" + "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in block.lower())
    return f"{stem}.{suffix}"


def from_publication(
    publication: Publication, *, only: list[str] | None = None, with_shares: bool = False
) -> ExportSource:
    """A publication's tables (``only`` those blocks) as stored: one query, two with the
    exact shares."""
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
    return ExportSource(
        year=period.year,
        title=period.title,
        tables=tables,
        levels=levels,
        publication=publication,
        shares=shares,
    )


def from_live(
    period: Period, blocks: dict[str, BlockResults], computed_at: datetime
) -> ExportSource:
    """The results ``results.compute`` gave for ``period`` (no further query)."""
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
    )
