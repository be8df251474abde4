"""A period's results as files: CSV, JSON or Excel, from the live computation or from a
publication's stored rows.

Both come as ``results.queries.ResultTable`` (the shape the results pages use), so a
live export and a published one have the same columns. The scoring core's renderers
(``scoring.report``) take one computed block and know nothing of publications, so the
files are written here with the same conventions: machine formats (CSV, JSON) write
decimals with a dot, no grouping and never as floats (JSON as strings); Excel stores
numbers as numbers, one sheet per block.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from egovrank.results.queries import ResultRow, ResultTable

__all__ = ["BASE_COLUMNS", "FORMATS", "render_csv", "render_json", "render_xlsx", "row_values"]

FORMATS = ("csv", "json", "xlsx")
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


def _plain(value: Decimal) -> str:
    """Decimal text without exponent or needless trailing zeros (``410.50`` -> ``410.5``)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def row_values(table: ResultTable, row: ResultRow) -> dict[str, Any]:
    """One unit's values by column, Python types (Decimal, int, bool, None)."""
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
    }
    for group, points in zip(table.groups, row.groups, strict=True):
        values[group.code] = points
    return values


def _text(value: Any, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f") if column == "percent" else _plain(value)
    return str(value)


def _group_columns(tables: list[ResultTable]) -> list[str]:
    """Every block's group codes, in order of first appearance."""
    columns: list[str] = []
    for table in tables:
        columns += [group.code for group in table.groups if group.code not in columns]
    return columns


def render_csv(tables: list[ResultTable]) -> bytes:
    """One CSV for every block (a ``block`` column first; a group column is empty for a
    block without that group), UTF-8 with a BOM so Excel reads the Vietnamese."""
    columns = [*BASE_COLUMNS, *_group_columns(tables)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for table in tables:
        for row in table.rows:
            values = row_values(table, row)
            writer.writerow([_text(values.get(column), column) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def render_json(tables: list[ResultTable], about: dict[str, Any]) -> bytes:
    """``about`` (the period, and the publication if any) and each block's units."""
    blocks = []
    for table in tables:
        units = []
        for row in table.rows:
            values = row_values(table, row)
            unit = {c: values[c] for c in BASE_COLUMNS if c != "block"}
            unit = {
                key: (_text(value, key) if isinstance(value, Decimal) else value)
                for key, value in unit.items()
            }
            unit["groups"] = {
                group.code: None if points is None else _plain(points)
                for group, points in zip(table.groups, row.groups, strict=True)
            }
            units.append(unit)
        blocks.append(
            {
                "code": table.code,
                "name": table.name,
                "criteria_set": table.set_id,
                "version": table.version,
                "groups": [
                    {"code": g.code, "name": g.name, "max_points": _plain(g.max_points)}
                    for g in table.groups
                ],
                "units": units,
            }
        )
    document = {**about, "blocks": blocks}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_xlsx(tables: list[ResultTable]) -> bytes:
    """A workbook with one sheet per block; numbers stored as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for table in tables:
        sheet = workbook.create_sheet(table.code[:31] or "Kết quả")
        columns = [*BASE_COLUMNS, *(group.code for group in table.groups)]
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            values = row_values(table, row)
            sheet.append(
                [
                    ("yes" if value else "no") if isinstance(value, bool) else value
                    for value in (values.get(column) for column in columns)
                ]
            )
        percent = columns.index("percent") + 1
        for (cell,) in sheet.iter_rows(min_row=2, min_col=percent, max_col=percent):
            cell.number_format = "0.00"
        sheet.freeze_panes = "A2"
    if not tables:
        workbook.create_sheet("Kết quả")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
