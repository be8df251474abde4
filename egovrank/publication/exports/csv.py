"""Results as CSV: one header row of codes, one row per unit, UTF-8 with a byte-order
mark so that Excel reads the Vietnamese names; numbers for machines (``410.5``,
``82.60``). The format is described in docs/open-data.md."""

from __future__ import annotations

import io

from egovrank.scoring.fileformat.cells import csv_writer

from .source import ExportSource
from .values import BASE_COLUMNS, group_columns, row_values, text

__all__ = ["CONTENT_TYPE", "render_csv"]

CONTENT_TYPE = "text/csv; charset=utf-8"


def render_csv(source: ExportSource) -> bytes:
    """Every table of ``source`` in one file, a ``block`` column first; a group column is
    empty for a block without that group (and for a group not applicable to the unit)."""
    columns = [*BASE_COLUMNS, *group_columns(source.tables)]
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for table in source.tables:
        for row in table.rows:
            values = row_values(table, row)
            writer.writerow([text(values.get(column), column) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
