"""Answers in long CSV form: one row per unit and criterion.

Columns: ``unit_code,unit_name,parent_code,criterion,value``. ``value`` is written as the
criterion's rule reads it (points, ``yes``/``no``, ``A/B``, a count, an option code, or
``na``). A unit that did not submit is one row with criterion ``-`` and value
``not_submitted``. A unit evaluated but not ranked is one row with criterion ``-`` and
value ``not_ranked: <reason>`` besides its answers. ``parent_code`` may be empty (it groups communes by district).

A set's shared figures (``figures:``) are given once per unit, on a row whose
``criterion`` is the figure's code and whose ``value`` is the number (figure codes are
unique among figures and criteria). A criterion that takes one part of its ratio from a
shared figure has only the other part as its value (``45``, not ``45/51``).

Reading is all-or-nothing: every problem is collected with its row and column, and if
there is any, nothing is returned.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from .answers import NA, Answer, AnswerError
from .engine import UnitInput
from .fileformat.problems import FileRefused, Problem, Text, at_row, gettext_noop
from .numbers import ZERO, NumberFormatError, parse_decimal
from .tree import CriteriaSet

__all__ = ["COLUMNS", "AnswersFileError", "read_answers_csv"]

COLUMNS = ("unit_code", "unit_name", "parent_code", "criterion", "value")
NOT_SUBMITTED_CRITERION = "-"
NOT_SUBMITTED_VALUE = "not_submitted"
NOT_RANKED_PREFIX = "not_ranked"


class AnswersFileError(FileRefused):
    """An answers file was refused. Nothing in it was scored."""

    outcome = "nothing scored"


@dataclass
class _Unit:
    code: str
    name: str
    parent: str
    first_row: int
    answers: dict[str, Answer] = field(default_factory=dict)
    answer_rows: dict[str, int] = field(default_factory=dict)  # figures' rows included
    figures: dict[str, Decimal] = field(default_factory=dict)
    not_submitted_row: int | None = None
    not_ranked_row: int | None = None
    not_ranked_reason: str = ""


def read_answers_csv(
    text: str, criteria_set: CriteriaSet, filename: str = "answers.csv"
) -> list[UnitInput]:
    """Read and check every row against ``criteria_set``; units keep their file order."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    position, width = _header(reader, filename)
    rows = _Rows(criteria_set, filename)
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are harmless
        if len(cells) != width:
            rows.problem(row_number, "*", f"expected {width} cells, found {len(cells)}")
            continue
        rows.read(row_number, {name: cells[index].strip() for name, index in position.items()})
    rows.check_units()
    if rows.problems:
        raise AnswersFileError(filename, rows.problems)
    return [
        UnitInput(
            code=unit.code,
            name=unit.name,
            answers=unit.answers,
            submitted=unit.not_submitted_row is None,
            parent=unit.parent or None,
            ranked=unit.not_ranked_row is None,
            not_ranked_reason=unit.not_ranked_reason,
            figures=unit.figures,
        )
        for unit in rows.units.values()
    ]


def _header(reader: Iterator[list[str]], filename: str) -> tuple[dict[str, int], int]:
    """Each column's position, and the number of cells a row must have."""
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise AnswersFileError(
            filename, [Problem(at_row(filename, 1), Text(gettext_noop("the file is empty")))]
        ) from None
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    if missing or unknown:
        details = []
        if missing:
            details.append("missing column(s): " + ", ".join(missing))
        if unknown:
            details.append("unknown column(s): " + ", ".join(unknown))
        expected = ",".join(COLUMNS)
        message = "; ".join(details) + f" (expected {expected})"
        raise AnswersFileError(filename, [Problem(at_row(filename, 1), message)])
    return {name: header.index(name) for name in COLUMNS}, len(header)


class _Rows:
    """The units read so far, and every problem found, with its row and column."""

    def __init__(self, criteria_set: CriteriaSet, filename: str) -> None:
        self.criteria_set = criteria_set
        self.filename = filename
        self.units: dict[str, _Unit] = {}
        self.problems: list[Problem] = []

    def problem(self, row: int, column: str, message: str, code: str | None = None) -> None:
        where = at_row(self.filename, row, column)
        self.problems.append(Problem(where, message, code, row=row, column=column))

    def read(self, row: int, values: dict[str, str]) -> None:
        """One row of cells, by column name."""
        if not values["unit_code"]:
            self.problem(row, "unit_code", "a unit code is needed")
            return
        unit = self._unit(row, values)
        if values["criterion"] == NOT_SUBMITTED_CRITERION:
            self._not_submitted(row, unit, values["value"])
        else:
            self._answer(row, unit, values["criterion"], values["value"])

    def _unit(self, row: int, values: dict[str, str]) -> _Unit:
        """The row's unit; its name and parent must agree with its first row."""
        code, name, parent = values["unit_code"], values["unit_name"], values["parent_code"]
        unit = self.units.get(code)
        if unit is None:
            if not name:
                self.problem(row, "unit_name", "a unit name is needed on the unit's first row")
            unit = self.units[code] = _Unit(code, name, parent, row)
            return unit
        if name and name != unit.name:
            self.problem(
                row, "unit_name", f"{name!r} differs from {unit.name!r} on row {unit.first_row}"
            )
        if parent != unit.parent:
            self.problem(
                row,
                "parent_code",
                f"{parent!r} differs from {unit.parent!r} on row {unit.first_row}",
            )
        return unit

    def _not_submitted(self, row: int, unit: _Unit, value: str) -> None:
        word, colon, reason = value.partition(":")
        if word.strip() == NOT_RANKED_PREFIX:
            self._not_ranked(row, unit, reason.strip() if colon else "")
            return
        if value != NOT_SUBMITTED_VALUE:
            self.problem(
                row,
                "value",
                f"criterion '-' takes the value {NOT_SUBMITTED_VALUE}"
                f" or {NOT_RANKED_PREFIX}: <reason>",
            )
        elif unit.not_submitted_row is not None:
            self.problem(
                row,
                "criterion",
                f"the unit is already marked not submitted on row {unit.not_submitted_row}",
            )
        else:
            unit.not_submitted_row = row

    def _not_ranked(self, row: int, unit: _Unit, reason: str) -> None:
        if not reason:
            self.problem(row, "value", f"say why: {NOT_RANKED_PREFIX}: <reason>")
        elif unit.not_ranked_row is not None:
            self.problem(
                row,
                "criterion",
                f"the unit is already marked not ranked on row {unit.not_ranked_row}",
            )
        else:
            unit.not_ranked_row = row
            unit.not_ranked_reason = reason

    def _answer(self, row: int, unit: _Unit, criterion: str, value: str) -> None:
        if not criterion:
            self.problem(row, "criterion", "a criterion code is needed (or '-' for not submitted)")
            return
        shared = self.criteria_set.figure(criterion)
        if self.criteria_set.get(criterion) is None and shared is None:
            what = "criterion or shared figure" if self.criteria_set.figures else "criterion"
            message = f"no {what} {criterion!r} in {self.criteria_set.meta.id}"
            self.problem(row, "criterion", message, criterion)
            return
        if criterion in unit.answer_rows:
            message = f"already answered for unit {unit.code} on row {unit.answer_rows[criterion]}"
            self.problem(row, "criterion", message, criterion)
            return
        if shared is not None:
            self._figure(row, unit, criterion, value)
            return
        try:
            answer = _parse(self.criteria_set, criterion, value)
        except AnswerError as exc:
            self.problem(row, "value", exc.message, criterion)
            return
        unit.answers[criterion] = answer
        unit.answer_rows[criterion] = row

    def _figure(self, row: int, unit: _Unit, code: str, value: str) -> None:
        try:
            number = parse_decimal(value)
        except NumberFormatError as exc:
            self.problem(row, "value", f"a shared figure is a number: {exc}", code)
            return
        if number < ZERO:
            self.problem(row, "value", f"a shared figure must not be negative (got {number})", code)
            return
        unit.figures[code] = number
        unit.answer_rows[code] = row

    def check_shared(self) -> None:
        """Each criterion with a shared figure agrees with it: a numerator above its
        shared denominator is refused on the numerator's row (or the figure's)."""
        leaves = [
            leaf for leaf in self.criteria_set.leaves() if leaf.rule and leaf.rule.figure_codes
        ]
        if not leaves:
            return
        sharing = {
            figure.code: self.criteria_set.figure_users(figure.code)
            for figure in self.criteria_set.figures
        }
        for unit in self.units.values():
            for leaf in leaves:
                assert leaf.rule is not None
                answer = unit.answers.get(leaf.code)
                try:
                    leaf.rule.with_figures(leaf.code, (answer,), (unit.figures,), sharing)
                except AnswerError as exc:
                    rows = [unit.answer_rows.get(c) for c in (leaf.code, *leaf.rule.figure_codes)]
                    row = next(r for r in rows if r is not None)
                    self.problem(row, "value", f"{exc.message} (unit {unit.code})", leaf.code)

    def check_units(self) -> None:
        """A unit marked not submitted has no answers; shared figures agree."""
        self.check_shared()
        for unit in self.units.values():
            if unit.not_submitted_row is not None and unit.answers:
                first_answer = min(unit.answer_rows.values())
                self.problem(
                    unit.not_submitted_row,
                    "criterion",
                    f"unit {unit.code} is marked not submitted but has answers (row {first_answer})",
                )


def _parse(criteria_set: CriteriaSet, code: str, text: str) -> Answer:
    node = criteria_set.node(code)
    if node.rule is None:  # a group: only "not applicable" can be said of it as a whole
        if text.strip().lower() in {"na", "n/a"}:
            if not node.allow_na:
                raise AnswerError(code, "this group cannot be not applicable")
            return NA
        raise AnswerError(code, "is a group: answer its sub-criteria")
    if not text and node.rule.carries_points:
        raise AnswerError(code, "a value is needed")
    answer = node.rule.parse(code, text)
    if answer is NA:
        if not node.allow_na:
            raise AnswerError(code, "this criterion cannot be not applicable")
        return answer
    node.rule.check(code, answer, node.max_points if node.max_points is not None else ZERO)
    return answer
