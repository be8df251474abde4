"""Who is told about what: the people holding a role for a unit, read from the role
assignments (the same facts ``accounts.roles`` reads)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, QuerySet

from egovrank.core.roles import Role
from egovrank.orgs.choices import UnitKind
from egovrank.periods.models import Participant

__all__ = [
    "district_reviewers",
    "people_of_units",
    "province_staff",
    "reviewers_of",
    "unit_people",
]


def _holding(role: str, **unit: Any) -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(is_active=True, role_assignments__role=role, **unit)
        .distinct()
        .order_by("pk")
    )


def unit_people(unit_id: int) -> list[Any]:
    """The officers and head of a unit: the people who fill in and submit its form."""
    people = {
        person.pk: person
        for role in (Role.UNIT_HEAD, Role.UNIT_OFFICER)
        for person in _holding(role, role_assignments__unit_id=unit_id)
    }
    return list(people.values())


def people_of_units(unit_ids: Iterable[int]) -> dict[int, list[Any]]:
    """``unit_people`` of many units at once, by unit id (one query)."""
    found: dict[int, dict[int, Any]] = defaultdict(dict)
    people = (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role__in=(Role.UNIT_HEAD, Role.UNIT_OFFICER),
            role_assignments__unit_id__in=list(unit_ids),
        )
        .annotate(held_at=F("role_assignments__unit_id"))
        .order_by("pk")
    )
    for person in people:
        found[person.held_at][person.pk] = person
    return {unit_id: list(held.values()) for unit_id, held in found.items()}


def reviewers_of(participant: Participant) -> list[Any]:
    """The people who review this participant: its district's reviewers, or the
    provincial reviewers when the province reviews it."""
    if participant.reviewer_unit.kind == UnitKind.PROVINCE:
        return list(_holding(Role.PROVINCIAL_REVIEWER))
    return list(
        _holding(Role.DISTRICT_REVIEWER, role_assignments__unit_id=participant.reviewer_unit_id)
    )


def district_reviewers(district_id: int) -> list[Any]:
    return list(_holding(Role.DISTRICT_REVIEWER, role_assignments__unit_id=district_id))


def province_staff() -> list[Any]:
    """Provincial reviewers and administrators (the lead agency)."""
    people = {
        person.pk: person
        for role in (Role.PROVINCIAL_REVIEWER, Role.ADMINISTRATOR)
        for person in _holding(role)
    }
    return list(people.values())
