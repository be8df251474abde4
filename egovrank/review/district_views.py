"""A district's communes in one period: where each review stands, their ranking within
the district once every review is closed, the forwarding to the lead agency, and its
sending back.

The ranking shown before forwarding is a preview of what the forwarding would carry
(``ranking.py``, from the results' own computation); once forwarded, the ranking as it
was forwarded.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovrank.accounts.requests import SignedInRequest
from egovrank.assessments.progress import NOT_STARTED, state_label
from egovrank.core.access import role_required
from egovrank.core.lead_agency import lead_agency_for
from egovrank.orgs.models import Unit
from egovrank.periods.models import Period
from egovrank.periods.rules import period_shape
from egovrank.scoring.collation import vietnamese_sort_key

from .access import access_district, can_forward, can_send_back, has_review_role
from .actions import (
    REVIEW_PERIOD_STATES,
    ReviewRefused,
    do_forward,
    do_send_back,
    forwarding_problems,
    standing_forwarding,
)
from .forms import ForwardForm, ReasonForm
from .models import Forwarding
from .ranking import RankingEntry, district_ranking

__all__ = ["district", "forward", "send_back"]


def _period(year: int) -> Period:
    period = Period.objects.filter(year=year).first()
    if period is None:
        raise Http404
    return period


def _district_url(period: Period, unit: Unit) -> str:
    return reverse("review:district", kwargs={"year": period.year, "district": unit.code})


def _preview(period: Period, district: Unit, states: dict[str, str]) -> list[RankingEntry]:
    """The ranking the forwarding would carry now, level names in the page's language,
    best first."""
    rows = district_ranking(period, district, states, english=get_language() == "en")
    # Stable: tied communes stay in the results' order (the set's tie order).
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0))
    return rows


def _context(request: HttpRequest, period: Period, unit: Unit, **extra: Any) -> dict[str, Any]:
    communes = list(
        period.participants.filter(reviewer_unit=unit).select_related("assessment", "block")
    )
    communes.sort(key=lambda participant: vietnamese_sort_key(participant.unit_name))
    rows = []
    states: dict[str, str] = {}  # unit code → form state
    for participant in communes:
        assessment = getattr(participant, "assessment", None)
        state = assessment.state if assessment else NOT_STARTED
        states[participant.unit_code] = state
        rows.append(
            {
                "participant": participant,
                "assessment": assessment,
                "state": state,
                "state_label": state_label(state),
            }
        )
    shape = period_shape(period)
    # A two-tier period has no forwarding: the page only says why (no list to check).
    problems = forwarding_problems(period, unit) if shape.district_review else []
    standing = standing_forwarding(period, unit.pk)
    history = list(
        Forwarding.objects.filter(period=period, district=unit).select_related(
            "forwarded_by", "sent_back_by"
        )
    )
    ranking: list[RankingEntry] = []
    if standing is None and not problems and shape.district_review:
        ranking = _preview(period, unit, states)
    open_for_review = period.state in REVIEW_PERIOD_STATES and shape.district_review
    return {
        "period": period,
        "shape": shape,
        "district": unit,
        "rows": rows,
        "problems": problems,
        "standing": standing,
        "history": history,
        "ranking": ranking,
        "may_forward": can_forward(request.user, unit) and standing is None and open_for_review,
        "may_send_back": can_send_back(request.user) and standing is not None and open_for_review,
        "forward_form": extra.pop("forward_form", None)
        or ForwardForm(agency=lead_agency_for(period)),
        "send_back_form": extra.pop("send_back_form", ReasonForm(prefix_id="send_back")),
        **extra,
    }


@role_required(has_review_role)
def district(request: SignedInRequest, year: int, district: str) -> HttpResponse:
    period = _period(year)
    unit = access_district(request.user, period, district)
    return render(request, "review/district.html", _context(request, period, unit))


def _refused(
    request: HttpRequest, period: Period, unit: Unit, refused: ReviewRefused | None, **extra: Any
) -> HttpResponse:
    status = 400 if refused is None else 409
    if refused is not None:
        extra.update(page_error=str(refused), page_problems=refused.problems)
    context = _context(request, period, unit, **extra)
    return render(request, "review/district.html", context, status=status)


@require_POST
@role_required(has_review_role)
def forward(request: SignedInRequest, year: int, district: str) -> HttpResponse:
    period = _period(year)
    unit = access_district(request.user, period, district)
    if not can_forward(request.user, unit):
        raise PermissionDenied
    posted = ForwardForm(request.POST, agency=lead_agency_for(period))
    if not posted.is_valid():
        return _refused(request, period, unit, None, forward_form=posted)
    try:
        do_forward(period, unit, note=posted.cleaned_data["note"], actor=request.user)
    except ReviewRefused as refused:
        return _refused(request, period, unit, refused, forward_form=posted)
    messages.success(
        request,
        _("The communes' results are forwarded to %(agency)s.")
        % {"agency": lead_agency_for(period).short_name},
    )
    return redirect(_district_url(period, unit))


@require_POST
@role_required(has_review_role)
def send_back(request: SignedInRequest, year: int, district: str) -> HttpResponse:
    period = _period(year)
    unit = access_district(request.user, period, district)
    if not can_send_back(request.user):
        raise PermissionDenied
    posted = ReasonForm(request.POST, prefix_id="send_back")
    if not posted.is_valid():
        return _refused(request, period, unit, None, send_back_form=posted)
    standing = standing_forwarding(period, unit.pk)
    if standing is None:
        refused = ReviewRefused(_("There is no forwarding to send back."))
        return _refused(request, period, unit, refused, send_back_form=posted)
    try:
        do_send_back(standing, reason=posted.cleaned_data["reason"], actor=request.user)
    except ReviewRefused as refused:
        return _refused(request, period, unit, refused, send_back_form=posted)
    messages.success(request, _("The results are sent back to the district."))
    return redirect(_district_url(period, unit))
