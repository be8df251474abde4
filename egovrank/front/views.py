from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egovrank.accounts.requests import SignedInRequest
from egovrank.assessments.access import own_participants
from egovrank.assessments.models import Assessment
from egovrank.assessments.progress import NOT_STARTED, state_label
from egovrank.core.access import role_required, signed_in
from egovrank.core.roles import Person, roles_of
from egovrank.criteria.queries import version_summaries
from egovrank.orgs.access import units_visible_to
from egovrank.orgs.choices import UnitKind
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.periods.rules import period_shape


def home(request: HttpRequest) -> HttpResponse:
    """The public front page: what the evaluation is and the criteria sets in force."""
    return render(request, "front/home.html", {"criteria_sets": version_summaries()})


@role_required(signed_in)
def workspace(request: SignedInRequest) -> HttpResponse:
    """A signed-in person's start page: their roles, each with the units it covers."""
    roles = roles_of(request.user)
    visible = units_visible_to(request.user)
    assignments = request.user.role_assignments.select_related("unit", "unit__block")
    return render(
        request,
        "front/workspace.html",
        {
            "roles": roles,
            "assignments": assignments,
            "own_units": visible.filter(pk__in=roles.own_units).select_related("block"),
            "districts": visible.filter(pk__in=roles.reviewed_districts, kind=UnitKind.DISTRICT),
            "commune_count": visible.filter(parent_id__in=roles.reviewed_districts).count(),
            "unit_count": visible.count() if roles.sees_every_unit else None,
            "open_forms": _open_forms(request.user),
            "two_tier_year": (
                _two_tier_year() if roles.reviewed_districts or roles.provincial_reviewer else None
            ),
        },
    )


def _two_tier_year() -> int | None:
    """The year of the latest period under way when it has two tiers: the reviewers'
    cards then say only what applies in it (the province reviews every participant; a
    district reviewer has nothing to do, and the card says why)."""
    latest = Period.objects.exclude(state=PeriodState.DRAFT).order_by("-year").first()
    return latest.year if latest is not None and period_shape(latest).two_tier else None


def _open_forms(user: Person) -> dict[int, list[dict[str, object]]]:
    """Per own unit, its forms in periods that are open or under review, newest first."""
    participants = (
        own_participants(user)
        .exclude(period__state__in=[PeriodState.DRAFT, PeriodState.PUBLISHED])
        .select_related("period")
        .order_by("-period__year")
    )
    states = dict(
        Assessment.objects.filter(participant__in=participants).values_list(
            "participant_id", "state"
        )
    )
    forms: dict[int, list[dict[str, object]]] = {}
    for participant in participants:
        state = states.get(participant.pk, NOT_STARTED)
        forms.setdefault(participant.unit_id, []).append(
            {"participant": participant, "state": state_label(state)}
        )
    return forms
