"""Facts about periods that several apps ask: how a year's evaluation is shaped, who
reviews a unit, which district it is ranked within, whether a moment is past a unit's
deadline. No database writes here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.utils import timezone

from egovrank.orgs.choices import TWO_TIER_FROM, UnitKind
from egovrank.orgs.models import Unit

from .models import Participant

__all__ = [
    "TWO_TIER_FROM",
    "PeriodShape",
    "deadline_passed",
    "district_of",
    "period_shape",
    "reviewer_unit_for",
]


class _HasYear(Protocol):
    @property
    def year(self) -> int: ...


@dataclass(frozen=True)
class PeriodShape:
    """How a year's evaluation is organised. Every app asks this, never the year itself:
    the reform's year is decided here alone (``TWO_TIER_FROM``).

    Three tiers (until 2024): three blocks (sở/ban/ngành, districts, communes); a district
    reviews its communes, ranks them within the district and forwards them to the
    province. Two tiers (from 2025): two blocks (sở/ban/ngành, xã/phường), the province
    reviews every participant, nothing is forwarded and the communes have no district to
    be ranked within; they may be grouped by former district, for comparison only.
    """

    year: int
    two_tier: bool

    @property
    def district_review(self) -> bool:
        """Districts review their communes, rank them within the district and forward
        them to the province."""
        return not self.two_tier

    @property
    def groups_by_former_district(self) -> bool:
        """Communes may be compared by the district their predecessors belonged to (never
        a rank: they are ranked in their block alone)."""
        return self.two_tier


def period_shape(period_or_year: _HasYear | int) -> PeriodShape:
    """The shape of a period (or of a year's evaluation)."""
    year = period_or_year if isinstance(period_or_year, int) else period_or_year.year
    return PeriodShape(year=year, two_tier=year >= TWO_TIER_FROM)


def reviewer_unit_for(unit: Unit, year: int, province: Unit) -> Unit:
    """The unit whose reviewers review ``unit`` in ``year``: its district for a commune
    when districts review (before the two-tier reform), otherwise the province."""
    if (
        period_shape(year).district_review
        and unit.kind == UnitKind.COMMUNE
        and unit.parent is not None
        and unit.parent.kind == UnitKind.DISTRICT
    ):
        return unit.parent
    return province


def district_of(participant: Participant) -> Unit | None:
    """The district a unit is ranked within: the district reviewing it, else its parent
    when that is a district (communes after the 2025 reform have neither)."""
    reviewer = participant.reviewer_unit
    if reviewer.kind == UnitKind.DISTRICT:
        return reviewer
    parent = participant.unit.parent
    if parent is not None and parent.kind == UnitKind.DISTRICT:
        return parent
    return None


def deadline_passed(participant: Participant, now: datetime | None = None) -> bool:
    deadline = participant.deadline
    return deadline is not None and (now or timezone.now()) > deadline
