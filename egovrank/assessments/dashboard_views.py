"""The deadline dashboard page. Its address is the period's (``periods:dashboard``,
wired in ``egovrank/urls.py``: periods, a floor below, cannot import this view)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egovrank.core.access import role_required
from egovrank.core.roles import roles_of
from egovrank.periods.access import access_period, can_see_dashboard, dashboard_participants

from .dashboard import dashboard

__all__ = ["period_dashboard"]


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
        },
    )
