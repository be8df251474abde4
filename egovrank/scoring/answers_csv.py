"""Answers in long CSV form: one row per unit and criterion.

Columns: ``unit_code,unit_name,parent_code,criterion,value``. ``value`` is written as the
criterion's rule reads it (points, ``yes``/``no``, ``A/B``, a count, an option code, or
``na``). A unit that did not submit is one row with criterion ``-`` and value
``not_submitted``. ``parent_code`` may be empty (it groups communes by district).

Reading is all-or-nothing: every problem is collected with its row and column, and if
there is any, nothing is returned.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .answers import NA, Answer, AnswerError
from .engine import UnitInput
from .fileformat.problems import FileRefused, Problem
from .numbers import ZERO
from .tree import CriteriaSet

__all__ = ["COLUMNS", "AnswersFileError", "read_answers_csv"]

COLUMNS = ("unit_code", "unit_name", "parent_code", "criterion", "value")
NOT_SUBMITTED_CRITERION = "-"
NOT_SUBMITTED_VALUE = "not_submitted"


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
    answer_rows: dict[str, int] = field(default_factory=dict)
    not_submitted_row: int | None = None


def read_answers_csv(
    text: str, criteria_set: CriteriaSet, filename: str = "answers.csv"
) -> list[UnitInput]:
    """Read and check every row against ``criteria_set``; units keep their file order."""
    problems: list[Problem] = []

    def problem(row: int, column: str, message: str, code: str | None = None) -> None:
        where = f"{filename}, row {row}, column {column}"
        problems.append(Problem(where, message, code, row=row, column=column))

    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise AnswersFileError(
            filename, [Problem(f"{filename}, row 1", "the file is empty")]
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
        raise AnswersFileError(filename, [Problem(f"{filename}, row 1", message)])
    position = {name: header.index(name) for name in COLUMNS}

    units: dict[str, _Unit] = {}
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines are harmless
        if len(cells) != len(header):
            problem(row_number, "*", f"expected {len(header)} cells, found {len(cells)}")
            continue
        values = {name: cells[index].strip() for name, index in position.items()}
        unit_code = values["unit_code"]
        criterion = values["criterion"]
        if not unit_code:
            problem(row_number, "unit_code", "a unit code is needed")
            continue
        unit = units.get(unit_code)
        if unit is None:
            if not values["unit_name"]:
                problem(row_number, "unit_name", "a unit name is needed on the unit's first row")
            unit = units[unit_code] = _Unit(
                unit_code, values["unit_name"], values["parent_code"], row_number
            )
        else:
            if values["unit_name"] and values["unit_name"] != unit.name:
                problem(
                    row_number,
                    "unit_name",
                    f"{values['unit_name']!r} differs from {unit.name!r} on row {unit.first_row}",
                )
            if values["parent_code"] != unit.parent:
                problem(
                    row_number,
                    "parent_code",
                    f"{values['parent_code']!r} differs from {unit.parent!r} on row {unit.first_row}",
                )
        if criterion == NOT_SUBMITTED_CRITERION:
            if values["value"] != NOT_SUBMITTED_VALUE:
                problem(row_number, "value", f"criterion '-' takes the value {NOT_SUBMITTED_VALUE}")
            elif unit.not_submitted_row is not None:
                problem(
                    row_number,
                    "criterion",
                    f"the unit is already marked not submitted on row {unit.not_submitted_row}",
                )
            else:
                unit.not_submitted_row = row_number
            continue
        if not criterion:
            problem(
                row_number, "criterion", "a criterion code is needed (or '-' for not submitted)"
            )
            continue
        node = criteria_set.get(criterion)
        if node is None:
            problem(
                row_number,
                "criterion",
                f"no criterion {criterion!r} in {criteria_set.meta.id}",
                criterion,
            )
            continue
        if criterion in unit.answer_rows:
            problem(
                row_number,
                "criterion",
                f"already answered for unit {unit_code} on row {unit.answer_rows[criterion]}",
                criterion,
            )
            continue
        try:
            answer = _parse(criteria_set, criterion, values["value"])
        except AnswerError as exc:
            problem(row_number, "value", exc.message, criterion)
            continue
        unit.answers[criterion] = answer
        unit.answer_rows[criterion] = row_number

    for unit in units.values():
        if unit.not_submitted_row is not None and unit.answers:
            first_answer = min(unit.answer_rows.values())
            problem(
                unit.not_submitted_row,
                "criterion",
                f"unit {unit.code} is marked not submitted but has answers (row {first_answer})",
            )
    if problems:
        raise AnswersFileError(filename, problems)
    return [
        UnitInput(
            code=unit.code,
            name=unit.name,
            answers=unit.answers,
            submitted=unit.not_submitted_row is None,
            parent=unit.parent or None,
        )
        for unit in units.values()
    ]


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
