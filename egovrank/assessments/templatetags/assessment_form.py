"""Template helpers of the self-assessment form."""

from __future__ import annotations

from typing import Any

from django import template

from egovrank.assessments.sheet import dom_id

register = template.Library()


@register.filter
def criterion(form: Any, code: str) -> dict[str, Any]:
    """What the form shows for one criterion (``page.FormPage.criterion``)."""
    result: dict[str, Any] = form.criterion(code)
    return result


@register.filter
def shared_figure(form: Any, code: str) -> dict[str, Any]:
    """What the form shows for one shared figure (``page.FormPage.figure``)."""
    result: dict[str, Any] = form.figure(code)
    return result


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]``, or an empty list when it is missing."""
    return mapping.get(key, [])


@register.filter(name="dom_id")
def dom_id_filter(code: str) -> str:
    """A criterion code made safe for an HTML id (``HT3.1`` → ``HT3_1``)."""
    return dom_id(code)
