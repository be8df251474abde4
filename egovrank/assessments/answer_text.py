"""An answer as people read it, on the review page and in the official documents."""

from __future__ import annotations

from django.utils.translation import gettext as _

from egovrank.scoring.tree import Node

from .sheet import split_ratio

__all__ = ["answer_text"]


def answer_text(node: Node, value: str, not_applicable: bool) -> str:
    """An answer as people read it: Yes, the option with its label, both figures."""
    if not_applicable:
        return _("Not applicable")
    value = (value or "").strip()
    if not value:
        return "—"
    rule = node.rule
    assert rule is not None  # only criteria take answers
    kind = rule.input_kind
    if kind == "yes_no":
        return {"yes": _("Yes"), "no": _("No")}.get(value.lower(), value)
    if kind == "option":
        option = rule.find(value)
        return f"{option.code}: {option.label}" if option else value
    if kind == "ratio":
        numerator, denominator = split_ratio(value)
        first, second = rule.figure_labels
        return (
            f"{first or _('Numerator')}: {numerator} · {second or _('Denominator')}: {denominator}"
        )
    return value
