"""Results of a scored block as rows, and those rows as a table, CSV, JSON or Excel.

Machine formats (CSV, JSON) write numbers with a ``.`` and no grouping; points and
percentages are Decimal text, never floats. The table is for people and uses the
locale's style (``410,5`` and ``82,60%`` in Vietnamese). Excel stores numbers as numbers,
under Vietnamese headers, with the exact share beside the percent as published.

Points and percent have the set's places and rounding (``scoring:``); a set that names a
converted scale gets a ``converted`` column, and a block with units evaluated but not
ranked a ``not_ranked_reason`` column. Sets and blocks without either print as before.
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
from .numbers import format_number
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


def _extra_columns(block: BlockResult) -> list[str]:
    """Columns only some sets and blocks have."""
    extra = []
    if block.criteria_set.scoring.converted_scale is not None:
        extra.append("converted")
    if any(not row.unit.ranked for row in block.rows):
        extra.append("not_ranked_reason")
    return extra


def result_rows(block: BlockResult) -> list[dict[str, Any]]:
    """One dict per unit, in rank order, with ``BASE_COLUMNS``, the extra columns of the
    set and block (``converted``, ``not_ranked_reason``), then one key per group."""
    groups = block.criteria_set.groups
    precision = block.criteria_set.scoring.precision
    extra = _extra_columns(block)
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
        if "converted" in extra:
            data["converted"] = score.converted
        if "not_ranked_reason" in extra:
            data["not_ranked_reason"] = "" if score.unit.ranked else score.unit.not_ranked_reason
        for group in groups:
            # Unrounded with round_at: total; shown with the set's places.
            data[group.code] = precision.round_points(score.points_of(group.code))
        rows.append(data)
    return rows


def _columns(block: BlockResult) -> list[str]:
    return (
        list(BASE_COLUMNS)
        + _extra_columns(block)
        + [group.code for group in block.criteria_set.groups]
    )


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
            if key in BASE_COLUMNS or key in {"converted", "not_ranked_reason"}
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
        "converted": "Điểm quy đổi",
        "not_ranked_reason": "Lý do không xếp hạng",
        "exact_share": "Tỷ lệ chính xác (%)",
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
        "converted": "Converted score",
        "not_ranked_reason": "Why not ranked",
        "exact_share": "Exact share (%)",
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
        row["level"] = ranked.score.level_name(lang)
        lines.append([_cell(row[column], column, ranked.score, lang) for column in columns])
    numeric = {"rank", "points", "max_points", "percent", "rank_in_parent", "converted"} | {
        g.code for g in block.criteria_set.groups
    }
    return _aligned(lines, [column in numeric for column in columns])


def _cell(value: Any, column: str, score: UnitScore, lang: str) -> str:
    """One value of the table as people of ``lang`` read it."""
    if column == "percent":
        return score.percent_text(lang)
    if column == "rank" and value is None and not score.unit.ranked:
        return "không xếp hạng" if lang == "vi" else "not ranked"
    if isinstance(value, bool):
        yes, no = ("có", "không") if lang == "vi" else ("yes", "no")
        return yes if value else no
    if isinstance(value, Decimal):
        return format_number(value, lang)
    if value is None or value == "":
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
    """A workbook with one sheet of results under Vietnamese headers; numbers stored as
    numbers. The percent is the set's, as published; beside it the exact share in
    percent at a double's full precision (424.99/500 is 84.998, not the 85.00 shown),
    which is what the level is decided on. ``rank_in_parent`` is left out when no unit
    has a parent."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = (block.criteria_set.meta.block_code or "Kết quả")[:31]
    columns = _columns(block)
    columns.insert(columns.index("percent") + 1, "exact_share")
    if not any(row.unit.parent for row in block.rows):
        columns.remove("rank_in_parent")
    headers = _TABLE_HEADERS["vi"]
    sheet.append([headers.get(column, column) for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row, ranked in zip(result_rows(block), block.rows, strict=True):
        row["exact_share"] = float(ranked.score.share * 100)
        values: list[Any] = []
        for column in columns:
            value = row[column]
            if isinstance(value, bool):
                value = "có" if value else "không"
            elif column == "rank" and value is None and not ranked.unit.ranked:
                value = "không xếp hạng"
            values.append(value)
        sheet.append(values)
    places = block.criteria_set.scoring.precision.percent_decimals
    percent_column = columns.index("percent") + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=percent_column, max_col=percent_column):
        cell.number_format = "0." + "0" * places if places else "0"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def explanation_lines(criteria_set: CriteriaSet, score: UnitScore, locale: str = "vi") -> list[str]:
    """The unit's explanation tree, one line per node, indented by depth."""
    lang = "vi" if locale.startswith("vi") else "en"
    lines = [
        f"{score.unit.code} {score.unit.name}: "
        f"{score.precision.points_text(score.points, lang)}/{format_number(score.max_points, lang)} = "
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
