"""Who may see, change and submit a unit's self-assessment: the one place that decides.

- A unit's officers and head see and change their own unit's form; only the head
  submits or withdraws it.
- The administrator and the provincial reviewers see every form; a district reviewer
  sees the forms of the units its district reviews (its communes before 2025).
- Nobody else sees anything: a form outside a person's reach answers 404, exactly like
  a form that does not exist; so do its files and links.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from egovrank.core.roles import Person, Roles, roles_of
from egovrank.periods.models import Participant

from .models import EvidenceFile, EvidenceLink

__all__ = [
    "access_evidence",
    "access_participant",
    "access_to_edit",
    "access_to_submit",
    "can_edit",
    "can_submit",
    "has_assessment_role",
    "own_participants",
    "participants_visible_to",
]


def has_assessment_role(roles: Roles) -> bool:
    """Whether the person has any form to open at all."""
    return bool(
        roles.administrator
        or roles.provincial_reviewer
        or roles.reviewed_districts
        or roles.own_units
    )


def participants_visible_to(user: Person) -> QuerySet[Participant]:
    roles = roles_of(user)
    participants = Participant.objects.all()
    if roles.sees_every_unit:
        return participants
    return participants.filter(
        Q(unit_id__in=roles.own_units) | Q(reviewer_unit_id__in=roles.reviewed_districts)
    )


def own_participants(user: Person) -> QuerySet[Participant]:
    """The participants of the units the person fills in or submits for."""
    return Participant.objects.filter(unit_id__in=roles_of(user).own_units)


PAGE_RELATED = ("period", "unit", "block", "reviewer_unit")


def access_participant(
    user: Person, year: int, unit_code: str, related: tuple[str, ...] = PAGE_RELATED
) -> Participant:
    """The participant whose form the person asks for, or 404; with ``related`` read
    in the same query (a page shows them all; a save needs only the period)."""
    participant = (
        participants_visible_to(user)
        .select_related(*related)
        .filter(period__year=year, unit_code=unit_code)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def access_to_edit(
    user: Person, year: int, unit_code: str, related: tuple[str, ...] = PAGE_RELATED
) -> Participant:
    """The form for someone who fills it in; 404 beyond the person's reach, and 403 for
    those who may only read it."""
    participant = access_participant(user, year, unit_code, related)
    if not can_edit(user, participant):
        raise PermissionDenied
    return participant


def access_to_submit(user: Person, year: int, unit_code: str) -> Participant:
    """The form for its unit's head, who submits and withdraws it; 404 beyond the
    person's reach, and 403 for the others who see it."""
    participant = access_participant(user, year, unit_code)
    if not can_submit(user, participant):
        raise PermissionDenied
    return participant


Evidence = TypeVar("Evidence", EvidenceFile, EvidenceLink)


def access_evidence(
    participant: Participant, model: type[Evidence], pk: int, *, include_removed: bool = False
) -> Evidence:
    """A file or link of ``participant``'s form, or 404. Fetch the participant first
    through ``access_participant`` (or an ``access_to_…``): the evidence is visible to
    exactly those who see the form. A removed one answers 404 unless ``include_removed``
    (the history still names removed files, so their download stays open)."""
    found = model.objects.filter(pk=pk, assessment__participant=participant)
    if not include_removed:
        found = found.filter(removed_at__isnull=True)
    item = found.first()
    if item is None:
        raise Http404
    return item


def can_edit(user: Person, participant: Participant) -> bool:
    """The unit's officers and head fill in the form (reviewers and the administrator
    read it: the answers are the unit's own claim)."""
    return participant.unit_id in roles_of(user).own_units


def can_submit(user: Person, participant: Participant) -> bool:
    """The decision makes the head responsible: only the head submits or withdraws."""
    return participant.unit_id in roles_of(user).head_units
