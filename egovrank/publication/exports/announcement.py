"""The words and look shared by the announcement's Excel workbook and PDF: its title, the
decision line, the correction or "not published" notice, the column headers and the
level colours. Texts come out in the active language (Vietnamese first)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from egovrank.core.documents.agency import place_date, provincial_committee
from egovrank.core.documents.model import Header
from egovrank.results.queries import ResultRow, ResultTable
from egovrank.scoring.numbers import format_number

from ..queries import LevelInfo
from .source import ExportSource

__all__ = [
    "Column",
    "columns",
    "decision_line",
    "header",
    "level_colour",
    "level_counts",
    "notice",
    "row_cells",
    "title",
]

# The colours of the app's level badges (static/egovrank/css/app.css), so a printed
# table reads like the page; any other scale is coloured by position, best first.
LEVEL_COLOURS = {"tot": "1b7f3b", "kha": "1f5fa8", "trung_binh": "8a5300", "yeu": "b3261e"}
_BY_POSITION = ("1b7f3b", "1f5fa8", "8a5300", "b3261e")


def title(source: ExportSource) -> str:
    return _("RESULTS OF THE EVALUATION AND RANKING OF THE E-GOVERNMENT LEVEL IN %(year)s") % {
        "year": source.year
    }


def decision_line(source: ExportSource) -> str:
    """``(Kèm theo Quyết định số 123/QĐ-UBND ngày 20/03/2020 …)``; for live results, that
    they are not published."""
    publication = source.publication
    if publication is None:
        return _("Results computed now from the reviewed forms; not published.")
    return _("(Attached to Decision No. %(number)s of %(date)s, signed by %(signer)s)") % {
        "number": publication.decision_number,
        "date": date_format(publication.decision_date, "SHORT_DATE_FORMAT"),
        "signer": publication.signer,
    }


def notice(source: ExportSource) -> str:
    """What a reader must know beyond the decision: a correction and its reason."""
    publication = source.publication
    if publication is None or not publication.is_correction:
        return ""
    return _("Correction (publication %(number)s): %(reason)s") % {
        "number": publication.number,
        "reason": publication.correction_reason,
    }


def header(source: ExportSource) -> Header:
    """The PDF's header (Decree 30/2020/NĐ-CP): the province's People's Committee, whose
    decision the tables are attached to, and the decision's place and date."""
    publication = source.publication
    return Header(
        parent="",
        agency=provincial_committee(),
        number="",
        place_date=place_date(publication.decision_date if publication else None),
    )


def level_colour(levels: list[LevelInfo], code: str) -> str:
    """A level's colour as ``rrggbb``."""
    if code in LEVEL_COLOURS:
        return LEVEL_COLOURS[code]
    codes = [level.code for level in levels]
    position = codes.index(code) if code in codes else len(_BY_POSITION) - 1
    return _BY_POSITION[min(position, len(_BY_POSITION) - 1)]


def level_counts(source: ExportSource, table: ResultTable) -> list[tuple[LevelInfo, int]]:
    """How many units of the block reached each level, best level first."""
    counts: dict[str, int] = {}
    for row in table.rows:
        counts[row.level_code] = counts.get(row.level_code, 0) + 1
    return [(level, counts.get(level.code, 0)) for level in source.levels.get(table.code, [])]


@dataclass(frozen=True)
class Column:
    """A column of the announcement's table: its header and whether it holds points (two
    decimals), a percentage, a whole number or text."""

    key: str
    header: str
    kind: str  # "points", "percent", "integer" or "text"
    width: float  # in Excel's character widths


def columns(table: ResultTable) -> list[Column]:
    """STT, unit, (district), points per group, total, maximum, share, level, rank,
    (rank in district), notes."""
    found = [Column("number", _("No."), "integer", 6), Column("unit", _("Unit"), "text", 30)]
    if table.has_districts:
        found.append(Column("district", _("District"), "text", 22))
    for index, group in enumerate(table.groups):
        header = _("%(group)s (max %(points)s)") % {
            "group": group.name,
            "points": format_number(group.max_points, _locale()),
        }
        found.append(Column(f"group:{index}", header, "points", 15))
    found += [
        Column("points", _("Total"), "points", 11),
        Column("max_points", _("Maximum"), "points", 11),
        Column("percent", _("Share (%)"), "percent", 10),
    ]
    if table.converted_scale is not None:
        found.append(Column("converted", _("Converted score"), "points", 11))
    found += [
        Column("level", _("Level"), "text", 13),
        Column("rank", _("Rank"), "integer", 9),
    ]
    if table.has_districts:
        found.append(Column("rank_in_district", _("Rank in the district"), "integer", 12))
    found.append(Column("notes", _("Notes"), "text", 16))
    return found


def row_cells(
    table_columns: list[Column], number: int, row: ResultRow
) -> list[Decimal | int | str | None]:
    """One unit's values in ``table_columns`` order, as Python numbers where numbers."""
    cells: list[Decimal | int | str | None] = []
    for column in table_columns:
        key = column.key
        if key == "number":
            cells.append(number)
        elif key == "unit":
            cells.append(row.unit_name)
        elif key == "district":
            cells.append(row.district_name)
        elif key.startswith("group:"):
            cells.append(row.groups[int(key.partition(":")[2])])
        elif key == "level":
            cells.append(row.level_name)
        elif key == "notes":
            cells.append("" if row.submitted else _("Did not submit"))
        else:
            cells.append(getattr(row, key))
    return cells


def _locale() -> str:
    return get_language() or "vi"
