"""The reviewer's queue: the forms the person reviews in a period, what waits in each
state, and the way to each review and to the districts' forwarding pages.

A reviewer sees the forms they review; the administrator (and a provincial reviewer who
asks for it) sees every form, read-only where they are not its reviewer. A fixed number
of queries, whatever the number of forms.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.progress import NOT_STARTED, state_label
from egovrank.core.access import role_required
from egovrank.core.roles import roles_of
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Unit
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant, Period
from egovrank.periods.rules import district_of
from egovrank.scoring.collation import vietnamese_sort_key

from .access import has_review_role, readable_reviews, reviewed_by
from .models import Forwarding
from .slots import standings

__all__ = ["QUEUE_STATES", "queue"]

# The order the queue lists states in: what waits for the reviewer first.
QUEUE_STATES = [
    AssessmentState.SUBMITTED,
    AssessmentState.IN_REVIEW,
    AssessmentState.RETURNED,
    AssessmentState.DRAFT,
    NOT_STARTED,
    AssessmentState.APPROVED,
    AssessmentState.NOT_SUBMITTED,
]
_STATE_ORDER = {str(state): position for position, state in enumerate(QUEUE_STATES)}


def _chosen_period(periods: list[Period], year: str | None) -> Period | None:
    """The asked year, else the latest period that is open (a draft is not yet)."""
    for period in periods:
        if year and str(period.year) == year:
            return period
    opened = [period for period in periods if period.state != PeriodState.DRAFT]
    return (opened or periods or [None])[0]


def _points(period: Period) -> dict[str, dict[str, Any]]:
    """Per unit code: its own points and, for a form that counts, the verified preview
    (the results' own computation: nothing is scored here)."""
    found: dict[str, dict[str, Any]] = {}
    for standing in standings(period):
        row = standing.ranked
        if standing.counted:
            found[row.unit.code] = {
                "self": standing.self_points,
                "verified": row.score.points,
                "max": row.score.max_points,
                "percent": row.score.percent,
            }
    return found


def _district_links(user: Any, period: Period, roles: Any) -> list[dict[str, Any]]:
    """The districts whose forwarding page the person may open, with their standing."""
    if roles.sees_every_unit:
        reviewing = period.participants.filter(reviewer_unit__kind=UnitKind.DISTRICT)
        districts = Unit.objects.filter(pk__in=reviewing.values("reviewer_unit_id"))
    else:
        districts = Unit.objects.filter(pk__in=roles.reviewed_districts, kind=UnitKind.DISTRICT)
    standing = dict(
        Forwarding.objects.filter(period=period, sent_back_at__isnull=True).values_list(
            "district_id", "forwarded_at"
        )
    )
    return [
        {"district": district, "forwarded_at": standing.get(district.pk)}
        for district in sorted(districts, key=lambda unit: vietnamese_sort_key(unit.name))
    ]


def _row(participant: Participant, points: dict[str, dict[str, Any]]) -> dict[str, Any]:
    assessment = getattr(participant, "assessment", None)
    state = assessment.state if assessment else NOT_STARTED
    return {
        "participant": participant,
        "assessment": assessment,
        "state": state,
        "state_label": state_label(state),
        "district": district_of(participant),
        "points": points.get(participant.unit_code),
    }


@role_required(has_review_role)
def queue(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    periods = list(Period.objects.order_by("-year"))
    period = _chosen_period(periods, request.GET.get("year"))
    reviews_some = roles.provincial_reviewer or bool(roles.reviewed_districts)
    scope = request.GET.get("scope", "mine" if reviews_some else "all")
    if scope != "all" or not roles.sees_every_unit:
        scope = "mine"
    context: dict[str, Any] = {
        "periods": periods,
        "period": period,
        "scope": scope,
        "may_see_all": roles.sees_every_unit and reviews_some,
        "states": [(str(state), state_label(state)) for state in QUEUE_STATES],
    }
    if period is None:
        return render(request, "review/queue.html", context)

    base = (
        readable_reviews(request.user)
        if scope == "all"
        else Participant.objects.filter(reviewed_by(request.user))
    )
    participants = base.filter(period=period).select_related(
        "block", "reviewer_unit", "unit__parent", "assessment"
    )
    points = _points(period)
    rows = [_row(participant, points) for participant in participants]
    blocks = sorted({row["participant"].block for row in rows}, key=lambda b: (b.order, b.code))
    districts = sorted(
        {row["district"] for row in rows if row["district"] is not None},
        key=lambda unit: vietnamese_sort_key(unit.name),
    )
    block, district, state = (request.GET.get(k, "") for k in ("block", "district", "state"))
    if block:
        rows = [row for row in rows if row["participant"].block.code == block]
    if district:
        rows = [row for row in rows if row["district"] and row["district"].code == district]
    counts = {key: 0 for key, _label in context["states"]}
    for row in rows:
        counts[row["state"]] += 1
    if state:
        rows = [row for row in rows if row["state"] == state]
    rows.sort(
        key=lambda row: (
            _STATE_ORDER.get(row["state"], len(_STATE_ORDER)),
            row["participant"].block.order,
            vietnamese_sort_key(row["participant"].unit_name),
        )
    )
    context.update(
        rows=rows,
        blocks=blocks,
        districts=districts,
        chosen={"block": block, "district": district, "state": state},
        counts=[(key, label, counts[key]) for key, label in context["states"]],
        total=sum(counts.values()),
        district_links=_district_links(request.user, period, roles),
    )
    return render(request, "review/queue.html", context)
