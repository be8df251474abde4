"""The offline form's pages: download the form as a workbook (whoever reads the form),
upload it filled in, see what changes and confirm (whoever fills the form in)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required
from egovrank.periods.models import Participant
from egovrank.scoring.fileformat.problems import shown

from .access import access_participant, access_to_edit, has_assessment_role
from .actions import FormLocked, edit_lock
from .page import FormPage
from .queries import assessment_of
from .workbook import CONTENT_TYPE, build_workbook, workbook_name
from .workbook_upload import (
    MAX_BYTES,
    StaleUpload,
    WorkbookRefused,
    do_apply_upload,
    plan_upload,
)


class WorkbookForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Filled-in workbook (.xlsx)"))


def _form_url(participant: Participant) -> str:
    return reverse(
        "assessments:form", kwargs={"year": participant.period.year, "unit": participant.unit_code}
    )


@role_required(has_assessment_role)
def workbook_download(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    form = FormPage(request.user, access_participant(request.user, year, unit))
    response = HttpResponse(build_workbook(form), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{workbook_name(form)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _page(
    request: SignedInRequest, participant: Participant, status: int = 200, **extra: object
) -> HttpResponse:
    context = {
        "participant": participant,
        "period": participant.period,
        "lock": edit_lock(participant, assessment_of(participant)),
        "upload_form": extra.pop("upload_form", None) or WorkbookForm(),
        "max_megabytes": MAX_BYTES // (1024 * 1024),
        **extra,
    }
    return render(request, "assessments/workbook.html", context, status=status)


@role_required(has_assessment_role)
def workbook_upload(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    """GET: the upload form. POST: the workbook checked whole and, when it passes, the
    preview of what it changes, with the confirm button. Nothing is saved here."""
    participant = access_to_edit(request.user, year, unit)
    if request.method != "POST":
        return _page(request, participant)
    posted = WorkbookForm(request.POST, request.FILES)
    if not posted.is_valid():
        return _page(request, participant, 400, upload_form=posted)
    upload = posted.cleaned_data["file"]
    if upload.size is None or upload.size > MAX_BYTES:
        message = _("The file is larger than %(max)s MB.") % {"max": MAX_BYTES // (1024 * 1024)}
        return _page(request, participant, 400, refused=message)
    try:
        plan = plan_upload(participant, upload.name or "", upload.read())
    except FormLocked as locked:
        return _page(request, participant, 409, refused=str(locked))
    except WorkbookRefused as refused:
        return _page(
            request,
            participant,
            400,
            refused=str(refused),
            problems=shown(refused.problems, limit=50),
            more=max(0, len(refused.problems) - 50),
        )
    return _page(
        request,
        participant,
        plan=plan,
        token=plan.token(participant, request.user),
    )


@require_POST
@role_required(has_assessment_role)
def workbook_confirm(request: SignedInRequest, year: int, unit: str) -> HttpResponse:
    participant = access_to_edit(request.user, year, unit)
    token = request.POST.get("token", "")
    try:
        count = do_apply_upload(participant, token, actor=request.user)
    except FormLocked as locked:
        return _page(request, participant, 409, refused=str(locked))
    except StaleUpload as stale:
        return _page(request, participant, 409, refused=str(stale))
    except WorkbookRefused as refused:
        return _page(request, participant, 400, refused=str(refused))
    message = ngettext(
        "%(count)d answer saved from the workbook.",
        "%(count)d answers saved from the workbook.",
        count,
    )
    messages.success(request, message % {"count": count})
    return redirect(_form_url(participant))
