"""Template helpers of the self-assessment form."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def criterion(form: Any, code: str) -> dict[str, Any]:
    """What the form shows for one criterion (``_Form.criterion``)."""
    result: dict[str, Any] = form.criterion(code)
    return result


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]``, or an empty list when it is missing."""
    return mapping.get(key, [])
