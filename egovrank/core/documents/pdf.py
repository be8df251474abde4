"""A ``model.Document`` as a PDF: the HTML template core/documents/document.html (the
header and the signature block are its includes, shared with the announcement's own
template) drawn by WeasyPrint.

The fonts are the Liberation Serif files shipped beside this module (``fonts/``; Times
New Roman's metrics, as Decree 30/2020/NĐ-CP asks), embedded in the PDF, so Vietnamese
prints the same on every machine whatever fonts it has. WeasyPrint may read those files and nothing else: no network, no other file.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from .model import MOTTO, NATIONAL_NAME, Document, Table

__all__ = [
    "CONTENT_TYPE",
    "FONTS",
    "FONT_FILES",
    "font_urls",
    "fonts_only_fetcher",
    "page_content",
    "render_html",
    "render_pdf",
    "write_pdf",
]

# WeasyPrint reports every step of every PDF at INFO; the server's log needs none of it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

CONTENT_TYPE = "application/pdf"
FONTS = Path(__file__).resolve().with_name("fonts")
FONT_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
}
TEMPLATE = "core/documents/document.html"


def fonts_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves the shipped fonts and refuses everything
    else, loudly: a PDF must not silently fall back to another font or reach out."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class FontsOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            allowed = {(FONTS / name).as_uri(): FONTS / name for name in FONT_FILES.values()}
            if url not in allowed:
                raise FatalURLFetchingError(f"a document may not load {url}")
            return URLFetcherResponse(url, allowed[url].read_bytes(), {"Content-Type": "font/ttf"})

    return FontsOnly(fail_on_errors=True)


def font_urls() -> dict[str, str]:
    return {weight: (FONTS / name).as_uri() for weight, name in FONT_FILES.items()}


def page_content(text: str) -> str:
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


def shared_context() -> dict[str, Any]:
    """What the header and signature includes and the page footer need."""
    return {
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "fonts": font_urls(),
        "page_content": page_content(_("Page %(page)s of %(pages)s")),
        "language": get_language() or "vi",
    }


def _widths(table: Table) -> list[str]:
    total = sum(column.width for column in table.columns) or 1
    return [f"{100 * column.width / total:.2f}" for column in table.columns]


def render_html(document: Document) -> str:
    def part(item: Any) -> dict[str, Any]:
        if isinstance(item, Table):
            kinds = [column.kind for column in item.columns]
            rows = [
                {"cells": list(zip(row, kinds, strict=True)), "strong": index in item.bold_rows}
                for index, row in enumerate(item.rows)
            ]
            return {"table": item, "widths": _widths(item), "rows": rows}
        return {"paragraph": item}

    return render_to_string(
        TEMPLATE,
        {
            **shared_context(),
            "document": document,
            "body": [part(item) for item in document.body],
            "annexes": [
                {"annex": annex, "parts": [part(item) for item in annex.parts]}
                for annex in document.annexes
            ],
        },
    )


def write_pdf(html: str) -> bytes:
    """HTML drawn as PDF bytes with the shipped fonts only."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=FONTS.as_uri() + "/", url_fetcher=fonts_only_fetcher())
    pdf: bytes = document.write_pdf()
    return pdf


def render_pdf(document: Document) -> bytes:
    with override(document.language):
        return write_pdf(render_html(document))
