"""The unit registry pages: the list a person may see, one unit, import and export."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovrank.core.access import role_required
from egovrank.core.audit import history_of
from egovrank.core.roles import roles_of

from .access import access_unit, can_manage_units, can_see_units, units_visible_to
from .actions import do_add_succession, do_import_units
from .forms import SuccessionForm, UnitFileForm
from .models import Block, Unit
from .unitfile import UnitFileError, units_to_csv, units_to_xlsx

EXPORTS = {
    "csv": ("text/csv; charset=utf-8", units_to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", units_to_xlsx),
}


@role_required(can_see_units)
def unit_list(request: HttpRequest) -> HttpResponse:
    units = units_visible_to(request.user).select_related("block", "parent")
    block = request.GET.get("block", "")
    query = request.GET.get("q", "").strip()
    if block:
        units = units.filter(block__code=block)
    if query:
        units = units.filter(Q(code__icontains=query) | Q(name__icontains=query))
    units = units.annotate(child_count=Count("children"))
    return render(
        request,
        "orgs/unit_list.html",
        {
            "units": units,
            "blocks": Block.objects.all(),
            "block": block,
            "query": query,
            "can_manage": can_manage_units(roles_of(request.user)),
        },
    )


def _year(request: HttpRequest) -> int | None:
    """``?year=`` picks a unit whose code was reused after a reform (404 when not a year)."""
    text = request.GET.get("year", "")
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 4):
        raise Http404
    return int(text)


@role_required(can_see_units)
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit(request.user, code, _year(request))
    return _render_detail(request, unit, SuccessionForm(predecessor=unit))


def _render_detail(
    request: HttpRequest, unit: Unit, succession_form: SuccessionForm, status: int = 200
) -> HttpResponse:
    visible = units_visible_to(request.user)
    can_manage = can_manage_units(roles_of(request.user))
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "children": visible.filter(parent=unit).select_related("block"),
            "successions": unit.successions.select_related("successor"),
            "predecessions": unit.predecessions.select_related("predecessor"),
            "can_manage": can_manage,
            "succession_form": succession_form,
            # The registry's history is the administrator's business.
            "history": history_of(unit)[:50] if can_manage else None,
        },
        status=status,
    )


@require_POST
@role_required(can_manage_units)
def unit_add_successor(request: HttpRequest, code: str) -> HttpResponse:
    unit = access_unit(request.user, code, _year(request))
    form = SuccessionForm(request.POST, predecessor=unit)
    if not form.is_valid():
        return _render_detail(request, unit, form, status=400)
    do_add_succession(
        unit,
        form.cleaned_data["successor"],
        kind=form.cleaned_data["kind"],
        year=form.cleaned_data["year"],
        note=form.cleaned_data["note"],
        actor=request.user,
    )
    messages.success(request, _("The successor is recorded."))
    url = reverse("orgs:detail", kwargs={"code": unit.code})
    return redirect(f"{url}?year={unit.valid_until}" if unit.valid_until else url)


@role_required(can_manage_units)
def unit_import(request: HttpRequest) -> HttpResponse:
    form = UnitFileForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            report = do_import_units(
                upload.name, upload.read(), actor=request.user, dry_run=dry_run
            )
        except UnitFileError as error:
            problems = error.problems
        else:
            text = _("%(created)s new, %(updated)s changed, %(unchanged)s unchanged.") % {
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": len(report.unchanged),
            }
            if dry_run:
                messages.info(request, _("The file is correct; nothing was changed. ") + text)
            else:
                messages.success(request, _("Imported. ") + text)
                return redirect("orgs:list")
    return render(
        request,
        "orgs/unit_import.html",
        {"form": form, "problems": problems},
        status=400 if problems else 200,
    )


@role_required(can_see_units)
def unit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404
    content_type, build = EXPORTS[fmt]
    # In the unit list's order, so that importing the file back keeps it.
    units = units_visible_to(request.user).select_related("block", "parent").in_list_order()
    # Headings and kinds in the reader's language; the import reads either back.
    response = HttpResponse(build(units, get_language() or "vi"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="units.{fmt}"'
    return response
