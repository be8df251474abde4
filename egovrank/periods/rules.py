"""Facts about periods that several apps ask: who reviews a unit, which district it is
ranked within, whether a moment is past a unit's deadline. No database writes here."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Unit

from .models import Participant

__all__ = ["TWO_TIER_FROM", "deadline_passed", "district_of", "reviewer_unit_for"]

# From 1 July 2025 local government has two tiers: the province reviews every unit.
TWO_TIER_FROM = 2025


def reviewer_unit_for(unit: Unit, year: int, province: Unit) -> Unit:
    """The unit whose reviewers review ``unit`` in ``year``: its district for a commune
    before the two-tier reform, otherwise the province."""
    if (
        year < TWO_TIER_FROM
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
