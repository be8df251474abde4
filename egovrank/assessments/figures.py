"""Raw figures from other systems: a CSV or Excel file of figures per unit and criterion
(for example online applications received, from the public-service portal's statistics)
saved into a period's forms.

Columns: ``unit_code, criterion, value``; for a ratio either ``value`` as ``A/B`` or the
two figures in ``numerator`` and ``denominator``. ``criterion`` may also be the code of
one of the set's shared figures (``figures:``), with the number in ``value``: this is
how figures that come from a system or are measured automatically, which units cannot
type, reach the forms. ``unit_name`` may be there for people
to read and is ignored. Vietnamese headers (``mã đơn vị``, ``tiêu chí``, ``giá trị``,
``tử số``, ``mẫu số``) are read too.

All or nothing: every row is checked first (the unit takes part in the period, the
criterion is one of its block's criteria that takes an answer, the criterion's rule reads
the value, the form can be edited now) and every problem is reported with its row and
column. Only when there is none is each value saved, through the same path as the form
(``actions._save_answer``: revision-checked, in the history), all in one transaction.
Each history entry records where the figure came from (``source``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.utils.translation import gettext as _

from egovrank.accounts.models import User
from egovrank.core.audit import record
from egovrank.orgs.models import Unit
from egovrank.orgs.tables import TableRefused, fold, read_table, table_problem
from egovrank.periods.models import Participant, Period
from egovrank.scoring.fileformat.problems import Problem
from egovrank.scoring.tree import CriteriaSet

from .actions import AnswerInput, StaleAnswer, _save_answer, edit_lock
from .models import Answer, Assessment
from .queries import criteria_set_for, entries_of
from .sheet import Entry, answers_of, join_ratio

__all__ = [
    "COLUMNS",
    "FigureChange",
    "FiguresRefused",
    "FiguresReport",
    "do_import_figures",
]

COLUMNS = ("unit_code", "criterion", "value", "numerator", "denominator")
REQUIRED = ("unit_code", "criterion")
# Read for people, never used: a file exported from another system often carries names.
IGNORED = ("unit_name",)

# Header spellings, compared after _fold (case, diacritics, "_" and spaces do not matter).
_ALIASES = {
    "unit_code": ("unit code", "mã đơn vị", "mã"),
    "criterion": ("criterion", "tiêu chí", "mã tiêu chí"),
    "value": ("value", "giá trị", "số liệu"),
    "numerator": ("numerator", "tử số"),
    "denominator": ("denominator", "mẫu số"),
    "unit_name": ("unit name", "tên đơn vị", "đơn vị"),
}


_HEADER = {fold(alias): column for column, aliases in _ALIASES.items() for alias in aliases}


class FiguresRefused(TableRefused):
    """The file was refused whole; ``problems`` lists every problem. Nothing changed."""


@dataclass(frozen=True)
class FigureChange:
    """What one row of the file does: the criterion's stored answer before and after."""

    row: int
    unit_code: str
    unit_name: str
    criterion: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class FiguresReport:
    """Every row of an import (or a dry run: what an import would do)."""

    year: int
    filename: str
    source: str
    rows: list[FigureChange] = field(default_factory=list)
    dry_run: bool = False
    # Each planned row's unit, criterion and revision: a confirmation passes a dry
    # run's back (``expected``) and the import refuses when any has changed since.
    fingerprint: str = ""

    @property
    def changed(self) -> list[FigureChange]:
        return [row for row in self.rows if row.changed]

    def __str__(self) -> str:
        return (
            f"{self.filename}: {len(self.rows)} figure(s) for period {self.year}, "
            f"{len(self.changed)} changed, {len(self.rows) - len(self.changed)} unchanged "
            f"(source: {self.source})"
        )


@dataclass(frozen=True)
class _Row:
    number: int
    unit_code: str
    criterion: str
    value: str
    numerator: str
    denominator: str


@dataclass
class _Planned:
    row: _Row
    participant: Participant
    code: str
    before: AnswerInput
    entered: AnswerInput
    revision: int


# --- reading the file -------------------------------------------------------------------


def _table(filename: str, content: bytes) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of a .csv (UTF-8, BOM or not) or .xlsx (first sheet)."""

    def refuse(message: str, row: int | None) -> FiguresRefused:
        return FiguresRefused(filename, [table_problem(filename, row, "", message)])

    return read_table(filename, content, refuse, _("a figures file must be a .csv or .xlsx file"))


def _read(filename: str, content: bytes) -> tuple[list[_Row], list[Problem]]:
    """The file's rows, and the problems found in them; a file whose header cannot be
    used is refused at once."""
    table = _table(filename, content)
    header_row, cells = _header_line(filename, table)
    positions, problems = _header(filename, header_row, cells)
    if problems:
        raise FiguresRefused(filename, problems)
    rows = [_row(number, cells, positions) for number, cells in table if _filled(cells)]
    if not rows:
        problems.append(table_problem(filename, None, "", _("no figures in the file")))
    return rows, problems


def _filled(cells: list[str]) -> bool:
    return any(cell.strip() for cell in cells)  # blank lines are harmless


def _header_line(filename: str, table: Iterator[tuple[int, list[str]]]) -> tuple[int, list[str]]:
    """The header: the first line with something in it."""
    for number, cells in table:
        if _filled(cells):
            return number, cells
    raise FiguresRefused(filename, [table_problem(filename, None, "", _("the file is empty"))])


def _header(
    filename: str, header_row: int, cells: list[str]
) -> tuple[dict[str, int], list[Problem]]:
    """Each known column's position, and what is wrong with the header."""
    problems: list[Problem] = []

    def problem(column: str, message: str) -> None:
        problems.append(table_problem(filename, header_row, column, message))

    positions: dict[str, int] = {}
    known = ", ".join((*COLUMNS, *IGNORED))
    for index, cell in enumerate(cells):
        label = cell.strip()
        column = _HEADER.get(fold(label))
        if not label:
            if _filled(cells[index:]):
                problem("", _("column %(number)d has no name") % {"number": index + 1})
        elif column is None:
            message = _("unknown column %(label)s (known: %(known)s)")
            problem(label, message % {"label": repr(label), "known": known})
        elif column in positions:
            problem(label, _("column %(column)s appears twice") % {"column": column})
        else:
            positions[column] = index
    missing = _missing(positions)
    if missing:
        problem("", _("missing column(s): %(columns)s") % {"columns": ", ".join(missing)})
    return positions, problems


def _missing(positions: dict[str, int]) -> list[str]:
    """Required columns the header lacks: a value needs ``value`` or both figures."""
    missing = [column for column in REQUIRED if column not in positions]
    if "value" not in positions and "numerator" not in positions:
        missing.append("value")
    if ("numerator" in positions) != ("denominator" in positions):
        missing.append("denominator" if "numerator" in positions else "numerator")
    return missing


def _row(number: int, cells: list[str], positions: dict[str, int]) -> _Row:
    values = {
        name: cells[index].strip() if index < len(cells) else ""
        for name, index in positions.items()
    }
    return _Row(
        number,
        values["unit_code"],
        values["criterion"],
        values.get("value", ""),
        values.get("numerator", ""),
        values.get("denominator", ""),
    )


# --- checking against the period ------------------------------------------------------


class _Checker:
    """Checks each row against the period, its forms and the criteria's rules."""

    def __init__(self, period: Period, filename: str, problems: list[Problem]) -> None:
        self.period = period
        self.filename = filename
        self.problems = problems
        self.participants = {
            p.unit_code: p for p in period.participants.select_related("period", "unit")
        }
        self.sets: dict[int, CriteriaSet] = {}
        self.assessments: dict[int, Assessment | None] = {}
        self.locks: dict[int, str | None] = {}
        self.answers: dict[int, dict[str, Answer]] = {}
        self.seen: dict[tuple[str, str], int] = {}

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(table_problem(self.filename, row, column, message))

    def check(self, row: _Row) -> _Planned | None:
        participant = self._participant(row)
        code = row.criterion
        if not code:
            self.problem(row.number, "criterion", _("a criterion code is needed"))
        if participant is None or not code:
            return None
        criteria_set = self._set(participant)
        node = criteria_set.get(code)
        if node is None and criteria_set.figure(code) is not None:
            return self._figure(row, participant, code)
        if node is None:
            message = _("There is no criterion with the code %(code)s.") % {"code": code}
            self.problem(row.number, "criterion", message)
            return None
        if not node.is_leaf or node.rule is None:
            message = _("%(code)s is a group: give the figures of its criteria.")
            self.problem(row.number, "criterion", message % {"code": code})
            return None
        key = (participant.unit_code, code)
        if key in self.seen:
            message = _("%(unit)s %(code)s is also on row %(other)d")
            values = {"unit": participant.unit_code, "code": code, "other": self.seen[key]}
            self.problem(row.number, "criterion", message % values)
            return None
        self.seen[key] = row.number
        text, column = self._value(row, node.rule.input_kind == "ratio")
        if text is None:
            return None
        _answers, errors = answers_of(criteria_set, {code: Entry(value=text)})
        if code in errors:
            self.problem(row.number, column, f"[{code}] {errors[code]}")
            return None
        return self._planned(row, participant, code, text)

    def _figure(self, row: _Row, participant: Participant, code: str) -> _Planned | None:
        """A row that gives one of the set's shared figures."""
        key = (participant.unit_code, code)
        if key in self.seen:
            message = _("%(unit)s %(code)s is also on row %(other)d")
            values = {"unit": participant.unit_code, "code": code, "other": self.seen[key]}
            self.problem(row.number, "criterion", message % values)
            return None
        self.seen[key] = row.number
        if row.numerator or row.denominator:
            message = _("%(code)s is a shared figure: give its number in the value column")
            self.problem(row.number, "numerator", message % {"code": code})
            return None
        if not row.value:
            self.problem(row.number, "value", _("no value"))
            return None
        _answers, errors = answers_of(self._set(participant), {code: Entry(value=row.value)})
        if code in errors:
            self.problem(row.number, "value", f"[{code}] {errors[code]}")
            return None
        return self._planned(row, participant, code, row.value)

    def _planned(
        self, row: _Row, participant: Participant, code: str, text: str
    ) -> _Planned | None:
        lock = self._lock(participant)
        if lock:
            self.problem(row.number, "unit_code", f"{participant.unit_code}: {lock}")
            return None
        answer = self.answers[participant.pk].get(code)
        before = AnswerInput.of(answer)
        return _Planned(
            row,
            participant,
            code,
            before,
            replace(before, value=text, not_applicable=False),
            answer.revision if answer else 0,
        )

    def check_shared(self, planned: list[_Planned]) -> None:
        """Each unit's forms as they would be after the import: a criterion refused
        now but not before (a numerator above a shared denominator the file brings, or
        the other way round) is a problem of the row that brings it."""
        by_unit: dict[int, list[_Planned]] = {}
        for item in planned:
            by_unit.setdefault(item.participant.pk, []).append(item)
        for items in by_unit.values():
            participant = items[0].participant
            criteria_set = self._set(participant)
            if not criteria_set.figures:
                continue
            entries = entries_of(Assessment.objects.filter(participant=participant).first())
            _before, refused_before = answers_of(criteria_set, entries)
            rows = {}
            for item in items:
                kept = entries.get(item.code, Entry())
                entries[item.code] = replace(kept, value=item.entered.value, not_applicable=False)
                rows[item.code] = item.row.number
            _after, refused_after = answers_of(criteria_set, entries)
            for code, message in refused_after.items():
                if code in refused_before or criteria_set.get(code) is None:
                    continue
                node = criteria_set.node(code)
                figures = node.rule.figure_codes if node.rule is not None else ()
                row = rows.get(code) or next((rows[f] for f in figures if f in rows), None)
                if row is not None:
                    self.problem(row, "value", f"{participant.unit_code} [{code}] {message}")

    def _participant(self, row: _Row) -> Participant | None:
        code = row.unit_code
        if not code:
            self.problem(row.number, "unit_code", _("a unit code is needed"))
            return None
        participant = self.participants.get(code)
        if participant is None:
            if Unit.objects.filter(code=code).exists():
                message = _("%(unit)s does not take part in the %(year)s period.")
                values = {"unit": code, "year": self.period.year}
                self.problem(row.number, "unit_code", message % values)
            else:
                message = _("No unit has the code %(code)s.") % {"code": code}
                self.problem(row.number, "unit_code", message)
        return participant

    def _set(self, participant: Participant) -> CriteriaSet:
        if participant.block_id not in self.sets:
            self.sets[participant.block_id] = criteria_set_for(participant)
        return self.sets[participant.block_id]

    def _lock(self, participant: Participant) -> str | None:
        if participant.pk not in self.locks:
            assessment = Assessment.objects.filter(participant=participant).first()
            self.locks[participant.pk] = edit_lock(participant, assessment)
            self.answers[participant.pk] = (
                {answer.code: answer for answer in assessment.answers.all()} if assessment else {}
            )
        return self.locks[participant.pk]

    def _value(self, row: _Row, ratio: bool) -> tuple[str | None, str]:
        """The answer's text and the column it came from; None (reported) if unusable."""
        split = bool(row.numerator or row.denominator)
        if split and row.value:
            message = _("give either the value or the numerator and denominator, not both")
            self.problem(row.number, "value", message)
            return None, ""
        if split:
            if not ratio:
                message = _("%(code)s takes one figure, not a numerator and denominator")
                self.problem(row.number, "numerator", message % {"code": row.criterion})
                return None, ""
            return join_ratio(row.numerator, row.denominator), "numerator/denominator"
        if not row.value:
            self.problem(row.number, "value", _("no value"))
            return None, ""
        return row.value, "value"


def _fingerprint(planned: list[_Planned]) -> str:
    rows = [(i.row.number, i.participant.pk, i.code, i.revision) for i in planned]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


# --- the action -------------------------------------------------------------------------


@transaction.atomic(durable=True)
def do_import_figures(
    period: Period,
    file_name: str,
    content: bytes,
    *,
    source: str,
    actor: User | None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    expected: str | None = None,
) -> FiguresReport:
    """Save the file's figures into the period's forms, all or none.

    Raises ``FiguresRefused`` listing every problem (nothing changes). ``source`` names
    where the figures come from (e.g. "Cổng dịch vụ công, thống kê 2019"); each history
    entry keeps it. ``dry_run`` does the whole import, then rolls it back, so the report
    is exactly what a real import would do. ``progress(done, total)`` is told after each
    saved figure. ``expected``: the ``fingerprint`` of the dry run a person confirmed;
    the import is refused, saving nothing, if a figure it changes was saved since.
    """
    source = " ".join(source.split())
    if not source:
        message = _("name the source of the figures (the system or document they come from)")
        raise FiguresRefused(file_name, [table_problem(file_name, None, "", message)])
    rows, problems = _read(file_name, content)
    checker = _Checker(period, file_name, problems)
    planned = [item for item in (checker.check(row) for row in rows) if item is not None]
    checker.check_shared(planned)
    if problems:
        raise FiguresRefused(file_name, sorted(problems, key=lambda p: p.row or 0))
    fingerprint = _fingerprint(planned)
    if expected is not None and expected != fingerprint:
        message = _("the forms changed after the preview: check the file again")
        raise FiguresRefused(file_name, [table_problem(file_name, None, "", message)])
    report = FiguresReport(period.year, file_name, source, dry_run=dry_run, fingerprint=fingerprint)
    for done, item in enumerate(planned, start=1):
        try:
            _save_answer(
                item.participant,
                item.code,
                item.entered,
                revision=item.revision,
                actor=actor,
                source=source,
            )
        except StaleAnswer:
            # Someone saved this criterion while the file was being checked.
            message = _("%(unit)s %(code)s changed while the file was checked: import it again")
            values = {"unit": item.participant.unit_code, "code": item.code}
            problem = table_problem(file_name, item.row.number, "criterion", message % values)
            raise FiguresRefused(file_name, [problem]) from None
        report.rows.append(
            FigureChange(
                item.row.number,
                item.participant.unit_code,
                item.participant.unit_name,
                item.code,
                item.before.value,
                item.entered.value,
            )
        )
        if progress is not None:
            progress(done, len(planned))
    if report.changed:
        record(
            "figures.imported",
            period,
            actor=actor,
            summary=f"{len(report.changed)} figures imported from {file_name} ({source})"[:500],
            data={
                "file": file_name,
                "source": source,
                "rows": len(report.rows),
                "changed": len(report.changed),
            },
        )
    if dry_run:
        transaction.set_rollback(True)
    return report
