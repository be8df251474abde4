"""The results pages: a period's live results for the province's staff, with the
administrator's forms (finalise, publish, correct), and the public publications. Each
form posts to its own view, which calls one action; a refusal shows the page again with
its message (409), a form with problems shows them (400)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required
from egovrank.core.roles import roles_of
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period

from . import actions
from .access import (
    access_participant,
    access_publication,
    access_results_period,
    can_manage_results,
    can_see_results,
    publications_of,
    published_period,
)
from .actions import ResultsRefused
from .compute import compute, warnings
from .forms import CorrectionForm, CorrectionPublishForm, PublishForm
from .queries import live_tables, open_corrections, published_tables

REFUSED = 409
INVALID = 400


@role_required(can_see_results)
def index(request: SignedInRequest) -> HttpResponse:
    """Every period past self-assessment, with its results page and publications."""
    periods = Period.objects.exclude(
        state__in=[PeriodState.DRAFT, PeriodState.SELF_ASSESSMENT]
    ).order_by("-year")
    return render(request, "results/index.html", {"periods": periods})


@role_required(can_see_results)
def results_page(request: SignedInRequest, year: int) -> HttpResponse:
    return _render_period(request, access_results_period(request.user, year))


def _render_period(
    request: HttpRequest,
    period: Period,
    *,
    status: int = 200,
    refusal: ResultsRefused | None = None,
    **bound: Any,
) -> HttpResponse:
    """The results page; ``bound`` holds a form sent back with problems, shown in place
    of the empty one."""
    manage = can_manage_results(roles_of(request.user))
    corrections = open_corrections(period)
    found = warnings(period)
    context: dict[str, Any] = {
        "period": period,
        "states": PeriodState.choices,
        "tables": live_tables(compute(period), corrections),
        "warnings": found,
        # Not submitted yet but within their deadline: not marked "not submitted".
        "still_open_codes": {participant.unit_code for participant in found.still_open},
        "publications": list(publications_of(period)),
        "open_corrections": sorted(corrections.values(), key=lambda c: c.pk),
        "can_manage": manage,
        "refusal": refusal,
        "published": period.state == PeriodState.PUBLISHED,
    }
    if manage and period.state == PeriodState.REVIEW:
        context["can_finalise"] = True
    if manage and period.state == PeriodState.FINALISED:
        context["publish_form"] = bound.get("publish_form") or PublishForm()
    if manage and period.state == PeriodState.PUBLISHED:
        context["correcting"] = True
        context["correction_publish_form"] = (
            bound.get("correction_publish_form") or CorrectionPublishForm()
        )
        context["reopen_form"] = bound.get("reopen_form")
    return render(request, "results/period.html", context, status=status)


def _refused(request: HttpRequest, period: Period, refusal: ResultsRefused) -> HttpResponse:
    return _render_period(request, period, status=REFUSED, refusal=refusal)


@require_POST
@role_required(can_manage_results)
def finalise(request: SignedInRequest, year: int) -> HttpResponse:
    period = access_results_period(request.user, year)
    try:
        actions.do_finalise(period, actor=request.user)
    except ResultsRefused as refusal:
        return _refused(request, period, refusal)
    messages.success(
        request, _("The results are finalised: publish them once the decision is signed.")
    )
    return redirect("results:period", year=year)


@require_POST
@role_required(can_manage_results)
def publish(request: SignedInRequest, year: int) -> HttpResponse:
    period = access_results_period(request.user, year)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _render_period(request, period, status=INVALID, publish_form=form)
    try:
        publication = actions.do_publish(period, actor=request.user, **form.cleaned_data)
    except ResultsRefused as refusal:
        return _refused(request, period, refusal)
    messages.success(request, _("The results are published."))
    return redirect("results:publication", year=year, number=publication.number)


@require_POST
@role_required(can_manage_results)
def open_correction(request: SignedInRequest, year: int, code: str) -> HttpResponse:
    period = access_results_period(request.user, year)
    participant = access_participant(request.user, period, code)
    form = CorrectionForm(request.POST, unit_code=participant.unit_code)
    if not form.is_valid():
        return _render_period(request, period, status=INVALID, reopen_form=form)
    try:
        actions.do_open_correction(
            participant, reason=form.cleaned_data["reason"], actor=request.user
        )
    except ResultsRefused as refusal:
        return _refused(request, period, refusal)
    messages.success(
        request,
        _("%(unit)s is re-opened: the provincial reviewers can now correct its review.")
        % {"unit": participant.unit_name},
    )
    return redirect("results:period", year=year)


@require_POST
@role_required(can_manage_results)
def publish_correction(request: SignedInRequest, year: int) -> HttpResponse:
    period = access_results_period(request.user, year)
    form = CorrectionPublishForm(request.POST)
    if not form.is_valid():
        return _render_period(request, period, status=INVALID, correction_publish_form=form)
    try:
        publication = actions.do_publish_correction(period, actor=request.user, **form.cleaned_data)
    except ResultsRefused as refusal:
        return _refused(request, period, refusal)
    messages.success(request, _("The corrected results are published."))
    return redirect("results:publication", year=year, number=publication.number)


def publications(request: HttpRequest, year: int) -> HttpResponse:
    """Every publication of a period: public once the first is out."""
    period = published_period(year)
    return render(
        request,
        "results/publications.html",
        {
            "period": period,
            "publications": list(publications_of(period)),
            "can_see_results": can_see_results(roles_of(request.user)),
        },
    )


def publication(request: HttpRequest, year: int, number: int) -> HttpResponse:
    """One publication as announced, from its stored rows: public by definition."""
    found = access_publication(year, number)
    others = list(publications_of(found.period).exclude(pk=found.pk))
    return render(
        request,
        "results/publication.html",
        {
            "publication": found,
            "period": found.period,
            "tables": published_tables(found),
            "corrections": list(found.corrections.select_related("participant").order_by("pk")),
            "earlier": [p for p in others if p.number < found.number],
            "later": [p for p in others if p.number > found.number],
            "can_see_results": can_see_results(roles_of(request.user)),
        },
    )
