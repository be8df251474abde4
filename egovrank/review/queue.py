"""The reviewer's queue shaped for its page: the forms of a period the person reviews
(or, for the province's staff who ask, every form), what waits in each state, and the
districts whose forwarding page the person may open. A fixed number of queries,
whatever the number of forms.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TypedDict

from django.db.models import QuerySet

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.assessments.progress import NOT_STARTED, state_label
from egovrank.core.roles import Person, Roles
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant, Period
from egovrank.periods.rules import district_of, period_shape
from egovrank.scoring.collation import vietnamese_sort_key

from .access import readable_reviews, reviewed_by
from .models import Forwarding
from .slots import standings

__all__ = [
    "QUEUE_STATES",
    "DistrictLink",
    "Filters",
    "Points",
    "Queue",
    "QueueRow",
    "chosen_period",
    "chosen_scope",
    "may_see_all",
    "queue_for",
    "state_choices",
]

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


# A form's own points and, verified, the results' preview (the keys the page reads).
class Points(TypedDict):
    self: Decimal | None
    verified: Decimal
    max: Decimal
    percent: Decimal


@dataclass(frozen=True)
class QueueRow:
    participant: Participant
    assessment: Assessment | None
    state: str  # NOT_STARTED or an AssessmentState value
    state_label: str
    district: Unit | None
    points: Points | None  # None for a form that does not count


@dataclass(frozen=True)
class DistrictLink:
    district: Unit
    forwarded_at: datetime | None  # of the standing forwarding


@dataclass(frozen=True)
class Filters:
    """What the person narrowed the queue to; empty for any."""

    block: str = ""
    district: str = ""
    state: str = ""


@dataclass(frozen=True)
class Queue:
    rows: list[QueueRow]  # as filtered, in queue order
    blocks: list[Block]  # to filter by: those of the person's forms
    districts: list[Unit]
    counts: list[tuple[str, str, int]]  # (state, label, forms) before filtering by state
    total: int
    district_links: list[DistrictLink]


def state_choices() -> list[tuple[str, str]]:
    return [(str(state), state_label(state)) for state in QUEUE_STATES]


def chosen_period(periods: list[Period], year: str | None) -> Period | None:
    """The asked year, else the latest period that is open (a draft is not yet)."""
    for period in periods:
        if year and str(period.year) == year:
            return period
    candidates = [period for period in periods if period.state != PeriodState.DRAFT] or periods
    return candidates[0] if candidates else None


def _reviews_some(roles: Roles) -> bool:
    return roles.provincial_reviewer or bool(roles.reviewed_districts)


def may_see_all(roles: Roles) -> bool:
    """Whether the person may switch between their own forms and every form."""
    return roles.sees_every_unit and _reviews_some(roles)


def chosen_scope(roles: Roles, asked: str | None) -> str:
    """Every form ("all") for the province's staff who ask for it, or who review none;
    else the forms the person reviews ("mine")."""
    scope = asked if asked is not None else ("mine" if _reviews_some(roles) else "all")
    return "all" if scope == "all" and roles.sees_every_unit else "mine"


def _points(period: Period) -> dict[str, Points]:
    """Per unit code, for a form that counts: its own points and the verified preview
    (the results' own computation: nothing is scored here)."""
    return {
        standing.ranked.unit.code: {
            "self": standing.self_points,
            "verified": standing.ranked.score.points,
            "max": standing.ranked.score.max_points,
            "percent": standing.ranked.score.percent,
        }
        for standing in standings(period)
        if standing.counted
    }


def _district_links(period: Period, roles: Roles) -> list[DistrictLink]:
    """The districts whose forwarding page the person may open, with their standing:
    none in a period where districts review nothing (two tiers)."""
    if not period_shape(period).district_review:
        return []
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
        DistrictLink(district, standing.get(district.pk))
        for district in sorted(districts, key=lambda unit: vietnamese_sort_key(unit.name))
    ]


def _participants(user: Person, period: Period, scope: str) -> QuerySet[Participant]:
    base = (
        readable_reviews(user) if scope == "all" else Participant.objects.filter(reviewed_by(user))
    )
    return base.filter(period=period).select_related(
        "block", "reviewer_unit", "unit__parent", "assessment"
    )


def _row(participant: Participant, points: dict[str, Points]) -> QueueRow:
    assessment: Assessment | None = getattr(participant, "assessment", None)
    state = assessment.state if assessment else NOT_STARTED
    return QueueRow(
        participant=participant,
        assessment=assessment,
        state=state,
        state_label=state_label(state),
        district=district_of(participant),
        points=points.get(participant.unit_code),
    )


def _queue_order(row: QueueRow) -> tuple[int, int, tuple[object, ...]]:
    return (
        _STATE_ORDER.get(row.state, len(_STATE_ORDER)),
        row.participant.block.order,
        vietnamese_sort_key(row.participant.unit_name),
    )


def _filter_options(rows: list[QueueRow]) -> tuple[list[Block], list[Unit]]:
    """The blocks and districts of the person's forms, to narrow the queue by."""
    blocks = sorted({row.participant.block for row in rows}, key=lambda b: (b.order, b.code))
    districts = sorted(
        {row.district for row in rows if row.district is not None},
        key=lambda unit: vietnamese_sort_key(unit.name),
    )
    return blocks, districts


def _in_place(rows: list[QueueRow], filters: Filters) -> list[QueueRow]:
    """The rows of the chosen block and district."""
    if filters.block:
        rows = [row for row in rows if row.participant.block.code == filters.block]
    if filters.district:
        rows = [row for row in rows if row.district and row.district.code == filters.district]
    return rows


def _counts(rows: list[QueueRow]) -> list[tuple[str, str, int]]:
    """(state, label, forms) for every state of the queue, in queue order."""
    choices = state_choices()
    counts = {key: 0 for key, _label in choices}
    for row in rows:
        counts[row.state] += 1
    return [(key, label, counts[key]) for key, label in choices]


def queue_for(user: Person, roles: Roles, period: Period, scope: str, filters: Filters) -> Queue:
    """The person's queue in ``period``: ``scope`` "all" for every form they may read,
    "mine" for those they review."""
    points = _points(period)
    rows = [_row(participant, points) for participant in _participants(user, period, scope)]
    blocks, districts = _filter_options(rows)
    rows = _in_place(rows, filters)
    counts = _counts(rows)
    if filters.state:
        rows = [row for row in rows if row.state == filters.state]
    return Queue(
        rows=sorted(rows, key=_queue_order),
        blocks=blocks,
        districts=districts,
        counts=counts,
        total=sum(count for _state, _label, count in counts),
        district_links=_district_links(period, roles),
    )
