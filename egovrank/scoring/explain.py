"""Explanations in words: the rule and the figures that gave each computed point.

``render`` turns an explanation (``explanation.Explanation``, a tuple) into the short
line a person reads, for example ``65,3% ≥ 50% → 7/10``, computing any displayed
percentage then; ``describe_rule`` says how a rule gives points. Each rule kind words its
own kinds of explanation and itself (``Rule.renders``, ``Rule.in_words``, in
``scoring/rules/<kind>.py``); the kinds the engine makes are worded here:

- ``not_applicable`` (max removed) · ``unanswered`` (max) · ``not_submitted`` (max)
- ``sum`` (children's total, points, max)
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .explanation import Explanation, Renderer, Say, WordTable, say_in
from .numbers import Precision
from .rules import RULE_KINDS, Rule

__all__ = ["Explanation", "describe_rule", "render"]

_WORDS: WordTable = {
    "vi": {
        "not_applicable": "Không áp dụng: loại {max} điểm khỏi tổng điểm tối đa",
        "unanswered": "Chưa trả lời",
        "not_submitted": "Không nộp",
        "sum": "Tổng",
        "exceeds": "vượt mức tối đa",
    },
    "en": {
        "not_applicable": "Not applicable: {max} points removed from the maximum total",
        "unanswered": "Not answered",
        "not_submitted": "Not submitted",
        "sum": "Total",
        "exceeds": "exceeds the maximum",
    },
}


def _not_applicable(explanation: Explanation, say: Say) -> str:
    _, maximum = explanation
    return say.words(_WORDS)["not_applicable"].format(max=say.number(maximum))


def _no_answer(explanation: Explanation, say: Say) -> str:
    """``unanswered`` and ``not_submitted``: 0 of the maximum."""
    kind, maximum = explanation
    return f"{say.words(_WORDS)[kind]} → {say.got(0, maximum)}"


def _sum(explanation: Explanation, say: Say) -> str:
    _, total, points, maximum = explanation
    words = say.words(_WORDS)
    if total != points:
        exceeds = f"{say.computed(total)} {words['exceeds']} {say.number(maximum)}"
        return f"{words['sum']} {exceeds} → {say.got(points, maximum)}"
    return f"{words['sum']} → {say.got(points, maximum)}"


def _renderers() -> Mapping[str, Renderer]:
    renderers: dict[str, Renderer] = {
        "not_applicable": _not_applicable,
        "unanswered": _no_answer,
        "not_submitted": _no_answer,
        "sum": _sum,
    }
    for rule_class in RULE_KINDS.values():
        renderers.update(rule_class.renders)
    return renderers


_RENDERERS = _renderers()


def render(explanation: Explanation, locale: str = "vi", precision: Precision | None = None) -> str:
    """One line for people, in ``vi`` (default) or ``en``; with the set's ``precision``,
    unrounded points (``round_at: total``) are shown with its places."""
    renderer = _RENDERERS.get(explanation[0])
    if renderer is None:
        raise ValueError(f"unknown explanation kind {explanation[0]!r}")
    shown = precision.shown_points if precision and precision.round_at == "total" else None
    return renderer(explanation, say_in(locale, shown))


def describe_rule(rule: object, max_points: Decimal | None, locale: str = "vi") -> str:
    """How a rule gives points, in one or two sentences (for forms and public pages)."""
    if not isinstance(rule, Rule):
        raise TypeError(f"unknown rule {rule!r}")
    maximum = max_points if max_points is not None else Decimal(0)
    return rule.in_words(maximum, say_in(locale))
