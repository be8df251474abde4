"""Template helpers of the review pages."""

from __future__ import annotations

from typing import Any

from django import template

from egovrank.assessments.sheet import dom_id as _dom_id

register = template.Library()


@register.filter
def dom_id(code: str) -> str:
    """A criterion code made safe for HTML ids (``HT3.1`` → ``HT3_1``)."""
    return _dom_id(str(code))


@register.filter
def get_line(by_code: dict[str, Any], code: str) -> Any:
    """A sheet's line by its code (``sheet.by_code[code]``)."""
    return by_code.get(code)
