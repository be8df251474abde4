"""The deadline dashboard page, its Excel export and "remind now". Their address is the
period's (``periods:dashboard``, ``periods:dashboard_export``, ``periods:remind``,
wired in ``egovrank/urls.py``: periods, a floor below, cannot import these views).

Who: the province's staff for every unit, a district reviewer for the units its
district reviews (``periods.access.dashboard_participants``); a unit outside that share
answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required
from egovrank.core.roles import roles_of
from egovrank.periods.access import access_period, can_see_dashboard, dashboard_participants
from egovrank.periods.models import Participant, Period

from .dashboard import dashboard
from .dashboard_xlsx import CONTENT_TYPE, dashboard_to_xlsx
from .remind_now import OPEN_STATES, do_remind_now, due_now

__all__ = ["dashboard_export", "period_dashboard", "remind"]


@role_required(can_see_dashboard)
def period_dashboard(request: HttpRequest, year: int) -> HttpResponse:
    period = access_period(request.user, year)
    blocks = dashboard(period, dashboard_participants(request.user, period))
    return render(
        request,
        "periods/dashboard.html",
        {
            "period": period,
            "blocks": blocks,
            "sees_all": roles_of(request.user).sees_every_unit,
            "may_remind": period.state in OPEN_STATES,
        },
    )


@role_required(can_see_dashboard)
def dashboard_export(request: HttpRequest, year: int) -> HttpResponse:
    period = access_period(request.user, year)
    blocks = dashboard(period, dashboard_participants(request.user, period))
    response = HttpResponse(dashboard_to_xlsx(blocks), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="dashboard-{period.year}.xlsx"'
    return response


def _chosen(request: HttpRequest, period: Period, codes: list[str]) -> list[Participant]:
    """The units named (each must be in the person's share: 404 otherwise), or, when
    none is named, every unit of the share."""
    scope = dashboard_participants(request.user, period).select_related("period", "unit")
    if not codes:
        return list(scope)
    chosen = list(scope.filter(unit_code__in=codes))
    if len(chosen) != len(set(codes)):
        raise Http404
    return chosen


@require_http_methods(["GET", "POST"])
@role_required(can_see_dashboard)
def remind(request: SignedInRequest, year: int) -> HttpResponse:
    """GET: who would be reminded now (one unit with ``?unit=``, else every late unit),
    and the button that sends. POST: send to the units listed on that page that are
    still due a reminder, then back to the dashboard."""
    period = access_period(request.user, year)
    if request.method == "POST":
        codes = request.POST.getlist("unit")
        if not codes:
            return render(
                request,
                "periods/remind.html",
                {"period": period, "error": _("Choose the units to remind.")},
                status=400,
            )
        result = do_remind_now(_chosen(request, period, codes), actor=request.user)
        if result.sent:
            text = ngettext(
                "Reminder sent to %(units)d unit (%(people)d notices).",
                "Reminders sent to %(units)d units (%(people)d notices).",
                len(result.sent),
            ) % {"units": len(result.sent), "people": result.notice_count}
            messages.success(request, text)
        else:
            messages.info(request, _("Nobody was due a reminder any more."))
        return redirect("periods:dashboard", year=period.year)
    codes = request.GET.getlist("unit")
    due = due_now(_chosen(request, period, codes))
    return render(
        request,
        "periods/remind.html",
        {"period": period, "due": due, "one_unit": bool(codes)},
    )
