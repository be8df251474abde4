"""A district's communes ranked within the district, as the results rank them now: what
a forwarding carries to the lead agency (``Forwarding.ranking``) and what the district's page
shows before it is forwarded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from egovrank.orgs.models import Unit
from egovrank.periods.models import Period
from egovrank.scoring.engine import RankedUnit

from .slots import district_standings

__all__ = ["RankingEntry", "district_ranking", "ranking_entry"]


class RankingEntry(TypedDict):
    """One commune of ``Forwarding.ranking``: plain JSON, numbers as decimal text."""

    code: str
    name: str
    state: str
    points: str
    max_points: str
    percent: str
    level: str
    level_name: str
    rank: int | None


def ranking_entry(row: RankedUnit, state: str, *, english: bool = False) -> RankingEntry:
    """One commune's line: the core's row and the commune's form state. The level name
    is in Vietnamese, as a forwarding stores it, or in English where there is one and
    ``english`` asks for it."""
    level = row.score.level
    return {
        "code": row.unit.code,
        "name": row.unit.name,
        "state": state,
        "points": str(row.score.points),
        "max_points": str(row.score.max_points),
        "percent": str(row.score.percent),
        "level": level.code if level else "",
        "level_name": row.score.level_name("en" if english else "vi"),
        "rank": row.rank_in_parent,
    }


def district_ranking(
    period: Period, district: Unit, states: Mapping[str, str], *, english: bool = False
) -> list[RankingEntry]:
    """The communes of ``states`` (unit code → form state), ranked within ``district``,
    as the results rank them now, in the results' order."""
    return [
        ranking_entry(standing.ranked, states[standing.ranked.unit.code], english=english)
        for standing in district_standings(period, district)
        if standing.ranked.unit.code in states
    ]
