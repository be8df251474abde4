from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from egovrank.scoring.catalogue import packaged_set_text
from egovrank.scoring.fileformat.xlsx_io import criteria_set_to_xlsx
from egovrank.scoring.tree import CriteriaSet

from .queries import node_rows, shipped_set, shipped_sets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get_set(set_id: str) -> CriteriaSet:
    criteria_set = shipped_set(set_id)
    if criteria_set is None:
        raise Http404
    return criteria_set


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


def set_list(request: HttpRequest) -> HttpResponse:
    return render(request, "criteria/list.html", {"criteria_sets": shipped_sets()})


def set_detail(request: HttpRequest, set_id: str) -> HttpResponse:
    criteria_set = _get_set(set_id)
    context = {
        "cs": criteria_set,
        "rows": node_rows(criteria_set, get_language() or "vi"),
        "legal_basis": _legal_basis(criteria_set),
    }
    return render(request, "criteria/detail.html", context)


def set_yaml(request: HttpRequest, set_id: str) -> HttpResponse:
    _get_set(set_id)
    response = HttpResponse(
        packaged_set_text(set_id), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{set_id}.yaml"'
    return response


def set_xlsx(request: HttpRequest, set_id: str) -> HttpResponse:
    criteria_set = _get_set(set_id)
    response = HttpResponse(criteria_set_to_xlsx(criteria_set), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{set_id}.xlsx"'
    return response
