"""Template filters of the public result pages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from egovrank.publication.charts import Chart
from egovrank.scoring.numbers import format_number

register = template.Library()


@register.filter
def magnitude(value: int | Decimal | None) -> int | Decimal | None:
    """The size of a change without its sign (the arrow beside it gives the sign)."""
    if value is None:
        return None
    if isinstance(value, Decimal):  # one type at a time: abs of the union is "object"
        return abs(value)
    return abs(value)


@register.filter
def signed_points(value: Decimal | None) -> str:
    """A change in percentage points as people read it: ``+2,40``, ``−1,05``, ``0,00``."""
    if value is None:
        return ""
    text = format_number(abs(Decimal(value)), get_language() or "vi", places=2)
    if value > 0:
        return "+" + text
    if value < 0:
        return "\u2212" + text
    return text


@register.filter
def svg(chart: Chart) -> SafeString:
    """A chart drawn by ``publication.charts``: its markup is built from escaped text, so
    it goes into the page as is."""
    return mark_safe(chart.svg)  # noqa: S308 - every text in it went through html.escape
