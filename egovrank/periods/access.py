"""Who may see and change periods. Every view fetches periods and participants here."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from egovrank.core.roles import Person, Roles, roles_of

from .models import Participant, Period

__all__ = [
    "access_participant",
    "access_period",
    "can_manage_periods",
    "can_see_dashboard",
    "can_see_period_records",
    "can_see_periods",
    "dashboard_participants",
]


def can_see_periods(roles: Roles) -> bool:
    """Periods, their deadlines and participants are no secret inside the government."""
    return roles.any


def can_manage_periods(roles: Roles) -> bool:
    return roles.administrator


def can_see_period_records(roles: Roles) -> bool:
    """The period's history and the reasons for extensions: the province's staff."""
    return roles.sees_every_unit


def can_see_dashboard(roles: Roles) -> bool:
    return roles.sees_every_unit or bool(roles.reviewed_districts)


def access_period(user: Person, year: int) -> Period:
    """The period of ``year``; 404 if there is none. Everyone with a role sees them all."""
    if not can_see_periods(roles_of(user)):
        raise Http404
    try:
        return Period.objects.get(year=year)
    except Period.DoesNotExist:
        raise Http404 from None


def access_participant(user: Person, period: Period, pk: int) -> Participant:
    """A participant of ``period`` for the administrator to change; 404 otherwise."""
    if not can_manage_periods(roles_of(user)):
        raise Http404
    try:
        return period.participants.select_related("period").get(pk=pk)
    except Participant.DoesNotExist:
        raise Http404 from None


def dashboard_participants(user: Person, period: Period) -> QuerySet[Participant]:
    """The participants whose progress ``user`` may follow: all of them for the
    province's staff; for a district reviewer, those its district reviews."""
    roles = roles_of(user)
    participants = period.participants.all()
    if roles.sees_every_unit:
        return participants
    if not roles.reviewed_districts:
        return participants.none()
    return participants.filter(reviewer_unit_id__in=roles.reviewed_districts)
