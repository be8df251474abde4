"""Exact decimal arithmetic for points, and Vietnamese/English number formatting.

Points are ``Decimal`` with at most two places. Binary floating point never touches them.

Rounding rule (stated once, used everywhere): a computed quantity is rounded **half up**
to two decimal places (0.005 -> 0.01). Division is done by ``divide_half_up``, which is
exact: it truncates the quotient at 60 significant digits and then rounds half up. For
non-negative operands truncation never crosses a half-way point that the true quotient
has not reached, so the result equals rounding the exact rational quotient.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from fractions import Fraction

from .text import Text, gettext_noop

__all__ = [
    "DIVIDE_CONTEXT",
    "HUNDRED",
    "TWO_PLACES",
    "ZERO",
    "DEFAULT_PRECISION",
    "NumberFormatError",
    "Precision",
    "divide_half_up",
    "exact_mul",
    "exact_sum",
    "format_number",
    "format_percent",
    "fraction_half_up",
    "parse_decimal",
    "percent_of",
    "points",
    "quantize",
    "round_half_up",
    "truncate_divide",
]

ZERO = Decimal(0)
HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")

# Truncating context for division; see the module docstring for why truncation is exact.
_DIVIDE = Context(prec=60, rounding=ROUND_DOWN, traps=[InvalidOperation, DivisionByZero, Overflow])
# Products of entered figures must be exact: an inexact product is a bug, not a rounding.
_EXACT = Context(prec=60, rounding=ROUND_HALF_UP, traps=[InvalidOperation, Inexact, Overflow])
# Rounding to two places is meant to be inexact.
_ROUND = Context(prec=60, rounding=ROUND_HALF_UP, traps=[InvalidOperation, Overflow])


class NumberFormatError(ValueError):
    """A text could not be read as a number."""


# ``a * b`` computed exactly (raises if more than 60 digits would be needed). A bound C
# method rather than a wrapper: it runs for nearly every scored answer.
exact_mul = _EXACT.multiply


def round_half_up(value: Decimal) -> Decimal:
    """Round to two decimal places, half up."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP, context=_ROUND)


def divide_half_up(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator / denominator`` rounded half up to two places, exactly.

    Both operands must be non-negative and the denominator non-zero.
    """
    if numerator < ZERO or denominator <= ZERO:
        raise ValueError("divide_half_up needs numerator >= 0 and denominator > 0")
    return _cents(_truncate(numerator, denominator), TWO_PLACES, ROUND_HALF_UP, _DIVIDE)


# The two steps of ``divide_half_up`` as C calls, for loops over a whole block that have
# already checked their operands: ``_cents(_truncate(a, b), TWO_PLACES, ROUND_HALF_UP,
# _DIVIDE)``. Exported under these names so every such loop rounds the same way.
_truncate = _DIVIDE.divide
_cents = Decimal.quantize
truncate_divide = _truncate
quantize = _cents
DIVIDE_CONTEXT = _DIVIDE


def points(value: Decimal | int | str) -> Decimal:
    """Read a points value and check it has at most two decimal places."""
    result = value if isinstance(value, Decimal) else Decimal(str(value))
    if not result.is_finite():
        raise NumberFormatError(
            Text(gettext_noop("'%(value)s' is not a finite number"), value=str(value))
        )
    exponent = result.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and result != round_half_up(result):
        raise NumberFormatError(
            Text(gettext_noop("'%(value)s' has more than two decimal places"), value=str(value))
        )
    return result


def fraction_half_up(value: Fraction) -> Decimal:
    """A non-negative exact fraction rounded half up to two places."""
    hundredths = math.floor(value * 100 + Fraction(1, 2))
    return Decimal(hundredths).scaleb(-2)


def percent_of(share: Fraction) -> Decimal:
    """The share as a percentage, rounded half up to two places (exact).

    >>> percent_of(Fraction(413, 500))
    Decimal('82.60')
    """
    return fraction_half_up(share * 100)


def parse_decimal(text: str) -> Decimal:
    """Read a number typed by a person: ``7``, ``7.5``, ``7,5``, ``-2``.

    Exactly one decimal separator is accepted, either ``.`` or ``,``. Thousands separators
    are refused because ``1.234`` means 1234 to a Vietnamese reader and 1.234 to others.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise NumberFormatError(Text(gettext_noop("empty value")))
    if cleaned.count(".") + cleaned.count(",") > 1:
        raise NumberFormatError(
            Text(
                gettext_noop(
                    "'%(text)s': use at most one decimal separator and no thousands separator"
                ),
                text=text,
            )
        )
    cleaned = cleaned.replace(",", ".")
    body = cleaned.lstrip("+-")
    if not body or not all(ch.isdigit() or ch == "." for ch in body) or body in {"."}:
        raise NumberFormatError(Text(gettext_noop("'%(text)s' is not a number"), text=text))
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:  # pragma: no cover - guarded above
        raise NumberFormatError(
            Text(gettext_noop("'%(text)s' is not a number"), text=text)
        ) from exc


def _group_thousands(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


def format_number(value: Decimal | int, locale: str = "vi", *, places: int | None = None) -> str:
    """Format a number for people: ``1.234,5`` in Vietnamese, ``1,234.5`` in English.

    With ``places=None`` trailing zeros are dropped (``410.50`` -> ``410,5``); otherwise
    the value is shown with exactly that many places (it must already be rounded).
    """
    number = Decimal(value)
    if places is None:
        number = number.normalize() if number != 0 else Decimal(0)
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
    else:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, fraction = text.partition(".")
    decimal_sep, thousands_sep = (",", ".") if locale.startswith("vi") else (".", ",")
    whole = _group_thousands(whole, thousands_sep)
    return sign + whole + (decimal_sep + fraction if fraction else "")


def format_percent(share: Fraction, locale: str = "vi") -> str:
    """The share shown as a percentage with two places: ``82,60%``."""
    return format_number(percent_of(share), locale, places=2) + "%"


# --- precision and rounding as data of a set (``scoring:`` in the file format) ---------

_MODES = {"half_up": ROUND_HALF_UP, "truncate": ROUND_DOWN}
# Sums of unrounded leaves (60 significant digits each, below 10^15) need up to ~80 digits.
_SUM = Context(prec=120, rounding=ROUND_DOWN, traps=[InvalidOperation, Overflow])


@dataclass(frozen=True, slots=True)
class Precision:
    """How a set rounds: places for points (0-3) and for the percent (0-6), the mode
    (``half_up`` or ``truncate``, for both), and where points are rounded: ``criterion``
    (each leaf; sums are exact sums of rounded leaves) or ``total`` (leaves and groups
    unrounded, only the unit's total rounded). The default is the behaviour of sets
    without a ``scoring`` block: two places half up at each criterion.
    """

    points_decimals: int = 2
    percent_decimals: int = 2
    rounding: str = "half_up"
    round_at: str = "criterion"

    @property
    def is_default(self) -> bool:
        return self == DEFAULT_PRECISION

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.points_decimals)

    @property
    def mode(self) -> str:
        return _MODES[self.rounding]

    def round_points(self, value: Decimal) -> Decimal:
        """A non-negative points figure rounded to the set's places in its mode."""
        return value.quantize(self.quantum, rounding=self.mode, context=_ROUND)

    def shown_points(self, value: Decimal) -> Decimal:
        """A criterion's or group's points as people read them: unrounded ones (``round_at:
        total``) with the set's places and mode; others are already rounded."""
        if self.round_at != "total":
            return value
        return self.round_points(value)

    def round_fraction(self, value: Fraction, places: int) -> Decimal:
        """A non-negative exact fraction rounded to ``places`` in the set's mode."""
        scaled = value * 10**places
        if self.rounding == "truncate":
            whole = math.floor(scaled)
        else:
            whole = math.floor(scaled + Fraction(1, 2))
        return Decimal(whole).scaleb(-places)

    def percent(self, share: Fraction) -> Decimal:
        """The share as a percentage with the set's places and mode (exact)."""
        return self.round_fraction(share * 100, self.percent_decimals)

    def converted(self, share: Fraction, scale: Decimal) -> Decimal:
        """The converted score: exact share × scale, rounded like points."""
        return self.round_fraction(share * Fraction(scale), self.points_decimals)

    def percent_text(self, share: Fraction, locale: str = "vi") -> str:
        return format_number(self.percent(share), locale, places=self.percent_decimals) + "%"

    def points_text(self, value: Decimal, locale: str = "vi") -> str:
        """Points as shown: at most the set's places (trailing zeros dropped)."""
        return format_number(self.round_points(value), locale)


DEFAULT_PRECISION = Precision()


def exact_sum(values: list[Decimal]) -> Decimal:
    """The exact sum of unrounded points (the default context would round at 28 digits)."""
    total = ZERO
    add = _SUM.add
    for value in values:
        total = add(total, value)
    return total
