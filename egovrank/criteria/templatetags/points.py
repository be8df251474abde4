"""Template filters that show points the way the scoring core formats them."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language

from egovrank.scoring.numbers import format_number

register = template.Library()


@register.filter
def points(value: Decimal | int | None) -> str:
    """``410.50`` -> ``410,5`` in Vietnamese, ``410.5`` in English; empty for None."""
    if value is None or value == "":
        return ""
    return format_number(Decimal(value), get_language() or "vi")
