"""The reviewer's queue: the forms the person reviews in a period, what waits in each
state, and the way to each review and to the districts' forwarding pages.

A reviewer sees the forms they review; the administrator (and a provincial reviewer who
asks for it) sees every form, read-only where they are not its reviewer. The data is
shaped in ``queue.py``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egovrank.core.access import role_required
from egovrank.core.roles import roles_of
from egovrank.periods.models import Period
from egovrank.periods.rules import period_shape

from .access import has_review_role
from .queue import Filters, chosen_period, chosen_scope, may_see_all, queue_for, state_choices

__all__ = ["queue"]


@role_required(has_review_role)
def queue(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    periods = list(Period.objects.order_by("-year"))
    period = chosen_period(periods, request.GET.get("year"))
    scope = chosen_scope(roles, request.GET.get("scope"))
    context: dict[str, Any] = {
        "periods": periods,
        "period": period,
        "scope": scope,
        "may_see_all": may_see_all(roles),
        "states": state_choices(),
    }
    if period is not None:
        chosen = Filters(
            block=request.GET.get("block", ""),
            district=request.GET.get("district", ""),
            state=request.GET.get("state", ""),
        )
        found = queue_for(request.user, roles, period, scope, chosen)
        context.update(
            rows=found.rows,
            blocks=found.blocks,
            districts=found.districts,
            chosen=chosen,
            counts=found.counts,
            total=found.total,
            district_links=found.district_links,
            shape=period_shape(period),
            district_reviewer=bool(roles.reviewed_districts),
        )
    return render(request, "review/queue.html", context)
