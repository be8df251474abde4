"""Who may open the insight pages: the one place that decides.

- A unit's "where did we lose points" and its what-if simulator: its own officers and
  head, the administrator and the provincial reviewers (any unit), and a district
  reviewer for the communes its district reviews. That is the reach of the unit's own
  form (``assessments.access``), reused here rather than decided again.
- The province-wide analysis is the lead agency's: the administrator and the provincial
  reviewers.
- Every page reads a published result, so a year without a publication answers 404, as
  does a unit outside a person's reach or not in the publication.

Pages guard their role with ``core.access.role_required`` (sign in first, then 403).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from egovrank.assessments.access import access_participant, has_assessment_role
from egovrank.core.roles import Person, Roles, roles_of
from egovrank.periods.models import Participant
from egovrank.publication.queries import current_publication, unit_result
from egovrank.results.models import Publication, PublishedResult

__all__ = [
    "PublishedUnit",
    "access_analysis",
    "access_published_unit",
    "can_see_analysis",
    "has_insight_role",
]


def has_insight_role(roles: Roles) -> bool:
    """Whether the person may have any unit's insight pages to open."""
    return has_assessment_role(roles)


def can_see_analysis(roles: Roles) -> bool:
    """The province-wide analysis: the lead agency's staff."""
    return roles.sees_every_unit


@dataclass(frozen=True)
class PublishedUnit:
    """A unit of a published year, as a person in reach of it asks for it."""

    participant: Participant
    publication: Publication  # the year's current publication
    result: PublishedResult


def access_published_unit(user: Person, year: int, unit_code: str) -> PublishedUnit:
    """The unit's published result of ``year``; 404 when the unit is out of the person's
    reach, the year has no publication or the unit is not in it."""
    participant = access_participant(user, year, unit_code)
    publication = current_publication(year)
    result = unit_result(publication, unit_code)
    return PublishedUnit(participant, publication, result)


def access_analysis(user: Person, year: int) -> Publication:
    """The current publication of ``year`` for the analysis; 404 when there is none or
    the person may not read the analysis."""
    if not can_see_analysis(roles_of(user)):
        raise Http404
    return current_publication(year)
