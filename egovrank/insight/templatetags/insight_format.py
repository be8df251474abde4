"""Template filters of the insight pages: changes with their sign, levels by name."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from egovrank.scoring.numbers import format_number

register = template.Library()

# A true minus sign: a hyphen reads as a dash, and screen readers may skip it.
_MINUS = "\u2212"


def _signed(text: str, negative: bool, positive: bool) -> str:
    if negative:
        return _MINUS + text.lstrip("-")
    return "+" + text if positive else text


@register.filter
def signed(value: Decimal | int | None) -> str:
    """A change of points or places with its sign: ``+5``, ``−2,5``, ``0``; empty for
    None."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    return _signed(format_number(number, get_language() or "vi"), number < 0, number > 0)


@register.filter
def signed_percent(value: Decimal | None) -> str:
    """A change between two percentages (already rounded), with two places: ``+1,20``."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    text = format_number(number, get_language() or "vi", places=2)
    return _signed(text, number < 0, number > 0)


@register.filter
def level_name(level: Any) -> str:
    """A level's name in the page's language (the set's English name where given)."""
    if level is None:
        return ""
    if (get_language() or "vi").startswith("en") and getattr(level, "name_en", None):
        return str(level.name_en)
    return str(level.name)


@register.filter
def change_class(value: Decimal | int | None) -> str:
    """``change--up``, ``change--down`` or ``change--none`` for a change's colour."""
    if value is None or value == "" or value == 0:
        return "change--none"
    return "change--up" if value > 0 else "change--down"
