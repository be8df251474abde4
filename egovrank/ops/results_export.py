"""The operator's export of a period's results, through the same writers as the public
downloads (``egovrank.publication.exports``): one implementation of each format.

The results come from a publication's stored rows (never recomputed) or, before
publication, from the live computation; either way as an ``ExportSource``, so a live
export and a published one have the same columns.
"""

from __future__ import annotations

from collections.abc import Callable

from egovrank.publication.exports import csv, json, pdf, xlsx
from egovrank.publication.exports.source import ExportSource

__all__ = ["BINARY_FORMATS", "FORMATS", "LAYOUTS", "render"]

FORMATS = ("csv", "json", "xlsx", "pdf")
# Formats that need a file: they cannot go to a terminal.
BINARY_FORMATS = ("xlsx", "pdf")
LAYOUTS = xlsx.LAYOUTS


def render(fmt: str, source: ExportSource, *, layout: str = "data") -> bytes:
    """``source`` written as ``fmt`` (one of ``FORMATS``); ``layout`` is the workbook's
    (``data``: the CSV's columns; ``announcement``: the public download's)."""
    writers: dict[str, Callable[[ExportSource], bytes]] = {
        "csv": csv.render_csv,
        "json": json.render_json,
        "xlsx": lambda s: xlsx.render_xlsx(s, layout=layout),
        "pdf": pdf.render_pdf,
    }
    return writers[fmt](source)
