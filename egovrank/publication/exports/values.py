"""The machine-readable columns shared by the open-data formats (CSV, JSON and the data
workbook): codes as names, decimals with a dot and no grouping, never binary floats."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from egovrank.results.queries import ResultRow, ResultTable

__all__ = [
    "BASE_COLUMNS",
    "extra_columns",
    "fraction_text",
    "group_columns",
    "plain",
    "row_values",
    "text",
]

BASE_COLUMNS = (
    "block",
    "rank",
    "unit_code",
    "unit_name",
    "district",
    "rank_in_district",
    "points",
    "max_points",
    "percent",
    "level",
    "level_name",
    "submitted",
)


def plain(value: Decimal) -> str:
    """Decimal text without exponent or needless trailing zeros (``410.50`` -> ``410.5``)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def fraction_text(share: Fraction) -> str:
    """An exact share as ``numerator/denominator`` in lowest terms (``413/500``, ``0/1``),
    which ``fractions.Fraction`` and most languages read back exactly."""
    return f"{share.numerator}/{share.denominator}"


def extra_columns(tables: Iterable[ResultTable]) -> list[str]:
    """Columns only some publications have: the converted score (a set with a
    ``converted_scale``) and why a unit evaluated is not ranked."""
    tables = list(tables)
    columns = []
    if any(table.converted_scale is not None for table in tables):
        columns.append("converted")
    if any(row.not_ranked_reason for table in tables for row in table.rows):
        columns.append("not_ranked_reason")
    return columns


def row_values(table: ResultTable, row: ResultRow) -> dict[str, Any]:
    """One unit's values by column, Python types (Decimal, int, bool, None); each group's
    points under the group's code."""
    values: dict[str, Any] = {
        "block": table.code,
        "rank": row.rank,
        "unit_code": row.unit_code,
        "unit_name": row.unit_name,
        "district": row.district_name,
        "rank_in_district": row.rank_in_district,
        "points": row.points,
        "max_points": row.max_points,
        "percent": row.percent,
        "level": row.level_code,
        "level_name": row.level_name,
        "submitted": row.submitted,
        "not_ranked_reason": row.not_ranked_reason,
        "converted": row.converted,
    }
    for group, points in zip(table.groups, row.groups, strict=True):
        values[group.code] = points
    return values


def text(value: Any, column: str) -> str:
    """A value as CSV text: empty for None, ``yes``/``no``, decimals with a dot (the
    percentage always with its two places, ``82.60``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f") if column == "percent" else plain(value)
    return str(value)


def group_columns(tables: list[ResultTable]) -> list[str]:
    """Every block's group codes, in order of first appearance."""
    columns: list[str] = []
    for table in tables:
        columns += [group.code for group in table.groups if group.code not in columns]
    return columns
