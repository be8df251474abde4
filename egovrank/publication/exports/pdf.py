"""The announcement as a PDF: the HTML template publication/exports/announcement.html
drawn by WeasyPrint on A4 landscape pages, one table per block, page numbers at the foot
and each table's header repeated on every page.

The fonts are the DejaVu Sans Condensed files shipped beside this module (``fonts/``),
embedded in the PDF, so Vietnamese prints the same on every machine whatever fonts it
has. WeasyPrint may read those files and nothing else: no network, no other file.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from egovrank.results.queries import ResultTable
from egovrank.scoring.numbers import format_number

from . import announcement
from .source import ExportSource

__all__ = ["CONTENT_TYPE", "FONTS", "fonts_only_fetcher", "render_html", "render_pdf"]

# WeasyPrint reports every step of every PDF at INFO; the server's log needs none of it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

CONTENT_TYPE = "application/pdf"
FONTS = Path(__file__).resolve().with_name("fonts")
TEMPLATE = "publication/exports/announcement.html"
FONT_FILES = {"regular": "DejaVuSansCondensed.ttf", "bold": "DejaVuSansCondensed-Bold.ttf"}


def fonts_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves the shipped fonts and refuses everything
    else, loudly: a PDF must not silently fall back to another font or reach out."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class FontsOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            allowed = {(FONTS / name).as_uri(): FONTS / name for name in FONT_FILES.values()}
            if url not in allowed:
                raise FatalURLFetchingError(f"the announcement may not load {url}")
            return URLFetcherResponse(url, allowed[url].read_bytes(), {"Content-Type": "font/ttf"})

    return FontsOnly(fail_on_errors=True)


def _number(value: Any, places: int | None = None) -> str:
    return format_number(value, get_language() or "vi", places=places)


def _table(source: ExportSource, table: ResultTable) -> dict[str, Any]:
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


def _page_content(text: str) -> str:
    """A CSS ``content`` value for the page footer: the translated words quoted, the
    placeholders turned into WeasyPrint's page counters."""
    parts = []
    for part in re.split(r"(%\(pages?\)s)", text):
        if part == "%(page)s":
            parts.append("counter(page)")
        elif part == "%(pages)s":
            parts.append("counter(pages)")
        elif part:
            quoted = part.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
            parts.append(f'"{quoted}"')
    return " ".join(parts)


def render_html(source: ExportSource) -> str:
    """The announcement's HTML, as WeasyPrint reads it."""
    return render_to_string(
        TEMPLATE,
        {
            "source": source,
            "title": announcement.title(source),
            "decision_line": announcement.decision_line(source),
            "notice": announcement.notice(source),
            "tables": [_table(source, table) for table in source.tables],
            "fonts": {weight: (FONTS / name).as_uri() for weight, name in FONT_FILES.items()},
            "page_content": _page_content(_("Page %(page)s of %(pages)s")),
            "language": get_language() or "vi",
        },
    )


def render_pdf(source: ExportSource) -> bytes:
    """The announcement as PDF bytes."""
    from weasyprint import HTML

    document = HTML(
        string=render_html(source), base_url=FONTS.as_uri() + "/", url_fetcher=fonts_only_fetcher()
    )
    pdf: bytes = document.write_pdf()
    return pdf
