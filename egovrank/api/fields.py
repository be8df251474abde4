"""Fields that keep numbers exact: points as decimal strings, shares as fractions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

__all__ = ["DecimalString", "ShareField", "decimal_text", "share_text"]

DECIMAL_SCHEMA = {
    "type": "string",
    "format": "decimal",
    "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
    "example": "410.5",
}
SHARE_SCHEMA = {
    "type": "string",
    "pattern": r"^[0-9]+/[0-9]+$",
    "description": "The exact share of the maximum, as a reduced fraction.",
    "example": "821/1000",
}


def decimal_text(value: Decimal | None) -> str | None:
    """The decimal as written, never in exponent notation (``1E+1`` is ``10``)."""
    return None if value is None else format(value, "f")


def share_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


@extend_schema_field(DECIMAL_SCHEMA)
class DecimalString(serializers.Field[Decimal, str, str | None, object]):
    """A decimal exactly as the scoring core gave it, as a string."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str | None:
        return decimal_text(Decimal(value))


@extend_schema_field(SHARE_SCHEMA)
class ShareField(serializers.Field[Fraction, str, str, object]):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value: Fraction) -> str:
        return share_text(value)
