"""Unit lists as files: reading and writing CSV (UTF-8) and Excel (.xlsx).

Columns: ``position,code,name,short_name,block,kind,parent,valid_from,valid_until``. A file
needs ``code``, ``name`` and ``block`` or ``kind``; the other columns are optional, and a
column left out means "leave that value alone" on import. Vietnamese headers (``stt``,
``mã``, ``tên``, ``khối``…) are read too; exports write names the import reads back, so a
round trip is exact. ``position`` (STT) is the unit's place in the unit list.

Reading is all-or-nothing: every problem is collected with its row and column. This module
only checks what the file alone can tell; ``actions.do_import_units`` adds the checks that
need the database (blocks, parents) and raises one ``UnitFileError`` listing them all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from egovrank.scoring.fileformat.cells import csv_writer, sheet_row
from egovrank.scoring.fileformat.problems import Problem

from .choices import UnitKind
from .models import Unit
from .tables import TableRefused, fold, read_table, table_problem

__all__ = [
    "COLUMNS",
    "UnitFileError",
    "UnitRow",
    "parse_unit_file",
    "units_to_csv",
    "units_to_xlsx",
]

COLUMNS = (
    "position",
    "code",
    "name",
    "short_name",
    "block",
    "kind",
    "parent",
    "valid_from",
    "valid_until",
)
REQUIRED = ("code", "name")

# Header spellings people actually type, compared after fold(): case, diacritics, "_"
# and extra spaces do not matter, so "Mã", "ma" and "MÃ" are all ``code``.
_ALIASES = {
    "position": ("stt", "số thứ tự", "order", "position", "list order"),
    "code": ("code", "mã", "mã đơn vị"),
    "name": ("name", "tên", "tên đơn vị"),
    "short_name": ("short name", "tên ngắn", "tên viết tắt", "tên rút gọn"),
    "block": ("block", "khối"),
    "kind": ("kind", "loại", "loại đơn vị", "cấp"),
    "parent": ("parent", "đơn vị cấp trên", "cấp trên", "mã cấp trên", "mã đơn vị cấp trên"),
    "valid_from": ("valid from", "hiệu lực từ", "hiệu lực từ năm", "từ năm"),
    "valid_until": ("valid until", "hiệu lực đến", "hiệu lực đến năm", "đến năm"),
}
# Kind cells: the stored value, or the everyday Vietnamese word for the level.
_KIND_ALIASES = {
    UnitKind.PROVINCE: ("province", "tỉnh"),
    UnitKind.DEPARTMENT: ("department", "sở", "sở ban ngành", "ngành"),
    UnitKind.DISTRICT: ("district", "huyện", "cấp huyện"),
    UnitKind.COMMUNE: ("commune", "xã", "cấp xã"),
}


def _max_length(name: str) -> int:
    char_field = Unit._meta.get_field(name)
    assert isinstance(char_field, models.CharField) and char_field.max_length is not None
    return char_field.max_length


_MAX_LENGTH = {name: _max_length(name) for name in ("code", "name", "short_name")}
_YEAR = re.compile(r"\d{1,4}")
_POSITION = re.compile(r"\d{1,9}")  # a PositiveIntegerField holds up to 2**31 - 1


_HEADER = {fold(alias): column for column, aliases in _ALIASES.items() for alias in aliases}
_KIND = {fold(alias): kind.value for kind, aliases in _KIND_ALIASES.items() for alias in aliases}


class UnitFileError(TableRefused):
    """A unit file was refused whole; ``problems`` lists every problem. Nothing was changed."""


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One data row. Text cells are stripped ("" when empty or when the column is absent);
    ``columns`` says which columns the file has, ``invalid`` which cells of this row could
    not be read (already reported), so later checks can leave them alone."""

    row: int
    code: str
    name: str
    position: int | None = None
    short_name: str = ""
    block: str = ""
    kind: str = ""
    parent: str = ""
    valid_from: int | None = None
    valid_until: int | None = None
    columns: frozenset[str] = field(default_factory=frozenset)
    invalid: frozenset[str] = field(default_factory=frozenset)

    def has(self, column: str) -> bool:
        return column in self.columns


def parse_unit_file(filename: str, content: bytes) -> tuple[list[UnitRow], list[Problem]]:
    """The rows and the problems found in them. A file that cannot be read as a table at
    all (wrong type, not UTF-8, bad header) raises ``UnitFileError`` straight away."""

    def refuse(message: str, row: int | None) -> UnitFileError:
        return UnitFileError(filename, [table_problem(filename, row, "", message)])

    wrong_type = gettext("a unit list must be a .csv or .xlsx file")
    table = read_table(filename, content, refuse, wrong_type, comments=True)
    return _Reader(filename).read(table)


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def problem(self, row: int | None, column: str, message: str) -> None:
        self.problems.append(table_problem(self.filename, row, column, message))

    def refuse(self) -> UnitFileError:
        return UnitFileError(self.filename, self.problems)

    def read(self, table: Iterable[tuple[int, list[str]]]) -> tuple[list[UnitRow], list[Problem]]:
        table = iter(table)
        header_row, cells = next(table, (0, []))
        while not any(cell.strip() for cell in cells):  # blank lines before the header
            if header_row == 0:
                self.problem(None, "", gettext("the file is empty"))
                raise self.refuse()
            header_row, cells = next(table, (0, []))
        while cells and not cells[-1].strip():
            cells = cells[:-1]  # Excel often carries empty trailing columns
        positions = self.header(header_row, cells)
        if self.problems:
            raise self.refuse()
        width = len(cells)
        columns = frozenset(positions)
        rows: list[UnitRow] = []
        first_row: dict[str, int] = {}
        for number, cells in table:
            if not any(cell.strip() for cell in cells):
                continue  # blank lines are harmless
            if len(cells) < width or any(cell.strip() for cell in cells[width:]):
                message = gettext("expected %(expected)d cells, found %(found)d") % {
                    "expected": width,
                    "found": len(cells),
                }
                self.problem(number, "", message)
                continue
            values = {name: cells[index].strip() for name, index in positions.items()}
            row = self.row(number, values, columns)
            if row.code:
                if row.code in first_row:
                    message = gettext("code %(code)s is also on row %(other)d") % {
                        "code": row.code,
                        "other": first_row[row.code],
                    }
                    self.problem(number, "code", message)
                else:
                    first_row[row.code] = number
            rows.append(row)
        if not rows and not self.problems:
            self.problem(None, "", gettext("no units in the file"))
        return rows, self.problems

    def header(self, number: int, cells: list[str]) -> dict[str, int]:
        positions: dict[str, int] = {}
        for index, cell in enumerate(cells):
            label = cell.strip()
            column = _HEADER.get(fold(label))
            if not label:
                message = gettext("column %(number)d has no name") % {"number": index + 1}
                self.problem(number, "", message)
            elif column is None:
                message = gettext("unknown column %(label)s (known: %(known)s)") % {
                    "label": repr(label),
                    "known": ", ".join(COLUMNS),
                }
                self.problem(number, label, message)
            elif column in positions:
                message = gettext("column %(column)s appears twice") % {"column": column}
                self.problem(number, label, message)
            else:
                positions[column] = index
        missing = [column for column in REQUIRED if column not in positions]
        if "block" not in positions and "kind" not in positions:
            missing.append(gettext("block or kind"))
        if missing:
            message = gettext("missing column(s): %(columns)s") % {"columns": ", ".join(missing)}
            self.problem(number, "", message)
        return positions

    def row(self, number: int, values: dict[str, str], columns: frozenset[str]) -> UnitRow:
        invalid: set[str] = set()

        def bad(column: str, message: str) -> None:
            invalid.add(column)
            self.problem(number, column, message)

        if not values["code"]:
            bad("code", gettext("a code is needed"))
        if not values["name"]:
            bad("name", gettext("a name is needed"))
        for column, limit in _MAX_LENGTH.items():
            text = values.get(column, "")
            if len(text) > limit:
                message = gettext("too long: %(length)d characters, at most %(limit)d") % {
                    "length": len(text),
                    "limit": limit,
                }
                bad(column, message)
        kind = values.get("kind", "")
        if kind:
            kind = _KIND.get(fold(kind), "")
            if not kind:
                message = gettext("unknown kind %(kind)s (known: %(known)s)") % {
                    "kind": repr(values["kind"]),
                    "known": ", ".join(UnitKind.values),
                }
                bad("kind", message)
        years: dict[str, int | None] = {}
        for column in ("valid_from", "valid_until"):
            text = values.get(column, "")
            years[column] = None
            if not text:
                continue
            if _YEAR.fullmatch(text) and int(text) > 0:
                years[column] = int(text)
            else:
                message = gettext("%(text)s is not a year (a whole number such as 2019)") % {
                    "text": repr(text)
                }
                bad(column, message)
        position = None
        text = values.get("position", "")
        if text:
            if _POSITION.fullmatch(text) and int(text) > 0:
                position = int(text)
            else:
                message = gettext(
                    "%(text)s is not a position in the list (a whole number from 1)"
                ) % {"text": repr(text)}
                bad("position", message)
        start, end = years["valid_from"], years["valid_until"]
        if start is not None and end is not None and end < start:
            message = gettext("valid until %(end)d is before valid from %(start)d") % {
                "end": end,
                "start": start,
            }
            bad("valid_until", message)
        return UnitRow(
            row=number,
            code=values["code"],
            name=values["name"],
            position=position,
            short_name=values.get("short_name", ""),
            block=values.get("block", ""),
            kind=kind,
            parent=values.get("parent", ""),
            valid_from=start,
            valid_until=end,
            columns=columns,
            invalid=frozenset(invalid),
        )


# --- writing -------------------------------------------------------------------------


# The Vietnamese file's headings and kinds: words people read, which the importer
# reads back (each is one of the aliases above), so the file still round-trips.
_HEADINGS_VI = {
    "position": "STT",
    "code": "Mã",
    "name": "Tên",
    "short_name": "Tên viết tắt",
    "block": "Khối",
    "kind": "Cấp",
    "parent": "Mã đơn vị cấp trên",
    "valid_from": "Hiệu lực từ năm",
    "valid_until": "Hiệu lực đến năm",
}
_KIND_VI = {
    UnitKind.PROVINCE: "tỉnh",
    UnitKind.DEPARTMENT: "sở",
    UnitKind.DISTRICT: "huyện",
    UnitKind.COMMUNE: "xã",
}


def _headings(language: str) -> list[str]:
    if language.startswith("vi"):
        return [_HEADINGS_VI[column] for column in COLUMNS]
    return list(COLUMNS)


def _values(unit: Unit, language: str = "en") -> list[str | int | None]:
    kind = _KIND_VI.get(UnitKind(unit.kind), unit.kind) if language.startswith("vi") else unit.kind
    return [
        unit.list_order,
        unit.code,
        unit.name,
        unit.short_name,
        unit.block.code if unit.block else "",
        kind,
        unit.parent.code if unit.parent else "",
        unit.valid_from,
        unit.valid_until,
    ]


def units_to_csv(units: Iterable[Unit], language: str = "en") -> bytes:
    """The units as UTF-8 CSV with a BOM, which Excel needs to show Vietnamese correctly;
    headings and kinds in Vietnamese for ``language`` "vi", codes otherwise."""
    buffer = io.StringIO()
    plain = csv_writer(buffer)
    # A code starting with "#" would read back as a comment line: quote that row.
    quoted = csv_writer(buffer, quoting=csv.QUOTE_ALL)
    plain.writerow(_headings(language))
    for unit in units:
        writer = quoted if unit.code.startswith("#") else plain
        writer.writerow(["" if value is None else value for value in _values(unit, language)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_WIDTHS = {
    "position": 6,
    "code": 14,
    "name": 48,
    "short_name": 24,
    "block": 12,
    "kind": 12,
    "parent": 14,
}
_TEXT_COLUMNS = ("code", "parent")  # text format keeps leading zeros such as 0123


def units_to_xlsx(units: Iterable[Unit], language: str = "en") -> bytes:
    """The units as an .xlsx workbook with one sheet, header row first (in Vietnamese for
    ``language`` "vi", as ``units_to_csv``)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Đơn vị" if language.startswith("vi") else "units"
    sheet.append(sheet_row(sheet, _headings(language)))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    text_indexes = [COLUMNS.index(column) for column in _TEXT_COLUMNS]
    for number, unit in enumerate(units, start=2):
        sheet.append(sheet_row(sheet, _values(unit, language)))
        for index in text_indexes:
            sheet.cell(row=number, column=index + 1).number_format = "@"
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(column, 12)
        if column in _TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
