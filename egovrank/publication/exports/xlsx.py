"""Results as an Excel workbook, one sheet per block, numbers stored as numbers.

Two layouts over the same rows:

- ``announcement`` (the public download): what a province's announcement looks like —
  on each sheet the title, the block, the decision (number, date, signer), a correction's
  reason, the count per level, then the table (STT, unit, points per group, total,
  share, level, rank; district and rank in the district for a block with districts)
  under Vietnamese headers, printable on A4 landscape with the header row repeated;
- ``data``: the CSV's columns under their codes, one header row, for scripts.

Written in openpyxl's write-only mode: rows stream to the file, so a block of 10,000
units takes seconds and little memory.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from egovrank.core.fixed_zip import fixed_zip
from egovrank.results.queries import ResultTable
from egovrank.scoring.fileformat.cells import sheet_row, text_cell

from . import announcement
from .source import ExportSource
from .values import BASE_COLUMNS, extra_columns, row_values

__all__ = ["CONTENT_TYPE", "HEADER_ROW", "LAYOUTS", "render_xlsx"]

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LAYOUTS = ("announcement", "data")
# The announcement's table header is on this row of every sheet; units follow it.
HEADER_ROW = 6

POINTS_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00"


def _percent_format(table: ResultTable) -> str:
    """Two places by default; the set's places when it asks for others."""
    places = table.percent_places
    return "0." + "0" * places if places else "0"


_THIN = Side(style="thin", color="FF808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FORMATS = {"points": POINTS_FORMAT, "percent": PERCENT_FORMAT, "integer": "0"}


def render_xlsx(source: ExportSource, *, layout: str = "announcement") -> bytes:
    """The workbook as bytes; a workbook always has a sheet, even with no block."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    workbook = Workbook(write_only=True)
    workbook.properties.title = announcement.title(source)
    workbook.properties.creator = "egovrank"
    # A publication's workbook is dated by the publication, so it is the same file
    # whenever and wherever it is drawn (one ETag, one checksum).
    moment = source.publication.published_at if source.publication is not None else None
    if moment is not None:
        utc = moment.astimezone(UTC).replace(tzinfo=None)
        workbook.properties.created = workbook.properties.modified = utc
    for table in source.tables:
        sheet = workbook.create_sheet(_sheet_title(table))
        if layout == "data":
            _write_data(sheet, table)
        else:
            _write_announcement(sheet, source, table)
    if not source.tables:
        workbook.create_sheet(_("Results"))
    out = io.BytesIO()
    if moment is None:
        workbook.save(out)
        return out.getvalue()
    # Workbook.save stamps the workbook modified now; its writer keeps the moment given.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return fixed_zip(out.getvalue(), moment)


def _sheet_title(table: ResultTable) -> str:
    # Excel refuses these characters in a sheet's name and cuts it at 31.
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in table.code)
    return cleaned[:31] or "-"


def _write_data(sheet: WriteOnlyWorksheet, table: ResultTable) -> None:
    columns = [*BASE_COLUMNS, *extra_columns([table]), *(group.code for group in table.groups)]
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append(sheet_row(sheet, [_cell(sheet, column, font=bold) for column in columns]))
    percent = columns.index("percent")
    percent_format = _percent_format(table)
    for row in table.rows:
        values = row_values(table, row)
        cells: list[object] = []
        for index, column in enumerate(columns):
            value = values.get(column)
            if isinstance(value, bool):
                value = "yes" if value else "no"
            cells.append(
                _cell(sheet, value, number_format=percent_format) if index == percent else value
            )
        sheet.append(sheet_row(sheet, cells))


# The type ignores below: types-openpyxl leaves out what a write-only sheet takes from
# Worksheet (its dimensions and page layout, made with it), a cell's style array and the
# Decimal values that cells take.
def _write_announcement(
    sheet: WriteOnlyWorksheet, source: ExportSource, table: ResultTable
) -> None:
    columns = announcement.columns(table)
    last = get_column_letter(len(columns))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width  # type: ignore[attr-defined]
    _print_setup(sheet)
    # Write-only sheets write their view with the first row: freeze before any.
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"

    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    counts = " · ".join(
        f"{level.name}: {count}" for level, count in announcement.level_counts(source, table)
    )
    heading = [
        (announcement.title(source), Font(bold=True, size=14), 30),
        (table.name, Font(bold=True, size=12), 20),
        (announcement.decision_line(source), Font(italic=True), 30),
        (announcement.notice(source), Font(bold=True, color="FFB3261E"), 30),
        (_("Units per level: %(counts)s") % {"counts": counts} if counts else "", Font(), 18),
    ]
    assert len(heading) == HEADER_ROW - 1
    for number, (text, font, height) in enumerate(heading, start=1):
        sheet.row_dimensions[number].height = height if text else 6  # type: ignore[attr-defined]
        sheet.append(sheet_row(sheet, [_cell(sheet, text, font=font, alignment=centred)]))
        sheet.merged_cells.add(f"A{number}:{last}{number}")  # type: ignore[attr-defined]

    sheet.row_dimensions[HEADER_ROW].height = 80  # type: ignore[attr-defined]
    header_fill = PatternFill("solid", fgColor="FFE8EEF5")
    header = [
        _cell(
            sheet,
            column.header,
            font=Font(bold=True),
            alignment=centred,
            fill=header_fill,
            border=_BORDER,
        )
        for column in columns
    ]
    sheet.append(sheet_row(sheet, header))

    levels = source.levels.get(table.code, [])
    level_font = Font(bold=True, color="FFFFFFFF")
    level_styles = {
        level.code: _style(
            sheet,
            font=level_font,
            fill=PatternFill(
                "solid", fgColor="FF" + announcement.level_colour(levels, level.code).upper()
            ),
            alignment=centred,
            border=_BORDER,
        )
        for level in levels
    }
    plain_level = _style(sheet, alignment=centred, border=_BORDER)
    styles = [
        None
        if column.key == "level"
        else _style(
            sheet,
            number_format=_percent_format(table)
            if column.kind == "percent"
            else _FORMATS.get(column.kind),
            border=_BORDER,
        )
        for column in columns
    ]
    for number, row in enumerate(table.rows, start=1):
        cells = []
        for style, value in zip(styles, announcement.row_cells(columns, number, row), strict=True):
            cell = text_cell(WriteOnlyCell(sheet, value=value))  # type: ignore[arg-type]
            # Each column's style is made once and shared (the level's by level): setting
            # fonts and borders cell by cell would cost more than writing the rows.
            cell._style = style or level_styles.get(row.level_code, plain_level)  # type: ignore[attr-defined]
            cells.append(cell)
        sheet.append(sheet_row(sheet, cells))


def _print_setup(sheet: WriteOnlyWorksheet) -> None:
    """A4 landscape, as wide as the page, the table's header repeated on every page and
    the page number at the foot."""
    sheet.page_setup.orientation = "landscape"  # type: ignore[attr-defined]
    sheet.page_setup.paperSize = 9  # type: ignore[attr-defined]  # A4
    sheet.page_setup.fitToWidth = 1  # type: ignore[attr-defined]
    sheet.page_setup.fitToHeight = 0  # type: ignore[attr-defined]
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[attr-defined]
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True  # type: ignore[attr-defined]
    sheet.page_margins.left = sheet.page_margins.right = 0.4  # type: ignore[attr-defined]
    sheet.oddFooter.center.text = _("Page &P of &N")  # type: ignore[union-attr]


def _style(sheet: WriteOnlyWorksheet, **formatting: Any) -> StyleArray:
    """The openpyxl style array of a cell formatted so."""
    style: StyleArray = _cell(sheet, 0, **formatting)._style  # type: ignore[attr-defined]
    return style


def _cell(
    sheet: WriteOnlyWorksheet,
    value: object,
    *,
    font: Font | None = None,
    alignment: Alignment | None = None,
    fill: PatternFill | None = None,
    border: Border | None = None,
    number_format: str | None = None,
) -> Cell:
    cell = text_cell(WriteOnlyCell(sheet, value=value))  # type: ignore[arg-type]
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    if number_format is not None and isinstance(value, Decimal | int):
        cell.number_format = number_format
    return cell
