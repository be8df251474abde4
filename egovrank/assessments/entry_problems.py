"""What people read when a criterion's rule cannot read their entry on a form.

The scoring core says what is wrong as a code with its parameters
(``scoring.answers.EntryProblem``) and holds no translations; this is the one table that
words each problem, in the person's language. A new problem code needs a line here (a
test fails until it has one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from django.utils.translation import gettext as _

from egovrank.scoring.answers import EntryProblem, EntryProblemCode
from egovrank.scoring.numbers import format_number

__all__ = ["MESSAGES", "entry_message"]


def _figure(params: Mapping[str, object]) -> str:
    """The figure at fault, as the problem's ``what`` names it."""
    return {
        "first_figure": _("The first figure"),
        "second_figure": _("The second figure"),
        "figure": _("The figure"),
    }[str(params["what"])]


def _number(params: Mapping[str, object], name: str) -> str:
    value = params[name]
    assert isinstance(value, Decimal)
    return format_number(value)


def _above_shared(params: Mapping[str, object]) -> str:
    """A numerator above its shared denominator, naming the figure and the other
    criteria that use it."""

    def number(name: str) -> str:
        value = params.get(name)
        return format_number(value) if isinstance(value, Decimal) else str(value or "")

    values = {
        "numerator": number("numerator"),
        "figure": params.get("figure", ""),
        "shared": number("shared"),
        "others": params.get("others", ""),
    }
    if values["others"]:
        return (
            _(
                "The numerator (%(numerator)s) is above the shared figure %(figure)s "
                "(%(shared)s), which is also used by %(others)s."
            )
            % values
        )
    return (
        _("The numerator (%(numerator)s) is above the shared figure %(figure)s (%(shared)s).")
        % values
    )


MESSAGES: Mapping[EntryProblemCode, Callable[[Mapping[str, object]], str]] = {
    "cannot_be_not_applicable": lambda p: _("This criterion cannot be marked not applicable."),
    "both_figures": lambda p: _("Enter both figures."),
    "not_a_number": lambda p: (
        _("%(what)s: enter a number, such as 12 or 7,5 (no thousands separator).")
        % {"what": _figure(p)}
    ),
    "too_many_digits": lambda p: (
        _("%(what)s has too many digits: at most %(max)s.") % {"what": _figure(p), "max": p["max"]}
    ),
    "negative": lambda p: _("%(what)s must not be negative.") % {"what": _figure(p)},
    "zero_denominator": lambda p: _("The second figure must not be 0."),
    "whole_number": lambda p: _("Enter a whole number."),
    "points_above_maximum": lambda p: (
        _("Points must be between 0 and %(max)s.") % {"max": _number(p, "maximum")}
    ),
    "points_off_step": lambda p: (
        _("Points go in steps of %(step)s.") % {"step": _number(p, "step")}
    ),
    "unknown_option": lambda p: _("Choose one of the options."),
    "above_shared_figure": lambda p: _above_shared(p),
}


def entry_message(problem: EntryProblem) -> str:
    """The problem in words, in the active language."""
    return MESSAGES[problem.problem](problem.params)
