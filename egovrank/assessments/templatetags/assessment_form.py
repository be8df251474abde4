"""Template helpers of the self-assessment form."""

from __future__ import annotations

from typing import Any

from django import template

from egovrank.assessments.history_text import answer_value, number_text, state_label
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


@register.filter
def history_side(data: dict[str, Any], side: str) -> str:
    """One side ("before" or "after") of a history event, as people read it: an answer
    with its points, or a state by its label; empty when the event has neither."""
    value = data.get(side)
    if isinstance(value, dict):
        text = answer_value(value.get("value"), bool(value.get("not_applicable")))
        points = data.get(f"points_{side}")
        return f"{text} ({number_text(points)})" if points else text
    if isinstance(value, str) and value:
        return state_label(value)
    return ""


@register.filter(name="answer_value")
def answer_value_filter(value: str | None) -> str:
    """A stored answer as people read it: Yes / No, numbers in the reader's style."""
    return answer_value(value)
