"""The reviewer's verdict on one of the set's shared figures: the unit's value accepted,
a verified value (with a reason), or the verdict withdrawn. Every criterion using the figure is re-scored, so
the answer is the whole sheet: with HTMX the page's sheet swapped in place, without
JavaScript the page back at the figure, or, when refused, the page with the refusal
next to it (400: what was entered, 409: stale verdict or the form's state)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovrank.accounts.requests import SignedInRequest
from egovrank.assessments.queries import criteria_set_for
from egovrank.assessments.sheet import dom_id
from egovrank.core.access import role_required
from egovrank.periods.models import Participant

from .access import access_review, can_review, has_review_role
from .actions import (
    InvalidReviewInput,
    ReviewRefused,
    StaleVerification,
    do_accept_figure,
    do_adjust_figure,
    do_clear,
)
from .forms import FigureAdjustForm, VerdictForm
from .page import ReviewPage

__all__ = ["accept_figure", "adjust_figure", "clear_figure"]


class _Invalid(Exception):
    def __init__(self, **extra: Any) -> None:
        super().__init__(extra.get("error", ""))
        self.extra = extra


def _reviewing(request: HttpRequest, year: int, unit: str, code: str) -> Participant:
    participant = access_review(request.user, year, unit)
    if not can_review(request.user, participant):
        raise PermissionDenied
    if criteria_set_for(participant).figure(code) is None:
        raise Http404
    return participant


def _answer(
    request: HttpRequest,
    participant: Participant,
    code: str,
    *,
    status: int = 200,
    done: str = "",
    **extra: Any,
) -> HttpResponse:
    if request.headers.get("HX-Request") != "true" and status == 200:
        messages.success(request, done)
        url = reverse(
            "review:detail",
            kwargs={"year": participant.period.year, "unit": participant.unit_code},
        )
        return redirect(f"{url}#fig-{dom_id(code)}")
    review = ReviewPage(request, participant)
    failed = {code: review.figure(code, **extra)} if status != 200 else {}
    context = review.context(failed_figures=failed, figure_done=done)
    return render(request, "review/detail.html", context, status=status)


def _verdict(request: HttpRequest, year: int, unit: str, code: str, act: Any) -> HttpResponse:
    participant = _reviewing(request, year, unit, code)
    try:
        done = act(participant)
    except StaleVerification as stale:
        return _answer(request, participant, code, status=409, conflict=stale.current)
    except InvalidReviewInput as invalid:
        extra: dict[str, Any] = {"error": str(invalid), "problems": invalid.problems}
        return _answer(request, participant, code, status=400, **extra, **_attempted(request))
    except ReviewRefused as refused:
        why: dict[str, Any] = {"error": str(refused), "problems": refused.problems}
        return _answer(request, participant, code, status=409, **why)
    except _Invalid as invalid:
        return _answer(request, participant, code, status=400, **invalid.extra)
    return _answer(request, participant, code, done=done)


def _attempted(request: HttpRequest) -> dict[str, Any]:
    if "reason" not in request.POST:
        return {}
    return {"attempted": FigureAdjustForm(request.POST).attempted()}


@require_POST
@role_required(has_review_role)
def accept_figure(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    def act(participant: Participant) -> str:
        posted = VerdictForm(request.POST)
        if not posted.is_valid():
            raise _Invalid(error=_("The form was not sent completely; reload the page."))
        do_accept_figure(
            participant, code, revision=posted.cleaned_data["revision"], actor=request.user
        )
        return _("%(code)s: the unit's figure is accepted.") % {"code": code}

    return _verdict(request, year, unit, code, act)


@require_POST
@role_required(has_review_role)
def adjust_figure(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    posted = FigureAdjustForm(request.POST)

    def act(participant: Participant) -> str:
        if not posted.is_valid():
            if "revision" in posted.errors:
                raise _Invalid(error=_("The form was not sent completely; reload the page."))
            raise _Invalid(error=posted.problems(), attempted=posted.attempted())
        do_adjust_figure(
            participant,
            code,
            value=posted.cleaned_data["value"],
            reason=posted.cleaned_data["reason"],
            revision=posted.cleaned_data["revision"],
            actor=request.user,
        )
        return _("%(code)s: the verified figure is saved; the criteria using it are re-scored.") % {
            "code": code
        }

    return _verdict(request, year, unit, code, act)


@require_POST
@role_required(has_review_role)
def clear_figure(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    def act(participant: Participant) -> str:
        posted = VerdictForm(request.POST)
        if not posted.is_valid():
            raise _Invalid(error=_("The form was not sent completely; reload the page."))
        do_clear(participant, code, revision=posted.cleaned_data["revision"], actor=request.user)
        return _("%(code)s: the verdict is withdrawn.") % {"code": code}

    return _verdict(request, year, unit, code, act)
