"""Results of a scored block as rows, and those rows as a table, CSV, JSON or Excel.

Machine formats (CSV, JSON) write numbers with a ``.`` and no grouping; points and
percentages are Decimal text, never floats. The table is for people and uses the
locale's style (``410,5`` and ``82,60%`` in Vietnamese). Excel stores numbers as numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .engine import BlockResult, NodeResult, UnitScore
from .explain import render
from .numbers import format_number, format_percent
from .tree import CriteriaSet

__all__ = [
    "BASE_COLUMNS",
    "explanation_lines",
    "render_csv",
    "render_json",
    "render_table",
    "render_xlsx",
    "result_rows",
]

BASE_COLUMNS = (
    "rank",
    "unit_code",
    "unit_name",
    "points",
    "max_points",
    "percent",
    "level",
    "rank_in_parent",
    "submitted",
)


def _plain(value: Decimal) -> str:
    """Decimal text without exponent or needless trailing zeros (``410.50`` -> ``410.5``)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def result_rows(block: BlockResult) -> list[dict[str, Any]]:
    """One dict per unit, in rank order, with ``BASE_COLUMNS`` then one key per group."""
    groups = block.criteria_set.groups
    rows = []
    for row in block.rows:
        score = row.score
        data: dict[str, Any] = {
            "rank": row.rank,
            "unit_code": score.unit.code,
            "unit_name": score.unit.name,
            "points": score.points,
            "max_points": score.max_points,
            "percent": score.percent,
            "level": score.level_name(),
            "rank_in_parent": row.rank_in_parent if score.unit.parent else None,
            "submitted": score.unit.submitted,
        }
        for group in groups:
            data[group.code] = score.points_of(group.code)
        rows.append(data)
    return rows


def _columns(block: BlockResult) -> list[str]:
    return list(BASE_COLUMNS) + [group.code for group in block.criteria_set.groups]


def _machine(value: Any, column: str = "") -> str:
    if column == "percent":
        return format(value, "f")  # always two places, as published: 85.00
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return _plain(value)
    return str(value)


def render_csv(block: BlockResult) -> str:
    """CSV with a header row; UTF-8 text (the caller adds a BOM for Excel if wanted)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = _columns(block)
    writer.writerow(columns)
    for row in result_rows(block):
        writer.writerow([_machine(row[c], c) for c in columns])
    return out.getvalue()


def render_json(block: BlockResult) -> str:
    """JSON: the set's identity and one object per unit; decimals as strings."""
    meta = block.criteria_set.meta
    units = []
    for row in result_rows(block):
        unit = {
            key: (_machine(value, key) if isinstance(value, Decimal) else value)
            for key, value in row.items()
            if key in BASE_COLUMNS
        }
        unit["groups"] = {g.code: _plain(row[g.code]) for g in block.criteria_set.groups}
        units.append(unit)
    document = {
        "criteria_set": {
            "id": meta.id,
            "title": meta.title,
            "block": meta.block_code,
            "version": meta.version,
            "max_total": _plain(block.criteria_set.max_total),
        },
        "units": units,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


_TABLE_HEADERS = {
    "vi": {
        "rank": "Hạng",
        "unit_code": "Mã",
        "unit_name": "Đơn vị",
        "points": "Điểm",
        "max_points": "Tối đa",
        "percent": "Tỷ lệ",
        "level": "Mức",
        "rank_in_parent": "Hạng trong đơn vị cha",
        "submitted": "Đã nộp",
    },
    "en": {
        "rank": "Rank",
        "unit_code": "Code",
        "unit_name": "Unit",
        "points": "Points",
        "max_points": "Max",
        "percent": "Share",
        "level": "Level",
        "rank_in_parent": "Rank in parent",
        "submitted": "Submitted",
    },
}


def render_table(block: BlockResult, locale: str = "vi") -> str:
    """An aligned text table for a terminal."""
    lang = "vi" if locale.startswith("vi") else "en"
    headers = _TABLE_HEADERS[lang]
    columns = _columns(block)
    if not any(row.unit.parent for row in block.rows):
        columns.remove("rank_in_parent")
    lines = [[headers.get(c, c) for c in columns]]
    for row, ranked in zip(result_rows(block), block.rows, strict=True):
        lines.append([_cell(row[column], column, ranked.score, lang) for column in columns])
    numeric = {"rank", "points", "max_points", "percent", "rank_in_parent"} | {
        g.code for g in block.criteria_set.groups
    }
    return _aligned(lines, [column in numeric for column in columns])


def _cell(value: Any, column: str, score: UnitScore, lang: str) -> str:
    """One value of the table as people of ``lang`` read it."""
    if column == "percent":
        return format_percent(score.share, lang)
    if isinstance(value, bool):
        yes, no = ("có", "không") if lang == "vi" else ("yes", "no")
        return yes if value else no
    if isinstance(value, Decimal):
        return format_number(value, lang)
    if value is None:
        return "—"
    return str(value)


def _aligned(lines: list[list[str]], right: list[bool]) -> str:
    """Columns padded to their widest cell (numbers to the right), a rule under the
    header."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(right))]
    out = []
    for index, line in enumerate(lines):
        cells = [
            cell.rjust(width) if flush_right else cell.ljust(width)
            for cell, width, flush_right in zip(line, widths, right, strict=True)
        ]
        out.append("  ".join(cells).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out) + "\n"


def render_xlsx(block: BlockResult) -> bytes:
    """A workbook with one sheet of results; numbers stored as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = (block.criteria_set.meta.block_code or "Kết quả")[:31]
    columns = _columns(block)
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in result_rows(block):
        values: list[Any] = []
        for column in columns:
            value = row[column]
            if isinstance(value, bool):
                value = "yes" if value else "no"
            values.append(value)
        sheet.append(values)
    percent_column = columns.index("percent") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=percent_column, max_col=percent_column):
        cell.number_format = "0.00"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def explanation_lines(criteria_set: CriteriaSet, score: UnitScore, locale: str = "vi") -> list[str]:
    """The unit's explanation tree, one line per node, indented by depth."""
    lang = "vi" if locale.startswith("vi") else "en"
    lines = [
        f"{score.unit.code} {score.unit.name}: "
        f"{format_number(score.points, lang)}/{format_number(score.max_points, lang)} = "
        f"{score.percent_text(lang)} → {score.level_name(lang) or '—'}"
    ]

    def visit(results: Iterable[NodeResult], depth: int) -> None:
        for result in results:
            node = criteria_set.node(result.code)
            name = node.name_en if lang == "en" and node.name_en else node.name
            lines.append(f"{'  ' * depth}{result.code} {name}: {render(result.explanation, lang)}")
            visit(result.children, depth + 1)

    visit(score.nodes, 1)
    return lines
