"""A unit's insight pages: where it lost points, and what changing its answers would do.

The what-if page works with and without JavaScript. With HTMX every change posts the
form and the response carries the results panel and, out of band, each criterion's and
group's new points; without it the button posts the form and the page comes back with
the answers as typed and the results. Nothing is ever saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from egovrank.assessments.sheet import Entry, dom_id
from egovrank.core.access import role_required
from egovrank.scoring.engine import NodeResult
from egovrank.scoring.explain import describe_rule
from egovrank.scoring.explain import render as render_explanation
from egovrank.scoring.numbers import DEFAULT_PRECISION
from egovrank.scoring.tree import Node

from .access import access_published_unit, has_insight_role
from .forms import Field, entries_from_post, fields_of, figure_fields
from .queries import (
    UnitBasis,
    block_standings,
    level_of,
    published_node,
    unit_basis,
)
from .queries import lost_points as lost_points_of
from .whatif import Simulation, simulate


def _locale() -> str:
    return get_language() or "vi"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@role_required(has_insight_role)
def lost_points(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    basis = unit_basis(access_published_unit(request.user, year, unit))
    report = lost_points_of(basis, _locale())
    return render(
        request,
        "insight/lost_points.html",
        {**_unit_context(basis), "report": report},
    )


@dataclass(frozen=True)
class Row:
    """One node of the what-if form: published points beside the simulated ones."""

    node: Node
    depth: int
    published_points: Decimal
    published_max: Decimal
    published_status: str
    now: NodeResult | None
    field: Field | None
    error: str
    explanation: str
    rule_text: str
    adjusted: bool

    @property
    def slug(self) -> str:
        return dom_id(self.node.code)

    shown: Callable[[Decimal], Decimal] = DEFAULT_PRECISION.shown_points

    @property
    def now_points(self) -> Decimal | None:
        """The simulated points as people read them (``Precision.shown_points``)."""
        return None if self.now is None else self.shown(self.now.points)

    @property
    def change(self) -> Decimal | None:
        now = self.now_points
        return None if now is None else now - self.published_points


def _rows(
    basis: UnitBasis, fields: Mapping[str, Field], simulation: Simulation, locale: str
) -> list[Row]:
    rows = []
    precision = basis.criteria_set.scoring.precision
    shown = precision.shown_points

    def visit(node: Node, depth: int) -> None:
        if not node.carries_points:
            return
        points, maximum, status = published_node(basis.result, node.code)
        now = simulation.nodes.get(node.code)
        rows.append(
            Row(
                node=node,
                depth=depth,
                published_points=shown(points),
                published_max=maximum,
                published_status=status,
                now=now,
                field=fields.get(node.code),
                error=simulation.errors.get(node.code, ""),
                explanation=render_explanation(now.explanation, locale, precision)
                if now is not None and node.is_leaf
                else "",
                rule_text=describe_rule(node.rule, node.max_points, locale) if node.rule else "",
                adjusted=node.code in basis.adjustments,
                shown=shown,
            )
        )
        for child in node.children:
            visit(child, depth + 1)

    for node in basis.criteria_set.nodes:
        visit(node, 0)
    return rows


@require_http_methods(["GET", "POST"])
@role_required(has_insight_role)
def what_if(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    basis = unit_basis(access_published_unit(request.user, year, unit))
    entries: Mapping[str, Entry] = basis.entries
    if request.method == "POST":
        entries = entries_from_post(basis.criteria_set, request.POST, basis.entries)
    result = basis.result
    others = block_standings(
        basis.unit.publication, result.block_code, leaving_out=result.unit_code
    )
    simulation = simulate(basis, entries, others)
    locale = _locale()
    context = {
        **_unit_context(basis),
        "simulation": simulation,
        "rows": _rows(basis, fields_of(basis.criteria_set, entries), simulation, locale),
        "figures": figure_fields(basis.criteria_set, entries, basis.entries, simulation.errors),
        "changed": request.method == "POST",
    }
    if request.method == "POST" and _is_htmx(request):
        return render(request, "insight/_what_if_update.html", context)
    return render(request, "insight/what_if.html", context)


def _unit_context(basis: UnitBasis) -> dict[str, Any]:
    published = basis.unit
    return {
        "basis": basis,
        "participant": published.participant,
        "period": published.participant.period,
        "publication": published.publication,
        "result": published.result,
        "criteria_set": basis.criteria_set,
        "published_level": level_of(basis.criteria_set, published.result.level_code),
        "block_name": published.publication.blocks.get(published.result.block_code, {}).get(
            "name", published.result.block_code
        ),
    }
