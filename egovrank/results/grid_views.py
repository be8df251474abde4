"""The reviewer's grid page and its Excel export, at the review's address
(``review:grid``, ``review:grid_export``, wired in ``egovrank/urls.py``): the points
come from the results' computation, a floor above the review.

Who sees which rows is the review's rule (``review.access.readable_reviews``): the
administrator and the provincial reviewers every unit, a district reviewer the communes
it reviews; people without a review role get 403. Everything is chosen by query
parameters (``block``, ``show``, ``sort``, ``order``), so it works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from egovrank.core.access import role_required
from egovrank.orgs.models import Block
from egovrank.periods.models import Period
from egovrank.review.access import has_review_role, readable_reviews
from egovrank.scoring.numbers import format_number

from .grid import FLAG_KINDS, Grid, Row, build_grid
from .grid_xlsx import CONTENT_TYPE, FILLS, grid_to_xlsx, legend

__all__ = ["grid", "grid_export"]


def _chosen(request: HttpRequest, year: int) -> tuple[Period, list[Block], Grid | None]:
    """The period, the blocks the person may see in it, and the grid asked for (None
    when the person sees no unit of the period). An unknown block answers 404."""
    period = get_object_or_404(Period, year=year)
    visible: dict[int, Block] = {}
    for participant in readable_reviews(request.user).filter(period=period).select_related("block"):
        visible[participant.pk] = participant.block
    blocks = sorted(
        {block.pk: block for block in visible.values()}.values(),
        key=lambda block: (block.order, block.code),
    )
    if not blocks:
        return period, blocks, None
    code = request.GET.get("block") or blocks[0].code
    if code not in {block.code for block in blocks}:
        raise Http404
    found = build_grid(
        period,
        code,
        set(visible),
        mode=request.GET.get("show", "self"),
        sort=request.GET.get("sort", "unit"),
        descending=request.GET.get("order") == "desc",
    )
    if found is None:  # a block with units but no criteria set chosen yet
        raise Http404
    return period, blocks, found


def _headers(found: Grid) -> list[dict[str, Any]]:
    """The column headings: each a link that sorts by it (ascending first, then the
    other way), and the ``aria-sort`` of the column sorted by."""
    columns: list[tuple[str, str, str, bool]] = [
        ("unit", _("Unit"), "", False),
        ("state", _("State"), "", False),
        ("total", _("Total"), "", True),
    ]
    for column in found.columns:
        title = _("%(name)s (at most %(max)s points)") % {
            "name": column.name,
            "max": format_number(column.max_points),
        }
        columns.append((column.code, column.code, title, True))
    headers = []
    for key, label, title, numeric in columns:
        sorted_here = found.sort == key
        headers.append(
            {
                "key": key,
                "label": label,
                "title": title,
                "numeric": numeric,
                "order": "desc" if sorted_here and not found.descending else "asc",
                "aria_sort": (
                    ("descending" if found.descending else "ascending") if sorted_here else ""
                ),
            }
        )
    return headers


_MARKS = {"inconsistent": "!", "missing-evidence": "∅", "outlier": "↕"}


def _cells_html(row: Row, language: str) -> SafeString:
    """One row's criterion cells. Built here rather than in the template: a block of
    160 units × 80 criteria has 12,800 of them, and the template engine would take
    most of the page's time over them."""
    not_applicable = _("n/a")
    parts = []
    for cell in row.cells:
        if cell.points is None:
            parts.append(SafeString('<td class="num">—</td>'))
            continue
        shown = not_applicable if cell.not_applicable else format_number(cell.points, language)
        if not cell.flags:
            parts.append(format_html('<td class="num">{}</td>', shown))
            continue
        parts.append(
            format_html(
                '<td class="num grid-cell grid-cell--{}" title="{}">{} '
                '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span></td>',
                cell.kind,
                cell.reasons,
                shown,
                _MARKS[cell.kind],
                cell.reasons,
            )
        )
    return SafeString("".join(parts))


@role_required(has_review_role)
def grid(request: HttpRequest, year: int) -> HttpResponse:
    period, blocks, found = _chosen(request, year)
    context: dict[str, Any] = {
        "period": period,
        "blocks": blocks,
        "grid": found,
        "legend": legend(),
        "fills": FILLS,
        "counts": {kind: found.count(kind) for kind in FLAG_KINDS} if found else {},
        "headers": _headers(found) if found else [],
        "rows": (
            [(row, _cells_html(row, get_language() or "vi")) for row in found.rows] if found else []
        ),
    }
    return render(request, "review/grid.html", context)


@role_required(has_review_role)
def grid_export(request: HttpRequest, year: int) -> HttpResponse:
    period, _blocks, found = _chosen(request, year)
    if found is None:
        raise Http404
    response = HttpResponse(grid_to_xlsx(found), content_type=CONTENT_TYPE)
    filename = f"grid-{period.year}-{found.block.code}-{found.mode}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
