"""Template filters of the results pages."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language

from egovrank.scoring.numbers import format_number

register = template.Library()


@register.filter
def percent_as_rounded(value: Decimal | None) -> str:
    """A percentage already rounded to its set's places (``scoring.percent_decimals``,
    two by default), shown with them: ``57.7540`` -> ``57,7540%``; empty for None."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    places = max(0, -int(number.as_tuple().exponent))
    return format_number(number, get_language() or "vi", places=places) + "%"


@register.filter
def percent_with(value: Decimal | None, places: int) -> str:
    """A percentage with ``places`` places (a block's ``percent_decimals``)."""
    if value is None or value == "":
        return ""
    return format_number(Decimal(value), get_language() or "vi", places=int(places)) + "%"


@register.filter
def percent(value: Decimal | None) -> str:
    """A percentage already rounded half up to two places, as people read it:
    ``82.60`` -> ``82,60%`` in Vietnamese, ``82.60%`` in English; empty for None."""
    if value is None or value == "":
        return ""
    return format_number(Decimal(value), get_language() or "vi", places=2) + "%"
