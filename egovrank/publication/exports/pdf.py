"""The announcement as a PDF: the HTML template publication/exports/announcement.html
drawn by WeasyPrint on A4 landscape pages, one table per block, page numbers at the foot
and each table's header repeated on every page.

The page opens with the header of Decree 30/2020/NĐ-CP (``core.documents``): the
province's People's Committee, the national name and motto, the decision's place and
date. The fonts are the shipped Liberation Serif files (``core/documents/fonts/``),
embedded, and WeasyPrint may read those and nothing else.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language

from egovrank.core.documents.pdf import (
    CONTENT_TYPE,
    FONT_FILES,
    FONTS,
    fonts_only_fetcher,
    shared_context,
    write_pdf,
)
from egovrank.results.queries import ResultTable
from egovrank.scoring.numbers import format_number

from . import announcement
from .source import ExportSource

__all__ = [
    "CONTENT_TYPE",
    "FONT_FILES",
    "FONTS",
    "fonts_only_fetcher",
    "formatted_table",
    "render_html",
    "render_pdf",
]

TEMPLATE = "publication/exports/announcement.html"


def _number(value: Any, places: int | None = None) -> str:
    return format_number(value, get_language() or "vi", places=places)


def formatted_table(source: ExportSource, table: ResultTable) -> dict[str, Any]:
    """A block's table with every cell as the reader sees it (the official
    announcement's annex writes the same cells)."""
    columns = announcement.columns(table)
    levels = source.levels.get(table.code, [])
    percent_places = table.percent_places
    rows = []
    for number, row in enumerate(table.rows, start=1):
        cells = []
        for column, value in zip(
            columns, announcement.row_cells(columns, number, row), strict=True
        ):
            if value is None or value == "":
                shown = "—" if column.kind != "text" else ""
            elif column.kind == "points":
                shown = _number(value)
            elif column.kind == "percent":
                shown = _number(value, places=percent_places)
            else:
                shown = str(value)
            cells.append({"text": shown, "kind": column.kind, "key": column.key})
        rows.append({"cells": cells, "colour": announcement.level_colour(levels, row.level_code)})
    return {
        "code": table.code,
        "name": table.name,
        "columns": columns,
        # Excel's column widths, as shares of the page's width.
        "widths": [f"{100 * c.width / sum(c.width for c in columns):.2f}" for c in columns],
        "rows": rows,
        "counts": [
            (level, count, announcement.level_colour(levels, level.code))
            for level, count in announcement.level_counts(source, table)
        ],
    }


def render_html(source: ExportSource) -> str:
    """The announcement's HTML, as WeasyPrint reads it."""
    tables = [formatted_table(source, table) for table in source.tables]
    return render_to_string(
        TEMPLATE,
        {
            "source": source,
            "title": announcement.title(source),
            "decision_line": announcement.decision_line(source),
            "notice": announcement.notice(source),
            "tables": tables,
            "colours": sorted(
                {row["colour"] for table in tables for row in table["rows"]}
                | {colour for table in tables for _level, _count, colour in table["counts"]}
            ),
            **shared_context(),
            "header": announcement.header(source),
        },
    )


def render_pdf(source: ExportSource) -> bytes:
    """The announcement as PDF bytes."""
    return write_pdf(render_html(source))
