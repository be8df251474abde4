"""Links to the insight pages, for the workspace and a unit's form."""

from __future__ import annotations

from typing import Any

from django import template

from egovrank.publication.queries import published_years
from egovrank.results.models import PublishedResult

register = template.Library()


@register.inclusion_tag("insight/_unit_links.html")
def insight_links(unit: Any) -> dict[str, Any]:
    """For each published year the unit took part in, newest first, its "where we lost
    points" and what-if pages (one query)."""
    found: dict[int, str] = {}
    rows = (
        PublishedResult.objects.filter(unit_id=unit.pk)
        .order_by("-publication__period__year", "-publication__number")
        .values_list("publication__period__year", "unit_code")
    )
    for year, code in rows:
        found.setdefault(year, code)
    return {"years": list(found.items())}


@register.inclusion_tag("insight/_analysis_links.html")
def analysis_links() -> dict[str, Any]:
    """The province's analysis of each published year, newest first (one query)."""
    return {"years": published_years()}
