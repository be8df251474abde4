"""Published results of a past year, imported from a CSV or Excel table: a province with
its own history (Thái Bình's results before it merged into Hưng Yên in 2025) keeps it
next to the years evaluated here, and the successor links carry it to the new units.

One row per unit. Columns (headers matched like the unit list's): ``code`` (a unit valid
in that year), ``block`` (a block code of the registry), ``points``, ``max_points``,
``share`` (optional: the percentage announced, checked against points / max_points),
``level`` (optional: the level announced, e.g. Tốt), ``rank`` (optional: empty for a
unit not ranked) and ``name`` (optional: the name announced, else the unit's). Any other
column is a note and is left alone.

The year becomes a published period marked as imported (``Period.imported``) with one
publication under the announcing decision, read by the public pages and by
``previous_results`` like any other. All or nothing: every problem is listed with its
row and column and nothing changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from egovrank.accounts.models import User
from egovrank.core.audit import record
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit
from egovrank.orgs.tables import TableRefused, fold, keyed_rows, read_table, table_problem
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.scoring.fileformat.problems import Problem
from egovrank.scoring.numbers import NumberFormatError, parse_decimal, percent_of

from .models import Publication, PublishedResult

__all__ = ["HistoryFileError", "HistoryReport", "do_import_results"]

_ALIASES = {
    "code": ("code", "mã", "mã đơn vị"),
    "block": ("block", "khối"),
    "name": ("name", "tên", "tên đơn vị"),
    "points": ("points", "điểm", "tổng điểm"),
    "max_points": ("max points", "maximum", "điểm tối đa"),
    "share": ("share", "percent", "tỷ lệ", "tỷ lệ %", "tỉ lệ"),
    "level": ("level", "mức", "xếp loại"),
    "rank": ("rank", "xếp hạng", "thứ hạng"),
}
_HEADER = {fold(alias): column for column, aliases in _ALIASES.items() for alias in aliases}
_REQUIRED = ("code", "block", "points", "max_points")
_RANK = re.compile(r"[1-9]\d{0,6}")


class HistoryFileError(TableRefused):
    """A results file was refused whole; nothing was changed."""


@dataclass(frozen=True, slots=True)
class HistoryReport:
    filename: str
    year: int
    units: int
    blocks: tuple[str, ...]

    def __str__(self) -> str:
        return gettext(
            "%(file)s: %(units)d published results of %(year)d imported (blocks: %(blocks)s)"
        ) % {
            "file": self.filename,
            "units": self.units,
            "year": self.year,
            "blocks": ", ".join(self.blocks),
        }


@dataclass(frozen=True, slots=True)
class _Row:
    number: int
    unit: Unit
    name: str
    block: Block
    points: Decimal
    max_points: Decimal
    percent: Decimal
    level: str
    rank: int | None


def do_import_results(
    filename: str,
    content: bytes,
    *,
    year: int,
    decision_number: str,
    decision_date: date,
    signer: str,
    actor: User,
) -> HistoryReport:
    """Record ``year``'s published results from the file as an imported period, or
    nothing. The year must have no period yet."""
    with transaction.atomic():
        reader = _Reader(filename, year)
        if Period.objects.filter(year=year).exists():
            message = gettext(
                "a period for %(year)d already exists: results are imported only for a "
                "year the application has no period of"
            )
            reader.problem(None, "", message % {"year": year})
            raise reader.refuse()
        if not decision_number.strip():
            reader.problem(None, "", gettext("give the number of the announcing decision"))
            raise reader.refuse()
        rows = reader.read(content)
        return _record(filename, year, rows, decision_number, decision_date, signer, actor)


class _Reader:
    def __init__(self, filename: str, year: int) -> None:
        self.filename = filename
        self.year = year
        self.problems: list[Problem] = []

    def problem(self, row: int | None, column: str, message: str) -> None:
        self.problems.append(table_problem(self.filename, row, column, message))

    def refuse(self) -> HistoryFileError:
        return HistoryFileError(self.filename, sorted(self.problems, key=lambda p: p.row or 0))

    def read(self, content: bytes) -> list[_Row]:
        def refuse(message: str, row: int | None) -> HistoryFileError:
            return HistoryFileError(self.filename, [table_problem(self.filename, row, "", message)])

        wrong_type = gettext("a results file must be a .csv or .xlsx file")
        table = read_table(self.filename, content, refuse, wrong_type, comments=True)
        header_row, positions, lines = keyed_rows(table, _HEADER)
        missing = [column for column in _REQUIRED if column not in positions]
        if missing:
            message = gettext("missing column(s): %(columns)s") % {"columns": ", ".join(missing)}
            self.problem(header_row or None, "", message)
            raise self.refuse()
        raw = list(lines)
        if not raw:
            self.problem(None, "", gettext("no results in the file"))
            raise self.refuse()
        rows = self.resolve(raw)
        self.check_ranks(rows)
        if self.problems:
            raise self.refuse()
        return rows

    def number(self, row: int, column: str, text: str) -> Decimal | None:
        try:
            value = parse_decimal(text)
        except (NumberFormatError, InvalidOperation, ValueError):
            message = gettext("%(text)s is not a number") % {"text": repr(text)}
            self.problem(row, column, message)
            return None
        if value < 0:
            self.problem(row, column, gettext("a negative number is not a result"))
            return None
        return value

    def resolve(self, raw: list[tuple[int, dict[str, str]]]) -> list[_Row]:
        """The rows that read whole; each problem of the others is noted, row by row in
        the order of the columns."""
        codes = {values["code"] for _, values in raw}
        by_code: dict[str, list[Unit]] = defaultdict(list)
        for found in Unit.objects.filter(code__in=codes).select_related("parent").latest_first():
            by_code[found.code].append(found)
        blocks = {block.code: block for block in Block.objects.all()}
        seen: dict[int, int] = {}
        rows = []
        for number, values in raw:
            unit = self.unit(number, values["code"], by_code, seen)
            block = self.block(number, values["block"], blocks)
            points, maximum, percent = self.figures(number, values)
            rank = self.rank(number, values.get("rank", ""))
            if unit is None or block is None or points is None or percent is None:
                continue
            assert maximum is not None
            name = values.get("name") or unit.name
            level = values.get("level", "")
            rows.append(_Row(number, unit, name, block, points, maximum, percent, level, rank))
        return rows

    def unit(
        self, number: int, code: str, by_code: dict[str, list[Unit]], seen: dict[int, int]
    ) -> Unit | None:
        """The unit the code names in the year, once in the file (``seen``: unit id → the
        row that named it first)."""
        unit = next((u for u in by_code.get(code, []) if u.is_valid_in(self.year)), None)
        if not code:
            self.problem(number, "code", gettext("a code is needed"))
        elif unit is None:
            message = gettext("no unit with code %(code)s is valid in %(year)d")
            self.problem(number, "code", message % {"code": repr(code), "year": self.year})
        elif unit.pk in seen:
            message = gettext("%(code)s is also on row %(other)d")
            self.problem(number, "code", message % {"code": code, "other": seen[unit.pk]})
            return None
        else:
            seen[unit.pk] = number
        return unit

    def block(self, number: int, code: str, blocks: dict[str, Block]) -> Block | None:
        block = blocks.get(code)
        if block is None:
            message = gettext("unknown block %(block)s (known: %(known)s)")
            known = ", ".join(sorted(blocks)) or "—"
            self.problem(number, "block", message % {"block": repr(code), "known": known})
        return block

    def figures(
        self, number: int, values: dict[str, str]
    ) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        """Points, maximum and percentage of a row (None for each that does not read)."""
        points = self.number(number, "points", values["points"])
        maximum = self.number(number, "max_points", values["max_points"])
        if maximum is not None and maximum == 0:
            self.problem(number, "max_points", gettext("the maximum must be more than 0"))
            maximum = None
        if points is not None and maximum is not None and points > maximum:
            message = gettext("%(points)s points is more than the maximum %(max)s")
            self.problem(number, "points", message % {"points": points, "max": maximum})
            points = None
        percent = None
        if points is not None and maximum is not None:
            percent = self.share(number, values.get("share", ""), points, maximum)
        return points, maximum, percent

    def rank(self, number: int, text: str) -> int | None:
        """The announced rank, if any (a rank that does not read is a problem)."""
        if not text:
            return None
        if not _RANK.fullmatch(text):
            message = gettext("%(text)s is not a rank (a whole number from 1)")
            self.problem(number, "rank", message % {"text": repr(text)})
            return None
        return int(text)

    def share(self, row: int, text: str, points: Decimal, maximum: Decimal) -> Decimal | None:
        """The announced percentage, which must be points / maximum at its own places;
        two places, half up, when the file gives none."""
        exact = Fraction(points) / Fraction(maximum)
        if not text:
            return percent_of(exact)
        given = self.number(row, "share", text.rstrip("%").strip())
        if given is None:
            return None
        places = max(0, -int(given.as_tuple().exponent))
        scaled = exact * 100 * 10**places
        rounded = Decimal(int(scaled + Fraction(1, 2))).scaleb(-places)
        if rounded != given:
            message = gettext("share %(given)s%% does not match %(points)s / %(max)s = %(share)s%%")
            self.problem(
                row,
                "share",
                message % {"given": given, "points": points, "max": maximum, "share": rounded},
            )
            return None
        return given

    def check_ranks(self, rows: list[_Row]) -> None:
        """Within a block, no rank beyond the number of its units."""
        sizes: dict[str, int] = defaultdict(int)
        for row in rows:
            sizes[row.block.code] += 1
        for row in rows:
            if row.rank is not None and row.rank > sizes[row.block.code]:
                message = gettext("rank %(rank)d, but block %(block)s has %(count)d units here")
                self.problem(
                    row.number,
                    "rank",
                    message
                    % {"rank": row.rank, "block": row.block.code, "count": sizes[row.block.code]},
                )


def _levels(rows: list[_Row]) -> list[list[str]]:
    """The levels announced, best first; each from the lowest share announced at it
    (the decision's own thresholds are not in the file)."""
    lowest: dict[str, Decimal] = {}
    for row in rows:
        if row.level:
            lowest[row.level] = min(lowest.get(row.level, row.percent), row.percent)
    ordered = sorted(lowest.items(), key=lambda item: item[1], reverse=True)
    return [[f"L{index}", name, str(minimum)] for index, (name, minimum) in enumerate(ordered, 1)]


def _record(
    filename: str,
    year: int,
    rows: list[_Row],
    decision_number: str,
    decision_date: date,
    signer: str,
    actor: User,
) -> HistoryReport:
    by_block: dict[str, list[_Row]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r.block.order, r.block.code)):
        by_block[row.block.code].append(row)
    period = Period.objects.create(
        year=year,
        title=gettext("Published results of %(year)d (imported)") % {"year": year},
        state=PeriodState.PUBLISHED,
        imported=True,
    )
    summaries: dict[str, Any] = {}
    codes: dict[str, dict[str, str]] = {}
    for order, (code, block_rows) in enumerate(by_block.items(), start=1):
        levels = _levels(block_rows)
        codes[code] = {name: level_code for level_code, name, _min in levels}
        maxima = {row.max_points for row in block_rows}
        summaries[code] = {
            "name": block_rows[0].block.name,
            "order": order,
            "set_id": "",
            "version": "",
            "max_total": str(max(maxima)),
            "levels": levels,
            "groups": [],
            "imported": True,
        }
    publication = Publication.objects.create(
        period=period,
        number=1,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        signer=signer.strip(),
        published_by=actor,
        blocks=summaries,
    )
    results = []
    for code, block_rows in by_block.items():
        for row in block_rows:
            share = Fraction(row.points) / Fraction(row.max_points)
            parent = row.unit.parent
            district = parent if parent is not None and parent.kind == UnitKind.DISTRICT else None
            results.append(
                PublishedResult(
                    publication=publication,
                    block_code=code,
                    unit_code=row.unit.code,
                    unit_name=row.name,
                    unit_id=row.unit.pk,
                    district_code=district.code if district else "",
                    district_name=district.name if district else "",
                    submitted=True,
                    rank=row.rank,
                    rank_in_district=None,
                    points=row.points,
                    max_points=row.max_points,
                    share_numerator=share.numerator,
                    share_denominator=share.denominator,
                    percent=row.percent,
                    level_code=codes[code].get(row.level, ""),
                    level_name=row.level,
                    nodes={},
                )
            )
    PublishedResult.objects.bulk_create(results, batch_size=500)
    record(
        "results.imported",
        period,
        actor=actor,
        summary=f"Period {year}: {len(results)} published results imported from {filename}",
        data={
            "file": filename,
            "decision_number": publication.decision_number,
            "decision_date": decision_date.isoformat(),
            "units": len(results),
            "blocks": list(by_block),
        },
    )
    return HistoryReport(filename, year, len(results), tuple(by_block))
