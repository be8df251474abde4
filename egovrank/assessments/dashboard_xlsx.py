"""The deadline dashboard as an Excel workbook: what the page shows, for the person's
share of units. A summary sheet (per block, and per reviewing district where districts
review) and a sheet with one row per unit. Every cell goes through
``scoring.fileformat.cells`` (formula-safe)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from egovrank.scoring.fileformat.cells import sheet_row

from .dashboard import BlockDashboard, Tally, UnitProgress

__all__ = ["CONTENT_TYPE", "dashboard_to_xlsx"]

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy hh:mm"


def _local(moment: datetime | None) -> datetime | None:
    """Vietnam time without its zone: Excel stores no zone."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _counts(tally: Tally) -> list[int]:
    return [
        tally.total,
        len(tally.not_started),
        len(tally.draft),
        len(tally.missing_evidence),
        len(tally.submitted),
    ]


def _unit_rows(entry: BlockDashboard) -> list[tuple[str, UnitProgress]]:
    """(reviewed by, row) of every unit of the block, as the page groups them."""
    groups = entry.districts or [entry.total]
    rows = []
    for tally in groups:
        reviewer = tally.name if entry.districts else ""
        for row in (*tally.not_started, *tally.draft, *tally.submitted):
            rows.append((reviewer, row))
    return rows


def dashboard_to_xlsx(blocks: list[BlockDashboard]) -> bytes:
    workbook = Workbook()
    summary_sheet = workbook.active
    assert summary_sheet is not None
    summary_sheet.title = _("Summary")[:31]
    headings = [
        _("Block"),
        _("Reviewed by"),
        _("Units"),
        _("Not started"),
        _("In draft"),
        _("of which missing evidence"),
        _("Submitted"),
    ]
    summary_sheet.append(sheet_row(summary_sheet, headings))
    for entry in blocks:
        for tally in entry.districts:
            summary_sheet.append(
                sheet_row(summary_sheet, [entry.block.name, tally.name, *_counts(tally)])
            )
        summary_sheet.append(
            sheet_row(summary_sheet, [entry.block.name, _("All"), *_counts(entry.total)])
        )

    units_sheet = workbook.create_sheet(_("Units")[:31])
    units_sheet.append(
        sheet_row(
            units_sheet,
            [
                _("Block"),
                _("Reviewed by"),
                _("Unit code"),
                _("Unit"),
                _("State"),
                _("Answered"),
                _("Answerable"),
                _("Missing evidence"),
                _("Deadline"),
                _("Extended"),
            ],
        )
    )
    for entry in blocks:
        for reviewer, row in _unit_rows(entry):
            participant = row.participant
            values: list[Any] = [
                entry.block.name,
                reviewer,
                participant.unit_code,
                participant.unit_name,
                row.state_label,
                row.progress.answered,
                row.progress.answerable,
                row.progress.missing_evidence if row.started else None,
                _local(row.deadline),
                _("yes") if row.extended else "",
            ]
            units_sheet.append(sheet_row(units_sheet, values))
            units_sheet.cell(row=units_sheet.max_row, column=9).number_format = DATE_FORMAT
    for sheet in (summary_sheet, units_sheet):
        for heading in sheet[1]:
            heading.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
