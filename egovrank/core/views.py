from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egovrank.accounts.roles import roles_of
from egovrank.core.access import role_required, signed_in
from egovrank.criteria.queries import shipped_sets
from egovrank.orgs.access import units_visible_to
from egovrank.orgs.choices import UnitKind


def home(request: HttpRequest) -> HttpResponse:
    """The public front page: what the evaluation is and the criteria sets in force."""
    return render(request, "core/home.html", {"criteria_sets": shipped_sets()})


@role_required(signed_in)
def workspace(request: HttpRequest) -> HttpResponse:
    """A signed-in person's start page: their roles, each with the units it covers."""
    roles = roles_of(request.user)
    visible = units_visible_to(request.user)
    assignments = request.user.role_assignments.select_related("unit", "unit__block")
    return render(
        request,
        "core/workspace.html",
        {
            "roles": roles,
            "assignments": assignments,
            "own_units": visible.filter(pk__in=roles.own_units).select_related("block"),
            "districts": visible.filter(pk__in=roles.reviewed_districts, kind=UnitKind.DISTRICT),
            "commune_count": visible.filter(parent_id__in=roles.reviewed_districts).count(),
            "unit_count": visible.count() if roles.sees_every_unit else None,
        },
    )
