"""The review of one form: the page, the verdict on each criterion, and the steps that
close or re-open the review.

Each verdict posts the revision of the verdict the page showed. With HTMX the answer is
the criterion's block, with the totals out of band; without JavaScript the post comes
back to the criterion (``#criterion-<slug>``), or, when refused, the whole page shows
the refusal next to it. Who may act is decided by ``access``; when, by ``actions``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from egovrank.accounts.requests import SignedInRequest
from egovrank.assessments.access import access_participant, has_assessment_role
from egovrank.assessments.queries import assessment_of, criteria_set_for
from egovrank.assessments.sheet import dom_id
from egovrank.core.access import role_required
from egovrank.core.documents.response import document_response
from egovrank.periods.models import Participant

from .access import (
    access_review,
    can_review,
    has_review_role,
    readable_reviews,
    unit_sees_review,
)
from .actions import (
    InvalidReviewInput,
    ReviewRefused,
    StaleVerification,
    check_approval,
    check_return,
    do_accept,
    do_adjust,
    do_approve,
    do_clear,
    do_comment,
    do_mark_not_submitted,
    do_reopen,
    do_return,
)
from .district_views import district, forward, send_back
from .documents import file_stem, review_document
from .forms import (
    AdjustForm,
    CommentForm,
    ReasonForm,
    ReturnForm,
    VerdictForm,
)
from .page import ReviewPage
from .queue_views import queue

__all__ = [
    "accept",
    "adjust",
    "approve",
    "clear",
    "comment",
    "detail",
    "district",
    "forward",
    "mark_not_submitted",
    "queue",
    "reopen",
    "return_form",
    "send_back",
]


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _detail_url(participant: Participant, code: str = "") -> str:
    url = reverse(
        "review:detail", kwargs={"year": participant.period.year, "unit": participant.unit_code}
    )
    return f"{url}#criterion-{dom_id(code)}" if code else url


def _participant(request: HttpRequest, year: int, unit: str) -> Participant:
    return access_review(request.user, year, unit)


def _reviewing(request: HttpRequest, year: int, unit: str) -> Participant:
    """The form, for its reviewer only: others who may read it get 403."""
    participant = _participant(request, year, unit)
    if not can_review(request.user, participant):
        raise PermissionDenied
    return participant


@role_required(has_review_role)
def detail(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    review = ReviewPage(request, _participant(request, year, unit))
    return render(request, "review/detail.html", review.context())


@require_safe
@role_required(has_assessment_role)
def result_document(request: SignedInRequest, year: int, unit: str, fmt: str) -> HttpResponse:
    """The review result as an official document: for those who may read the review,
    and for the unit once it may see its verified points (approved or published)."""
    participant = (
        readable_reviews(request.user)
        .select_related("period", "unit", "block", "reviewer_unit")
        .filter(period__year=year, unit_code=unit)
        .first()
    )
    if participant is None:
        participant = access_participant(request.user, year, unit)
        if not unit_sees_review(assessment_of(participant)):
            raise PermissionDenied
    return document_response(review_document(participant), file_stem(participant), fmt)


# --- verdicts on one criterion -------------------------------------------------------------


def _leaf_code(participant: Participant, code: str) -> str:
    node = criteria_set_for(participant).get(code)
    if node is None or not node.is_leaf:
        raise Http404
    return node.code


def _criterion_response(
    request: HttpRequest,
    participant: Participant,
    code: str,
    *,
    status: int = 200,
    done: str = "",
    **extra: Any,
) -> HttpResponse:
    """The criterion's block with the totals out of band (HTMX), the page back at the
    criterion (done), or the whole page with the refusal next to the criterion."""
    if not _is_htmx(request) and status == 200:
        messages.success(request, done)
        return redirect(_detail_url(participant, code))
    review = ReviewPage(request, participant)
    c = review.criterion(code, **extra)
    if _is_htmx(request):
        context = review.context(c=c, done=done)
        return render(request, "review/_saved.html", context, status=status)
    context = review.context(failed={code: c})
    return render(request, "review/detail.html", context, status=status)


def _refused_status(refused: ReviewRefused) -> int:
    """What was entered (400), or the form's state (409)."""
    return 400 if isinstance(refused, InvalidReviewInput) else 409


def _verdict(request: HttpRequest, year: int, unit: str, code: str, act: Any) -> HttpResponse:
    participant = _reviewing(request, year, unit)
    code = _leaf_code(participant, code)
    try:
        done = act(participant, code)
    except StaleVerification as stale:
        return _criterion_response(request, participant, code, status=409, conflict=stale.current)
    except ReviewRefused as refused:
        return _criterion_response(
            request,
            participant,
            code,
            status=_refused_status(refused),
            error=str(refused),
            problems=refused.problems,
        )
    except _Invalid as invalid:
        return _criterion_response(request, participant, code, status=400, **invalid.extra)
    return _criterion_response(request, participant, code, done=done)


class _Invalid(Exception):
    """The posted form is incomplete: answered 400 next to the criterion."""

    def __init__(self, **extra: Any) -> None:
        super().__init__(extra.get("error", ""))
        self.extra = extra


def _revision(request: HttpRequest) -> int:
    posted = VerdictForm(request.POST)
    if not posted.is_valid():
        raise _Invalid(error=_("The form was not sent completely; reload the page."))
    revision: int = posted.cleaned_data["revision"]
    return revision


@require_POST
@role_required(has_review_role)
def accept(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    def act(participant: Participant, code: str) -> str:
        do_accept(participant, code, revision=_revision(request), actor=request.user)
        return _("%(code)s: the unit's answer is accepted.") % {"code": code}

    return _verdict(request, year, unit, code, act)


@require_POST
@role_required(has_review_role)
def adjust(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    posted = AdjustForm(request.POST)

    def act(participant: Participant, code: str) -> str:
        if not posted.is_valid():
            if "revision" in posted.errors:
                raise _Invalid(error=_("The form was not sent completely; reload the page."))
            raise _Invalid(error=posted.problems(), attempted=posted.attempted(), adjusting=True)
        try:
            do_adjust(
                participant,
                code,
                value=posted.entered_value(),
                not_applicable=posted.cleaned_data["not_applicable"],
                reason=posted.cleaned_data["reason"],
                revision=posted.cleaned_data["revision"],
                actor=request.user,
            )
        except InvalidReviewInput as refused:
            raise _Invalid(
                error=str(refused), attempted=posted.attempted(), adjusting=True
            ) from None
        return _("%(code)s: the verified answer is saved.") % {"code": code}

    return _verdict(request, year, unit, code, act)


@require_POST
@role_required(has_review_role)
def clear(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    def act(participant: Participant, code: str) -> str:
        do_clear(participant, code, revision=_revision(request), actor=request.user)
        return _("%(code)s: the verdict is withdrawn.") % {"code": code}

    return _verdict(request, year, unit, code, act)


@require_POST
@role_required(has_review_role)
def comment(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    posted = CommentForm(request.POST)

    def act(participant: Participant, code: str) -> str:
        if not posted.is_valid():
            raise _Invalid(error=" ".join(map(str, posted.errors.get("text", []))))
        text = posted.cleaned_data["text"]
        do_comment(participant, code, text, actor=request.user)
        if text:
            return _("%(code)s: the comment is saved; it goes to the unit with the return.") % {
                "code": code
            }
        return _("%(code)s: the comment is deleted.") % {"code": code}

    return _verdict(request, year, unit, code, act)


# --- the steps of the review ---------------------------------------------------------------


def _page_refused(
    request: HttpRequest,
    participant: Participant,
    refused: ReviewRefused | None = None,
    *,
    status: int = 409,
    **forms: Any,
) -> HttpResponse:
    review = ReviewPage(request, participant)
    extra: dict[str, Any] = dict(forms)
    if refused is not None:
        extra.update(page_error=str(refused), page_problems=refused.problems)
    return render(request, "review/detail.html", review.context(**extra), status=status)


def _confirmed(request: HttpRequest) -> bool:
    """Whether the post comes from the confirmation step (a binding step shows what it
    does first, without JavaScript too)."""
    return request.POST.get("confirmed") == "yes"


def _confirm_step(
    request: HttpRequest, participant: Participant, step: str, **extra: Any
) -> HttpResponse:
    """What the unit will see once the step binds, and the button that binds it."""
    review = ReviewPage(request, participant)
    context = review.context(step=step, adjustments=review.adjustments(), **extra)
    return render(request, "review/confirm.html", context)


@require_POST
@role_required(has_review_role)
def return_form(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    participant = _reviewing(request, year, unit)
    posted = ReturnForm(request.POST)
    if not posted.is_valid():
        return _page_refused(request, participant, status=400, return_form=posted)
    message, deadline = posted.cleaned_data["message"], posted.cleaned_data["deadline"]
    try:
        if not _confirmed(request):
            check_return(participant, message=message, deadline=deadline)
            return _confirm_step(
                request, participant, "return", message=message, deadline=deadline, posted=posted
            )
        request_ = do_return(participant, message=message, deadline=deadline, actor=request.user)
    except ReviewRefused as refused:
        status = _refused_status(refused)
        return _page_refused(request, participant, refused, status=status, return_form=posted)
    messages.success(
        request,
        _("The form is returned to the unit for revision (return %(number)s).")
        % {"number": request_.number},
    )
    return redirect(_detail_url(participant))


@require_POST
@role_required(has_review_role)
def approve(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    participant = _reviewing(request, year, unit)
    try:
        if not _confirmed(request):
            check_approval(participant)
            return _confirm_step(request, participant, "approve")
        do_approve(participant, actor=request.user)
    except ReviewRefused as refused:
        return _page_refused(request, participant, refused)
    messages.success(request, _("The review is approved."))
    return redirect(_detail_url(participant))


@require_POST
@role_required(has_review_role)
def reopen(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    participant = _reviewing(request, year, unit)
    posted = ReasonForm(request.POST, prefix_id="reopen")
    if not posted.is_valid():
        return _page_refused(request, participant, status=400, reopen_form=posted)
    try:
        do_reopen(participant, reason=posted.cleaned_data["reason"], actor=request.user)
    except ReviewRefused as refused:
        return _page_refused(request, participant, refused, reopen_form=posted)
    messages.success(request, _("The review is re-opened."))
    return redirect(_detail_url(participant))


@require_POST
@role_required(has_review_role)
def mark_not_submitted(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    participant = _reviewing(request, year, unit)
    posted = ReasonForm(request.POST, prefix_id="close")
    if not posted.is_valid():
        return _page_refused(request, participant, status=400, close_form=posted)
    try:
        do_mark_not_submitted(participant, reason=posted.cleaned_data["reason"], actor=request.user)
    except ReviewRefused as refused:
        return _page_refused(request, participant, refused, close_form=posted)
    messages.success(request, _("The form is closed as not submitted."))
    return redirect(_detail_url(participant))
