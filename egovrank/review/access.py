"""Who may review which form, and who may forward or send back a district's results:
the one place that decides.

- The provincial reviewers review the forms the province reviews (Khối 01 and 02, and
  every unit from 2025); a district reviewer reviews its district's communes only.
- During a correction after publication, only the provincial reviewers review the
  re-opened unit, whatever its block.
- The administrator and the provincial reviewers may read every review; a district
  reviewer reads those of its communes. Anything else answers 404.
- A unit never reads the review page; it sees the outcome on its own form once the
  review is approved (``unit_sees_review``).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.core.roles import Person, Roles, roles_of
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Unit
from egovrank.periods.models import Participant, Period

from .slots import in_correction

__all__ = [
    "access_district",
    "access_review",
    "can_forward",
    "can_review",
    "can_send_back",
    "has_review_role",
    "hidden_history",
    "readable_reviews",
    "reviewed_by",
    "unit_sees_review",
]


def has_review_role(roles: Roles) -> bool:
    return roles.sees_every_unit or bool(roles.reviewed_districts)


def reviewed_by(user: Person) -> Q:
    """Participants the person reviews (before any correction)."""
    roles = roles_of(user)
    scope = Q(pk__in=[])
    if roles.provincial_reviewer:
        scope |= Q(reviewer_unit__kind=UnitKind.PROVINCE)
    if roles.reviewed_districts:
        scope |= Q(reviewer_unit_id__in=roles.reviewed_districts)
    return scope


def readable_reviews(user: Person) -> QuerySet[Participant]:
    """Participants whose review the person may read."""
    roles = roles_of(user)
    participants = Participant.objects.all()
    if roles.sees_every_unit:
        return participants
    if roles.reviewed_districts:
        return participants.filter(reviewer_unit_id__in=roles.reviewed_districts)
    return participants.none()


def access_review(user: Person, year: int, unit_code: str) -> Participant:
    participant = (
        readable_reviews(user)
        .select_related("period", "unit", "block", "reviewer_unit")
        .filter(period__year=year, unit_code=unit_code)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def can_review(user: Person, participant: Participant) -> bool:
    """Whether the person is this form's reviewer (the state may still refuse)."""
    roles = roles_of(user)
    if in_correction(participant):
        return roles.provincial_reviewer
    if participant.reviewer_unit.kind == UnitKind.PROVINCE:
        return roles.provincial_reviewer
    return participant.reviewer_unit_id in roles.reviewed_districts


def access_district(user: Person, period: Period, code: str) -> Unit:
    """A district whose communes' review the person may follow: its own reviewers and
    the province's staff."""
    roles = roles_of(user)
    district = Unit.objects.filter(code=code, kind=UnitKind.DISTRICT).first()
    if district is None:
        raise Http404
    if roles.sees_every_unit or district.pk in roles.reviewed_districts:
        return district
    raise Http404


def can_forward(user: Person, district: Unit) -> bool:
    return district.pk in roles_of(user).reviewed_districts


def can_send_back(user: Person) -> bool:
    """The lead agency sends a district's results back."""
    roles = roles_of(user)
    return roles.provincial_reviewer or roles.administrator


def unit_sees_review(assessment: Assessment | None) -> bool:
    """The unit sees its verified points and the reasons once its review is approved
    (and after publication); before that only the comments sent with a return."""
    if assessment is None:
        return False
    if assessment.state == AssessmentState.APPROVED:
        return True
    return assessment.participant.period.state == "published"


# The reviewer's verdicts stay with the reviewers until the review is approved.
VERDICT_ACTIONS = ("review.accepted", "review.adjusted", "review.cleared")


def hidden_history(
    user: Person, participant: Participant, assessment: Assessment | None
) -> tuple[str, ...]:
    """Actions of a form's history that ``user`` may not read yet."""
    roles = roles_of(user)
    if roles.sees_every_unit or participant.reviewer_unit_id in roles.reviewed_districts:
        return ()
    return () if unit_sees_review(assessment) else VERDICT_ACTIONS
