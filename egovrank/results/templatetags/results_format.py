"""Template filters of the results pages."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language

from egovrank.scoring.numbers import format_number

register = template.Library()


@register.filter
def percent(value: Decimal | None) -> str:
    """A percentage already rounded half up to two places, as people read it:
    ``82.60`` -> ``82,60%`` in Vietnamese, ``82.60%`` in English; empty for None."""
    if value is None or value == "":
        return ""
    return format_number(Decimal(value), get_language() or "vi", places=2) + "%"
