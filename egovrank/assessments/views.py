"""The self-assessment pages: the list of forms, the form itself and its live parts.

The form works with and without JavaScript. With HTMX each criterion saves on change
and the response carries its new points and, out of band, the group totals, the unit's
total and the progress; without it each save posts and comes back to the criterion.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required
from egovrank.core.audit import history_of
from egovrank.core.documents.response import document_response
from egovrank.core.roles import roles_of
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant

from .access import (
    Evidence,
    access_evidence,
    access_participant,
    access_to_edit,
    access_to_submit,
    has_assessment_role,
    participants_visible_to,
)
from .actions import (
    AnswerInput,
    EvidenceRefused,
    FormLocked,
    StaleAnswer,
    SubmissionRefused,
    do_add_file,
    do_add_link,
    do_remove_file,
    do_remove_link,
    do_save_scored,
    do_submit,
    do_withdraw,
    submission_problems,
)
from .declaration import declaration_text, declared
from .documents import file_stem, self_assessment_document
from .filetypes import KINDS
from .forms import AnswerForm, FileForm, LinkForm
from .models import EvidenceFile, EvidenceLink, Submission
from .page import FormPage, saved_context
from .progress import NOT_STARTED, period_progress, state_label
from .queries import assessment_of, snapshot_of
from .sheet import dom_id
from .slots import hidden_history


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _form_url(participant: Participant, code: str = "") -> str:
    url = reverse(
        "assessments:form", kwargs={"year": participant.period.year, "unit": participant.unit_code}
    )
    return f"{url}#c-{dom_id(code)}" if code else url


def _participant(request: HttpRequest, year: int, unit: str) -> Participant:
    return access_participant(request.user, year, unit)


@role_required(has_assessment_role)
def assessment_list(request: SignedInRequest) -> HttpResponse:
    """The forms this person may open: their own units' first, then those they review."""
    roles = roles_of(request.user)
    participants = list(
        participants_visible_to(request.user)
        .exclude(period__state=PeriodState.DRAFT)
        .select_related("period", "block", "reviewer_unit")
        .order_by("-period__year", "block__order", "unit_code")
    )
    progress: dict[int, Any] = {}
    for period in {p.period for p in participants}:
        progress.update(period_progress(period))
    rows = [
        {
            "participant": p,
            "own": p.unit_id in roles.own_units,
            "progress": progress.get(p.pk),
            "state_label": state_label(progress[p.pk].state if p.pk in progress else NOT_STARTED),
        }
        for p in participants
    ]
    rows.sort(key=lambda row: not row["own"])
    return render(request, "assessments/list.html", {"rows": rows})


@role_required(has_assessment_role)
def form_page(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    form = FormPage(request.user, _participant(request, year, unit))
    return render(request, "assessments/form.html", form.context())


def _saved_fragment(request: HttpRequest, form: FormPage, code: str, **extra: Any) -> HttpResponse:
    if code in form.sheet.figure_by_code:
        # A shared figure changes every criterion that uses it: the page is re-read.
        return render(
            request, "assessments/_figure_saved.html", form.context(f=form.figure(code), **extra)
        )
    return render(
        request,
        "assessments/_saved.html",
        form.context(c=form.criterion(code), **extra),
    )


@require_POST
@role_required(has_assessment_role)
def save_answer(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    participant = access_to_edit(request.user, year, unit, related=("period",))
    posted = AnswerForm(request.POST)
    if not posted.is_valid():
        return HttpResponse(_("The form was not sent completely; reload the page."), status=400)
    try:
        saved = do_save_scored(
            participant,
            code,
            posted.entered(),
            revision=posted.cleaned_data["revision"],
            actor=request.user,
        )
    except KeyError:
        raise Http404 from None
    except FormLocked as locked:
        return _refused(request, participant, code, str(locked))
    except StaleAnswer as stale:
        return _conflict(request, participant, code, stale)
    if not _is_htmx(request):
        messages.success(request, _("Saved."))
        return redirect(_form_url(participant, code))
    context = saved_context(participant, code, saved)
    if context is not None:
        return render(request, "assessments/_saved.html", context)
    form = FormPage(request.user, participant, saved)
    return _saved_fragment(request, form, code)


def _refused(
    request: HttpRequest, participant: Participant, code: str, reason: str
) -> HttpResponse:
    if not _is_htmx(request):
        return render(
            request,
            "assessments/refused.html",
            {"reason": reason, "back": _form_url(participant, code)},
            status=409,
        )
    form = FormPage(request.user, participant)
    response = _saved_fragment(request, form, code, refused=reason)
    response.status_code = 409
    return response


def _conflict(
    request: HttpRequest, participant: Participant, code: str, stale: StaleAnswer
) -> HttpResponse:
    """A stale save: nothing is saved; the person sees the newer answer and theirs."""
    form = FormPage(request.user, participant)
    if code in form.sheet.figure_by_code:
        response = _saved_fragment(request, form, code, conflict=stale.current)
        response.status_code = 409
        return response
    context = form.context(
        c=form.criterion(code),
        conflict=stale.current,
        attempted=stale.attempted,
        theirs=AnswerInput.of(stale.current),
    )
    template = "assessments/_saved.html" if _is_htmx(request) else "assessments/conflict.html"
    return render(request, template, context, status=409)


@require_POST
@role_required(has_assessment_role)
def upload_file(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    participant = access_to_edit(request.user, year, unit)
    posted = FileForm(request.POST, request.FILES)
    error = ""
    if not posted.is_valid():
        error = _("Choose a file to attach.")
    else:
        try:
            do_add_file(participant, code, posted.cleaned_data["file"], actor=request.user)
        except KeyError:
            raise Http404 from None
        except (EvidenceRefused, FormLocked) as refused:
            error = str(refused)
    return _evidence_response(request, participant, code, error)


@require_POST
@role_required(has_assessment_role)
def add_link(request: SignedInRequest, year: int, unit: str, code: str) -> HttpResponse:
    participant = access_to_edit(request.user, year, unit)
    posted = LinkForm(request.POST)
    error = ""
    if not posted.is_valid():
        error = " ".join(
            f"{posted.fields[name].label}: {' '.join(map(str, errors))}"
            for name, errors in posted.errors.items()
        )
    else:
        try:
            do_add_link(participant, code, actor=request.user, **posted.cleaned_data)
        except KeyError:
            raise Http404 from None
        except FormLocked as refused:
            error = str(refused)
    return _evidence_response(request, participant, code, error, link_form=posted)


def _remove(
    request: SignedInRequest, year: int, unit: str, model: type[Evidence], pk: int
) -> HttpResponse:
    participant = access_to_edit(request.user, year, unit)
    item = access_evidence(participant, model, pk)
    error = ""
    try:
        if isinstance(item, EvidenceFile):
            do_remove_file(item, actor=request.user)
        else:
            do_remove_link(item, actor=request.user)
    except FormLocked as refused:
        error = str(refused)
    return _evidence_response(request, participant, item.code, error)


@require_POST
@role_required(has_assessment_role)
def remove_file(request: SignedInRequest, year: int, unit: str, pk: int) -> HttpResponse:
    return _remove(request, year, unit, EvidenceFile, pk)


@require_POST
@role_required(has_assessment_role)
def remove_link(request: SignedInRequest, year: int, unit: str, pk: int) -> HttpResponse:
    return _remove(request, year, unit, EvidenceLink, pk)


def _evidence_response(
    request: HttpRequest,
    participant: Participant,
    code: str,
    error: str,
    link_form: LinkForm | None = None,
) -> HttpResponse:
    status = 400 if error else 200
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Evidence updated."))
        return redirect(_form_url(participant, code))
    form = FormPage(request.user, participant)
    context = form.context(
        c=form.criterion(code), evidence_error=error, link_form=link_form if error else None
    )
    return render(request, "assessments/_evidence_saved.html", context, status=status)


@role_required(has_assessment_role)
def download_file(request: SignedInRequest, year: int, unit: str, pk: int) -> FileResponse:
    """A file of this form, only for people who may see the form. Removed files stay
    readable to them, since the history refers to them."""
    participant = _participant(request, year, unit)
    evidence = access_evidence(participant, EvidenceFile, pk, include_removed=True)
    inline = (
        any(kind.inline and kind.content_type == evidence.content_type for kind in KINDS)
        and request.GET.get("download") is None
    )
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=not inline,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    # Shown in the browser, a file can run nothing and reach nothing.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@role_required(has_assessment_role)
def report(request: SignedInRequest, year: int, unit: str, fmt: str) -> HttpResponse:
    """The self-assessment report of the form as it stands now, for whoever may open
    the form: a Word draft for the head to sign, or a PDF."""
    participant = _participant(request, year, unit)
    assessment = assessment_of(participant)
    snapshot = snapshot_of(assessment) if assessment is not None else {}
    document = self_assessment_document(participant, snapshot)
    return document_response(document, file_stem(participant, None), fmt)


@require_safe
@role_required(has_assessment_role)
def submission_report(
    request: SignedInRequest, year: int, unit: str, number: int, fmt: str
) -> HttpResponse:
    """The report of one submission, drawn from what the submission keeps."""
    participant = _participant(request, year, unit)
    submission = (
        Submission.objects.select_related("submitted_by")
        .filter(assessment__participant=participant, number=number)
        .first()
    )
    if submission is None:
        raise Http404
    document = self_assessment_document(participant, submission.entries, submission=submission)
    return document_response(document, file_stem(participant, submission), fmt)


def _submit_page(
    request: HttpRequest, participant: Participant, status: int = 200, **extra: Any
) -> HttpResponse:
    """The confirmation step: the summary the head submits, what is still missing and
    the declaration to tick. It is a page of its own, so it works without JavaScript."""
    form = FormPage(request.user, participant)
    problems = submission_problems(participant, form.assessment)
    context = form.context(problems=problems, declaration=declaration_text(), **extra)
    return render(request, "assessments/submit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@role_required(has_assessment_role)
def submit(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    participant = access_to_submit(request.user, year, unit)
    if request.method == "GET":
        return _submit_page(request, participant)
    accepted = declared(request.POST.get("declaration"))
    try:
        do_submit(
            participant,
            actor=request.user,
            declaration=declaration_text() if accepted else "",
        )
    except SubmissionRefused as refused:
        return _submit_page(
            request,
            participant,
            status=409 if accepted else 400,
            submit_refused=str(refused),
            submit_problems=refused.problems,
            declaration_missing=not accepted,
        )
    messages.success(request, _("The self-assessment is submitted."))
    return redirect(_form_url(participant))


@require_POST
@role_required(has_assessment_role)
def withdraw(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    participant = access_to_submit(request.user, year, unit)
    try:
        do_withdraw(participant, actor=request.user)
    except FormLocked as refused:
        return render(
            request,
            "assessments/refused.html",
            {"reason": str(refused), "back": _form_url(participant)},
            status=409,
        )
    messages.success(request, _("The submission is withdrawn: the form can be changed again."))
    return redirect(_form_url(participant))


@role_required(has_assessment_role)
def history(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    participant = _participant(request, year, unit)
    assessment = assessment_of(participant)
    events = (
        history_of(assessment).exclude(
            action__in=hidden_history(request.user, participant, assessment)
        )
        if assessment
        else []
    )
    submissions = (
        list(assessment.submissions.select_related("submitted_by").order_by("-number"))
        if assessment
        else []
    )
    return render(
        request,
        "assessments/history.html",
        {
            "participant": participant,
            "period": participant.period,
            "events": events,
            "submissions": submissions,
        },
    )


@role_required(has_assessment_role)
def check(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    """What would stop the form from being submitted now (the head checks before
    submitting; officers check before handing over)."""
    participant = _participant(request, year, unit)
    problems = submission_problems(participant, assessment_of(participant))
    return render(
        request,
        "assessments/check.html",
        {"participant": participant, "period": participant.period, "problems": problems},
    )
