"""The criteria-set pages: the public list, tree and downloads, compare, and the
administrator's import and copy. Editing a version is in ``editor_views``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovrank.accounts.requests import SignedInRequest
from egovrank.core.access import role_required
from egovrank.core.audit import history_of
from egovrank.core.roles import roles_of
from egovrank.scoring.fileformat.problems import CriteriaFileError, Problem, shown
from egovrank.scoring.tree import CriteriaSet

from .access import access_version, can_manage_criteria
from .actions import (
    VersionRefused,
    do_add_shipped_versions,
    do_copy_version,
    do_import_version,
)
from .compare import compare_sets
from .files import FORMATS, export_version
from .forms import (
    CompareForm,
    CopyForm,
    ImportForm,
)
from .frameworks import frameworks
from .models import CriteriaVersion
from .queries import node_rows, versions_by_block
from .versions import criteria_set_of, is_frozen

Path = tuple[str | int, ...]


def form_data(request: HttpRequest) -> Any:
    """The posted data, so that even an empty POST is a bound form that shows its errors."""
    return request.POST if request.method == "POST" else None


def page_locale() -> str:
    return get_language() or "vi"


def _legal_basis(criteria_set: CriteriaSet) -> dict[str, object]:
    """The decision's fields, with an ISO date turned into a date so it shows dd/mm/yyyy."""
    fields: dict[str, object] = dict(criteria_set.meta.legal_basis)
    raw = fields.get("date")
    if isinstance(raw, str):
        try:
            fields["date"] = date.fromisoformat(raw)
        except ValueError:
            pass  # free text such as "tháng 11/2018" is shown as written
    return fields


# -- public pages ------------------------------------------------------------------------


def set_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "criteria/list.html",
        {
            "blocks": versions_by_block(),
            "can_manage": can_manage_criteria(roles_of(request.user)),
        },
    )


def set_detail(request: HttpRequest, set_id: str) -> HttpResponse:
    version = access_version(set_id)
    criteria_set = criteria_set_of(version)
    can_manage = can_manage_criteria(roles_of(request.user))
    context = {
        "version": version,
        "cs": criteria_set,
        "rows": node_rows(criteria_set, page_locale()),
        "figures": [
            (figure, ", ".join(criteria_set.figure_users(figure.code)))
            for figure in criteria_set.figures
        ],
        "legal_basis": _legal_basis(criteria_set),
        "frozen": is_frozen(version),
        "years": sorted(
            {block.period.year for block in version.period_blocks.select_related("period")},
            reverse=True,
        ),
        "copies": version.copies.all(),
        "can_manage": can_manage,
        # The versions' history is the administrator's business.
        "history": history_of(version)[:50] if can_manage else None,
    }
    return render(request, "criteria/detail.html", context)


def framework_list(request: HttpRequest) -> HttpResponse:
    """The catalogue: shipped and imported frameworks side by side."""
    stored = [
        (v.set_id, f"{v.title} · {v.version or v.set_id}") for v in CriteriaVersion.objects.all()
    ]
    return render(
        request,
        "criteria/frameworks.html",
        {
            "frameworks": frameworks(),
            "compare_form": CompareForm(None, choices=stored) if len(stored) > 1 else None,
            "can_manage": can_manage_criteria(roles_of(request.user)),
        },
    )


def _download(version: CriteriaVersion, fmt: str) -> HttpResponse:
    content_type, suffix = FORMATS[fmt]
    response = HttpResponse(export_version(version, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{version.set_id}{suffix}"'
    return response


def set_yaml(request: HttpRequest, set_id: str) -> HttpResponse:
    return _download(access_version(set_id), "yaml")


def set_xlsx(request: HttpRequest, set_id: str) -> HttpResponse:
    return _download(access_version(set_id), "xlsx")


def compare(request: HttpRequest) -> HttpResponse:
    versions = list(CriteriaVersion.objects.select_related("copied_from"))
    choices = [(v.set_id, f"{v.title} · {v.version or v.set_id}") for v in versions]
    by_id = {v.set_id: v for v in versions}
    bound = "left" in request.GET or "right" in request.GET
    data = request.GET.copy()
    # Opened from a copy: compare it with the version it was copied from.
    right = by_id.get(data.get("right", ""))
    if "left" not in data and right is not None and right.copied_from is not None:
        data["left"] = right.copied_from.set_id
    form = CompareForm(data if bound else None, choices=choices)
    comparison = None
    left_version = right_version = None
    if bound and form.is_valid():
        left_version = by_id[form.cleaned_data["left"]]
        right_version = by_id[form.cleaned_data["right"]]
        comparison = compare_sets(
            criteria_set_of(left_version), criteria_set_of(right_version), page_locale()
        )
    return render(
        request,
        "criteria/compare.html",
        {
            "form": form,
            "comparison": comparison,
            "left": left_version,
            "right": right_version,
        },
        status=400 if bound and form.errors else 200,
    )


# -- import, shipped sets, copy ------------------------------------------------------------


@role_required(can_manage_criteria)
def version_import(request: SignedInRequest) -> HttpResponse:
    form = ImportForm(form_data(request), request.FILES if request.method == "POST" else None)
    problems: list[Problem] | None = None
    refusal = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            version = do_import_version(
                upload.name, upload.read(), actor=request.user, dry_run=dry_run
            )
        except CriteriaFileError as error:
            problems = error.problems
        except VersionRefused as error:
            refusal = str(error)
        else:
            if dry_run:
                messages.info(
                    request,
                    _("The file is correct: %(set_id)s can be imported. Nothing was saved.")
                    % {"set_id": version.set_id},
                )
            else:
                messages.success(request, _("%(set_id)s is imported.") % {"set_id": version.set_id})
                return redirect("criteria:detail", set_id=version.set_id)
    return render(
        request,
        "criteria/import.html",
        {
            "form": form,
            "problems": shown(problems) if problems else problems,
            "problem_count": len(problems or ()),
            "hidden": len(problems or ()) - len(shown(problems or [])),
            "refusal": refusal,
        },
        status=400 if problems or refusal or form.errors else 200,
    )


@require_POST
@role_required(can_manage_criteria)
def add_shipped(request: SignedInRequest) -> HttpResponse:
    # From the catalogue: one framework, by id; from the list: the Hưng Yên sets.
    one = request.POST.get("set_id", "")
    try:
        added = (
            do_add_shipped_versions(actor=request.user, set_ids=[one[:100]])
            if one
            else do_add_shipped_versions(actor=request.user)
        )
    except VersionRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("criteria:frameworks")
    if one:
        if added:
            messages.success(request, _("%(set_id)s is imported.") % {"set_id": one})
        else:
            messages.info(request, _("%(set_id)s is stored already.") % {"set_id": one})
        return redirect("criteria:frameworks")
    if added:
        message = ngettext(
            "%(count)d shipped set added: %(ids)s.",
            "%(count)d shipped sets added: %(ids)s.",
            len(added),
        ) % {"count": len(added), "ids": ", ".join(v.set_id for v in added)}
        messages.success(request, message)
    else:
        messages.info(request, _("Every shipped set is stored already; nothing was added."))
    return redirect("criteria:list")


@role_required(can_manage_criteria)
def version_copy(request: SignedInRequest, set_id: str) -> HttpResponse:
    source = access_version(set_id)
    initial = {"set_id": f"{source.set_id}-copy", "version_label": "", "title": source.title}
    form = CopyForm(form_data(request), initial=initial)
    refusal = ""
    if request.method == "POST" and form.is_valid():
        try:
            copy = do_copy_version(
                source,
                set_id=form.cleaned_data["set_id"],
                version_label=form.cleaned_data["version_label"].strip(),
                title=form.cleaned_data["title"].strip(),
                actor=request.user,
            )
        except VersionRefused as error:
            refusal = str(error)
        else:
            messages.success(
                request,
                _("%(new)s is a copy of %(old)s; it can be edited now.")
                % {"new": copy.set_id, "old": source.set_id},
            )
            return redirect("criteria:edit", set_id=copy.set_id)
    return render(
        request,
        "criteria/copy.html",
        {"source": source, "form": form, "refusal": refusal},
        status=400 if request.method == "POST" else 200,
    )
