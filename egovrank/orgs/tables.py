"""Tables people send, read as numbered rows of text cells with bounded work: a CSV
(UTF-8, a BOM or not, "," or the ";" of Excel set to Vietnamese, lines starting with
``#`` dropped when asked) or the first sheet of an Excel workbook (checked as an archive
first). The unit list, the successor links, the figures import and the past results read
their files here, match header spellings with :func:`fold`, and report a problem at its
row and column (:func:`table_problem`) in one refusal (:class:`TableRefused`).

At most ``MAX_ROWS`` rows, ``MAX_CELL`` characters a cell and ``MAX_CELLS`` cells a
sheet: past them the file is refused (with the row where there is one), never a crash.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from egovrank.core.archives import archive_refusal
from egovrank.scoring.collation import without_marks
from egovrank.scoring.fileformat.archives import IMPORT_LIMITS, ArchiveRefused, checked_archive
from egovrank.scoring.fileformat.cellcount import more_cells_than
from egovrank.scoring.fileformat.cells import csv_unescape
from egovrank.scoring.fileformat.problems import FileRefused, Problem

__all__ = [
    "MAX_CELL",
    "MAX_CELLS",
    "MAX_ROWS",
    "Refuse",
    "TableRefused",
    "fold",
    "keyed_rows",
    "read_sheets",
    "read_table",
    "table_problem",
]

MAX_ROWS = 100_000  # a province's units, or every unit's figures, are a few thousand
MAX_CELL = 100_000
MAX_CELLS = 2_000_000  # in a sheet, counting the empty ones a row is padded with


class _TooLarge(Exception):
    pass


Rows = Iterator[tuple[int, list[str]]]
# Makes the caller's refusal from a message and the row it is on (None: the whole file).
Refuse = Callable[[str, int | None], Exception]


def fold(text: str) -> str:
    """A header or choice as compared: without marks (``scoring.collation.without_marks``),
    ``_``, ``-``, ``,`` and ``/`` as spaces: "Mã", "ma" and "MÃ" fold alike."""
    return without_marks(re.sub(r"[_\-,/]", " ", text))


def table_problem(filename: str, row: int | None, column: str, message: str) -> Problem:
    """A problem in a table file (CSV or Excel) at ``row`` (None for the file as a whole)
    and ``column`` (the English column name, or "" when no single column is at fault),
    its place worded in the person's language: ``units.csv, row 7, column parent``."""
    place = filename
    if row is not None:
        place = gettext("%(place)s, row %(row)s") % {"place": place, "row": row}
    if column:
        place = gettext("%(place)s, column %(column)s") % {"place": place, "column": column}
    return Problem(place, message, row=row, column=column)


class TableRefused(FileRefused):
    """A table file was refused whole (units, figures); nothing was imported."""

    def heading(self) -> str:
        return ngettext(
            "%(file)s: %(count)d problem, nothing imported:",
            "%(file)s: %(count)d problems, nothing imported:",
            len(self.problems),
        ) % {"file": self.filename, "count": len(self.problems)}


def read_table(
    filename: str, content: bytes, refuse: Refuse, wrong_type: str, *, comments: bool = False
) -> Rows:
    """(row number, cells) of the file; ``wrong_type`` is the message for a file that is
    neither .csv nor .xlsx. Row numbers are those an editor or Excel shows."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "csv":
        return _bounded(_csv_rows(content, refuse, comments), refuse)
    if extension == "xlsx":
        return _bounded(iter(_xlsx_rows(filename, content, refuse)), refuse)
    raise refuse(wrong_type, None)


def keyed_rows(
    table: Rows, headers: Mapping[str, str]
) -> tuple[int, dict[str, int], Iterator[tuple[int, dict[str, str]]]]:
    """The header row's number, where each known column is (``headers``: folded heading
    -> column key; the first of a repeated heading), and, read as they are asked for, the
    rows below that are not blank, each as {column key: its cell, stripped}."""
    header_row, cells = next(table, (0, []))
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = headers.get(fold(cell))
        if key:
            positions.setdefault(key, index)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, row in table:
            if any(cell.strip() for cell in row):
                yield (
                    number,
                    {
                        column: (row[index].strip() if index < len(row) else "")
                        for column, index in positions.items()
                    },
                )

    return header_row, positions, rows()


def _bounded(rows: Rows, refuse: Refuse) -> Rows:
    for count, (number, cells) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise refuse(_("more than %(max)s rows: split the file") % {"max": MAX_ROWS}, None)
        yield number, cells


def _csv_rows(content: bytes, refuse: Refuse, comments: bool) -> Rows:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise refuse(_("the file is not UTF-8 text: save it as “CSV UTF-8”"), line) from None
    lines = text.splitlines(keepends=True)
    first = next((line for line in lines if not (comments and line.startswith("#"))), "")
    # Excel set to Vietnamese separates cells with ";" (the decimal mark is ",").
    delimiter = ";" if first.count(";") > first.count(",") else ","
    consumed: list[int] = []

    def feed() -> Iterator[str]:
        # Comment lines are dropped here but keep their place in the numbering, so row
        # numbers match what an editor shows.
        for number, line in enumerate(lines, start=1):
            if comments and line.startswith("#"):
                continue
            consumed.append(number)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    while True:
        consumed.clear()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            row = consumed[0] if consumed else None
            message = _("a cell is longer than %(max)s characters") % {"max": MAX_CELL}
            raise refuse(message, row) from None
        if any(len(cell) > MAX_CELL for cell in cells):
            message = _("a cell is longer than %(max)s characters") % {"max": MAX_CELL}
            raise refuse(message, consumed[0])
        # The app's own export puts ' before text a spreadsheet would run as a formula.
        yield consumed[0], [csv_unescape(cell) for cell in cells]


def _xlsx_rows(filename: str, content: bytes, refuse: Refuse) -> list[tuple[int, list[str]]]:
    if content[:4] == b"\xd0\xcf\x11\xe0":
        raise refuse(_("an old Excel 97-2003 (.xls) file: save it as .xlsx"), None)
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise refuse(_("not an Excel workbook (.xlsx)"), None)
    try:
        checked_archive(content, IMPORT_LIMITS).close()
    except ArchiveRefused as error:
        raise refuse(archive_refusal(filename, error), None) from None
    too_large = _("the sheet holds more than %(max)s cells") % {"max": MAX_CELLS}
    # Counted in the XML first: parsing up to the limit took seconds.
    if more_cells_than(content, MAX_CELLS):
        raise refuse(too_large, None)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # The declared size (A1:XFD1048576 costs nothing to write) would pad every row.
        sheet.reset_dimensions()
        budget = MAX_CELLS
        rows = []
        # One row past the limit, for _bounded to refuse.
        values = itertools.islice(sheet.iter_rows(values_only=True), MAX_ROWS + 1)
        for number, row in enumerate(values, start=1):
            budget -= len(row)
            if budget < 0:
                raise _TooLarge
            rows.append((number, [_cell_text(value) for value in row]))
        workbook.close()
        # Rows of a sheet may stop at their last filled cell; pad them to a common width.
        width = max((len(cells) for _number, cells in rows), default=0)
        if width * len(rows) > MAX_CELLS:
            raise _TooLarge
        rows = [(number, cells + [""] * (width - len(cells))) for number, cells in rows]
    except _TooLarge:
        raise refuse(too_large, None) from None
    # openpyxl raises many unrelated types for a damaged or foreign zip; all of them mean
    # the same thing to the person who sent it.
    except Exception:
        raise refuse(_("not an Excel workbook (.xlsx) that can be read"), None) from None
    return rows


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code or year typed as a number comes back as 2019.0
    return str(value).strip()


class _Stop(Exception):
    """A refusal found while reading, raised past the reader's catch-all."""


def read_sheets(
    filename: str, content: bytes, refuse: Refuse, *, max_cells: int = MAX_CELLS
) -> dict[str, list[list[str]]]:
    """Every sheet of an Excel workbook by name, as rows of text cells (row 1 first),
    with the bounds of :func:`read_table` over the whole workbook. A formula is refused
    naming its cell: what a formula last showed is not what the person typed, and the
    app never reads one."""
    if content[:4] == b"\xd0\xcf\x11\xe0":
        raise refuse(_("an old Excel 97-2003 (.xls) file: save it as .xlsx"), None)
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise refuse(_("not an Excel workbook (.xlsx)"), None)
    try:
        checked_archive(content, IMPORT_LIMITS).close()
    except ArchiveRefused as error:
        raise refuse(archive_refusal(filename, error), None) from None
    # Counted in the XML first: parsing up to the limit took seconds.
    if more_cells_than(content, max_cells):
        raise refuse(_("the sheet holds more than %(max)s cells") % {"max": max_cells}, None)
    try:
        return _sheets(content, max_cells)
    except _Stop as stop:
        raise refuse(str(stop), None) from None
    # openpyxl raises many unrelated types for a damaged or foreign zip.
    except Exception:
        raise refuse(_("not an Excel workbook (.xlsx) that can be read"), None) from None


def _sheets(content: bytes, max_cells: int) -> dict[str, list[list[str]]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    budget = max_cells
    sheets: dict[str, list[list[str]]] = {}
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()
            rows: list[list[str]] = []
            for number, row in enumerate(sheet.iter_rows(), start=1):
                if number > MAX_ROWS:
                    raise _Stop(_("more than %(max)s rows: split the file") % {"max": MAX_ROWS})
                budget -= len(row)
                if budget < 0:
                    raise _Stop(_("the sheet holds more than %(max)s cells") % {"max": max_cells})
                rows.append([_checked_cell(sheet.title, cell) for cell in row])
            sheets[sheet.title] = rows
    finally:
        workbook.close()
    return sheets


def _checked_cell(title: str, cell: Any) -> str:
    place = f"{title}!{getattr(cell, 'coordinate', '')}"
    if getattr(cell, "data_type", None) == "f":
        raise _Stop(_("%(cell)s holds a formula: type the value itself") % {"cell": place})
    text = _cell_text(getattr(cell, "value", None))
    # openpyxl cuts cells at Excel's 32,767 characters today; the bound holds without it.
    if len(text) > MAX_CELL:
        message = _("a cell is longer than %(max)s characters") % {"max": MAX_CELL}
        raise _Stop(f"{place}: {message}")
    return text
