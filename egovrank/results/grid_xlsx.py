"""The reviewer's grid as an Excel workbook: the same rows, columns and order as the
page, points as numbers, each marked cell filled in its colour with its reasons in a
comment, and a second sheet with the legend and the criteria's names. Every cell goes
through ``scoring.fileformat.cells`` (formula-safe)."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from egovrank.scoring.fileformat.cells import sheet_row

from .grid import FLAG_KINDS, INCONSISTENT, MISSING_EVIDENCE, OUTLIER, Grid

__all__ = ["CONTENT_TYPE", "FILLS", "grid_to_xlsx", "legend"]

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The page's colours (review.css, .grid-cell--…).
FILLS = {
    INCONSISTENT: "F8D7DA",
    MISSING_EVIDENCE: "D6E4F5",
    OUTLIER: "FFF1B8",
}


def legend() -> list[tuple[str, str, str]]:
    """(kind, name, what it means) of each mark, in the order a cell shows them."""
    texts = {
        INCONSISTENT: (
            _("Inconsistent figures"),
            _(
                "The criterion's rule refuses the entry: a numerator above its "
                "denominator or above a shared figure, or a shared figure that does not "
                "read. The criterion scores 0 until it is corrected."
            ),
        ),
        MISSING_EVIDENCE: (
            _("Missing evidence"),
            _("The criterion requires evidence; none is attached and no reason is given."),
        ),
        OUTLIER: (
            _("Outlier against the block"),
            _(
                "Points below Q1 − 1.5 × IQR or above Q3 + 1.5 × IQR of the points the "
                "block's submitted units have on this criterion (at least 5 units)."
            ),
        ),
    }
    return [(kind, *texts[kind]) for kind in FLAG_KINDS]


def _fill(kind: str) -> PatternFill:
    return PatternFill(start_color=FILLS[kind], end_color=FILLS[kind], fill_type="solid")


def grid_to_xlsx(grid: Grid) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = grid.block.code[:31]
    headers = [_("Unit code"), _("Unit"), _("State"), _("Total")]
    sheet.append(sheet_row(sheet, [*headers, *(column.code for column in grid.columns)]))
    for heading in sheet[1]:
        heading.font = Font(bold=True)
    for row in grid.rows:
        values: list[Any] = [
            row.participant.unit_code,
            row.participant.unit_name,
            row.state_label,
            row.total,
        ]
        for shown in row.cells:
            if shown.points is None:
                values.append(None)
            elif shown.not_applicable:
                values.append(_("n/a"))
            else:
                values.append(shown.points)
        sheet.append(sheet_row(sheet, values))
        line = sheet.max_row
        for offset, shown in enumerate(row.cells, start=len(headers) + 1):
            if shown.flags:
                target = sheet.cell(row=line, column=offset)
                target.fill = _fill(shown.kind)
                target.comment = Comment(shown.reasons, "egovrank")
    sheet.freeze_panes = "E2"

    legend_sheet = workbook.create_sheet(_("Legend")[:31])
    legend_sheet.append(sheet_row(legend_sheet, [_("Mark"), _("Meaning")]))
    for kind, name, meaning in legend():
        legend_sheet.append(sheet_row(legend_sheet, [name, meaning]))
        legend_sheet.cell(row=legend_sheet.max_row, column=1).fill = _fill(kind)
    mode = _("verified points") if grid.mode == "verified" else _("self-assessed points")
    legend_sheet.append(sheet_row(legend_sheet, []))
    legend_sheet.append(sheet_row(legend_sheet, [_("Shown"), mode]))
    legend_sheet.append(sheet_row(legend_sheet, []))
    legend_sheet.append(sheet_row(legend_sheet, [_("Criterion"), _("Name"), _("Maximum")]))
    for column in grid.columns:
        legend_sheet.append(sheet_row(legend_sheet, [column.code, column.name, column.max_points]))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
