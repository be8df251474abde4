"""The administrator's figures import as a page: upload the file, see what it would do
(a dry run of the import itself), confirm. All or nothing, as on the command line and
the API (``figures.do_import_figures``)."""

from __future__ import annotations

import base64

from django import forms
from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required
from egovrank.periods.access import can_manage_periods
from egovrank.periods.models import Period
from egovrank.scoring.fileformat.problems import shown

from .figures import FiguresRefused, do_import_figures

# The file travels in the signed preview (a hidden field, under Django's 2.5 MB limit
# of a form's body); bigger files go through the command line or the API.
MAX_BYTES = 1024 * 1024
TOKEN_AGE = 2 * 60 * 60
_SALT = "egovrank.assessments.figures_views"


class FiguresForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Figures file (.csv or .xlsx)"))
    source = forms.CharField(
        label=gettext_lazy("Where the figures come from"),
        max_length=300,
        help_text=gettext_lazy(
            "Kept in each form's history, e.g. “Cổng dịch vụ công, thống kê 2019”."
        ),
    )


def _page(
    request: SignedInRequest, period: Period, status: int = 200, **extra: object
) -> HttpResponse:
    context = {
        "period": period,
        "upload_form": extra.pop("upload_form", None) or FiguresForm(),
        "max_megabytes": MAX_BYTES // (1024 * 1024),
        **extra,
    }
    return render(request, "assessments/figures_import.html", context, status=status)


def _refused(
    request: SignedInRequest, period: Period, refused: FiguresRefused, **extra: object
) -> HttpResponse:
    problems = shown(refused.problems, limit=50)
    more = max(0, len(refused.problems) - 50)
    return _page(request, period, 400, problems=problems, more=more, **extra)


@role_required(can_manage_periods)
def figures_import(request: SignedInRequest, year: int) -> HttpResponse:
    """GET: the upload form. POST: a dry run of the import and, when the file passes,
    what it would change, with the confirm button. Nothing is saved here."""
    period = get_object_or_404(Period, year=year)
    if request.method != "POST":
        return _page(request, period)
    posted = FiguresForm(request.POST, request.FILES)
    if not posted.is_valid():
        return _page(request, period, 400, upload_form=posted)
    upload = posted.cleaned_data["file"]
    if upload.size is None or upload.size > MAX_BYTES:
        message = _(
            "The file is larger than %(max)s MB: import it with the command line or the API."
        ) % {"max": MAX_BYTES // (1024 * 1024)}
        return _page(request, period, 400, upload_form=posted, refusal=message)
    content = upload.read()
    name = upload.name or "figures"
    source = posted.cleaned_data["source"]
    try:
        report = do_import_figures(
            period, name, content, source=source, actor=request.user, dry_run=True
        )
    except FiguresRefused as refused:
        return _refused(request, period, refused, upload_form=posted)
    token = signing.dumps(
        {
            "y": period.year,
            "u": request.user.pk,
            "n": name,
            "s": source,
            "f": report.fingerprint,
            "c": base64.b64encode(content).decode(),
        },
        salt=_SALT,
        compress=True,
    )
    return _page(request, period, report=report, token=token)


@require_POST
@role_required(can_manage_periods)
def figures_confirm(request: SignedInRequest, year: int) -> HttpResponse:
    period = get_object_or_404(Period, year=year)
    try:
        payload = signing.loads(request.POST.get("token", ""), salt=_SALT, max_age=TOKEN_AGE)
    except signing.BadSignature:
        message = _("The preview has expired or was altered: upload the file again.")
        return _page(request, period, 400, refusal=message)
    if payload.get("y") != period.year or payload.get("u") != request.user.pk:
        message = _("This preview belongs to another period or person: upload the file again.")
        return _page(request, period, 400, refusal=message)
    try:
        report = do_import_figures(
            period,
            payload["n"],
            base64.b64decode(payload["c"]),
            source=payload["s"],
            actor=request.user,
            expected=payload["f"],
        )
    except FiguresRefused as refused:
        response = _refused(request, period, refused)
        response.status_code = 409
        return response
    message = ngettext(
        "%(changed)d figure saved from %(name)s.",
        "%(changed)d figures saved from %(name)s.",
        len(report.changed),
    )
    messages.success(request, message % {"changed": len(report.changed), "name": report.filename})
    return redirect(reverse("assessments:figures_import", kwargs={"year": period.year}))
