"""Who may see and change results: the one place that decides.

- Ranks are embargoed until publication: before it, only the administrator and the
  provincial reviewers see the results page (the period's live results).
- Only the administrator finalises, publishes, opens corrections and publishes them.
- A publication is public by definition: anyone, signed in or not, reads it and every
  earlier one.

Pages guard their role with ``core.access.role_required`` (sign in first, then 403);
objects are fetched here and answer 404 when missing or out of reach.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from egovrank.core.roles import Person, Roles, roles_of
from egovrank.periods.models import Participant, Period

from .models import Publication

__all__ = [
    "access_participant",
    "access_publication",
    "access_results_period",
    "can_manage_results",
    "can_see_results",
    "published_period",
    "publications_of",
]


def can_see_results(roles: Roles) -> bool:
    """The live results and ranks, before and after publication."""
    return roles.sees_every_unit


def can_manage_results(roles: Roles) -> bool:
    return roles.administrator


def access_results_period(user: Person, year: int) -> Period:
    """The period whose live results ``user`` asks for; 404 when there is none or the
    person may not see results."""
    if not can_see_results(roles_of(user)):
        raise Http404
    try:
        return Period.objects.get(year=year)
    except Period.DoesNotExist:
        raise Http404 from None


def access_participant(user: Person, period: Period, unit_code: str) -> Participant:
    """A participant of ``period`` for the administrator to re-open; 404 otherwise."""
    if not can_manage_results(roles_of(user)):
        raise Http404
    participant = period.participants.select_related("period").filter(unit_code=unit_code).first()
    if participant is None:
        raise Http404
    return participant


def publications_of(period: Period) -> QuerySet[Publication]:
    """Every publication of the period, newest first."""
    return period.publications.select_related("published_by").order_by("-number")


def published_period(year: int) -> Period:
    """The period of ``year`` once it has a publication (for anyone); 404 before."""
    period = Period.objects.filter(year=year, publications__isnull=False).first()
    if period is None:
        raise Http404
    return period


def access_publication(year: int, number: int) -> Publication:
    """Publication ``number`` of ``year``'s period, for anyone; 404 when there is none."""
    publication: Publication | None = (
        Publication.objects.select_related("period")
        .filter(period__year=year, number=number)
        .first()
    )
    if publication is None:
        raise Http404
    return publication
