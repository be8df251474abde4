"""A filled-in form workbook (``workbook.build_workbook``) read back: checked whole,
previewed, then saved on confirmation.

- Reading is bounded (``orgs.tables.read_sheets``: the zip guard, cell and row limits,
  formulas refused) and every problem is named by sheet, row, column and criterion code.
  Nothing is saved while there is one (all or nothing).
- Each answer is read by its criterion's rule (``Rule.read_entry`` through
  ``sheet.score_entries``, as the form is scored); this module only finds the cells.
- The preview is a signed token holding the file's digest, the changes and a fingerprint
  of every answer's revision when it was made. Confirming saves exactly those changes
  through the form's own save (``actions._save_answer``: revision-checked, one history
  entry each with the file as source), and refuses, saving nothing, when any answer of
  the form changed since the preview.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl.utils import get_column_letter

from egovrank.accounts.models import User
from egovrank.core.audit import record
from egovrank.orgs.tables import fold, read_sheets
from egovrank.periods.models import Participant
from egovrank.scoring.answers import AnswerError, EntryProblem, YesNo
from egovrank.scoring.fileformat.problems import Problem
from egovrank.scoring.rules.base import Rule, read_figure
from egovrank.scoring.tree import CriteriaSet

from .actions import (
    AnswerInput,
    FormLocked,
    StaleAnswer,
    _locked_assessment,
    _refuse_if_locked,
    _save_answer,
    edit_lock,
    origin_refusal,
)
from .choices import AssessmentState
from .models import Answer, Assessment
from .queries import assessment_of, best_for, block_figures, criteria_set_for, form_data
from .sheet import Entry, Scored, join_ratio, score_entries
from .workbook import FIGURE_COLUMNS, FORM_COLUMNS, NA_MARK, SHEETS, Column, names_of

__all__ = [
    "MAX_BYTES",
    "Change",
    "StaleUpload",
    "UploadPlan",
    "WorkbookRefused",
    "do_apply_upload",
    "plan_upload",
]

MAX_BYTES = 10 * 1024 * 1024
# A form of 300 criteria fills a few thousand cells; many more is not the downloaded form.
MAX_CELLS = 200_000
TOKEN_AGE = 2 * 60 * 60  # seconds a preview stays valid
_SALT = "egovrank.assessments.workbook_upload"


class WorkbookRefused(ValueError):
    """The workbook was refused whole; ``problems`` lists every problem. Nothing changed."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class StaleUpload(WorkbookRefused):
    """An answer of the form changed after the preview: nothing was saved."""


@dataclass(frozen=True)
class Change:
    """One answer the workbook changes, with the points before and after the upload."""

    sheet: str
    row: int
    code: str
    name: str
    before: AnswerInput
    after: AnswerInput
    revision: int
    points_before: Decimal
    points_after: Decimal
    rule: Rule | None = None  # the criterion's, for showing a yes/no in words

    @property
    def before_text(self) -> str:
        return _in_words(self.rule, self.code, self.before.value)

    @property
    def after_text(self) -> str:
        return _in_words(self.rule, self.code, self.after.value)


def _in_words(rule: Rule | None, code: str, value: str) -> str:
    """A stored answer as the preview shows it: a yes/no in words, the rest as stored."""
    if rule is None or rule.input_kind != "yes_no" or not value:
        return value
    try:
        answer = rule.parse(code, value)
    except AnswerError:
        return value
    if isinstance(answer, YesNo):
        return _("Yes") if answer.value else _("No")
    return value


@dataclass(frozen=True)
class UploadPlan:
    filename: str
    digest: str
    fingerprint: str
    changes: tuple[Change, ...]

    def token(self, participant: Participant, user: User) -> str:
        """The preview, signed: the confirmation saves exactly these changes."""
        payload = {
            "p": participant.pk,
            "u": user.pk,
            "n": self.filename,
            "d": self.digest,
            "f": self.fingerprint,
            "c": [[c.code, c.after.as_dict(), c.revision] for c in self.changes],
        }
        return signing.dumps(payload, salt=_SALT, compress=True)


def fingerprint_of(assessment: Assessment | None) -> str:
    """Every answer's revision and the form's state: any save changes it. A form not
    started yet is the empty draft its first save creates."""
    state: str = AssessmentState.DRAFT
    revisions: list[tuple[str, int]] = []
    if assessment is not None:
        state = assessment.state
        revisions = sorted(assessment.answers.values_list("code", "revision"))
    text = json.dumps([str(state), revisions])
    return hashlib.sha256(text.encode()).hexdigest()


# --- finding the cells ------------------------------------------------------------------


class _Reader:
    """Walks the workbook's sheets, collecting the changes and every problem."""

    def __init__(self, participant: Participant, filename: str, criteria_set: CriteriaSet) -> None:
        self.participant = participant
        self.filename = filename
        self.criteria_set = criteria_set
        self.problems: list[Problem] = []
        self.seen: dict[str, tuple[str, int]] = {}
        # code -> (sheet, row, column key, entered)
        self.entered: dict[str, tuple[str, int, str, AnswerInput]] = {}

    def problem(
        self, sheet: str, row: int | None, column: str, message: str, code: str | None = None
    ) -> None:
        if row is None:
            where = sheet
        elif column:
            where = _("sheet %(sheet)s, row %(row)d, column %(column)s") % {
                "sheet": sheet,
                "row": row,
                "column": column,
            }
        else:
            where = _("sheet %(sheet)s, row %(row)d") % {"sheet": sheet, "row": row}
        self.problems.append(Problem(where, message, code=code, row=row, column=column))

    def find(self, sheets: Mapping[str, list[list[str]]], key: str) -> str | None:
        wanted = names_of(SHEETS[key])
        return next((title for title in sheets if fold(title) in wanted), None)

    def header(self, title: str, rows: list[list[str]], columns: tuple[Column, ...]) -> bool:
        cells = rows[0] if rows else []
        good = True
        for index, column in enumerate(columns):
            text = cells[index] if index < len(cells) else ""
            if fold(text) not in names_of(column.label):
                message = _("expected the column %(label)s here, found %(found)s") % {
                    "label": _(column.label),
                    "found": repr(text[:40]) if text else "—",
                }
                self.problem(title, 1, get_column_letter(index + 1), message)
                good = False
        return good

    def about(self, title: str, rows: list[list[str]]) -> None:
        values = {fold(row[0]): row[1].strip() for row in rows if len(row) >= 2 and row[0]}
        unit = next((values[k] for k in names_of("Unit code") if k in values), "")
        year = next((values[k] for k in names_of("Period") if k in values), "")
        expected_year = str(self.participant.period.year)
        if unit != self.participant.unit_code or year != expected_year:
            message = _(
                "This workbook is the form of %(unit)s for %(year)s, not of %(own)s for "
                "%(own_year)s: download this form's workbook and fill that in."
            ) % {
                "unit": unit or "—",
                "year": year or "—",
                "own": self.participant.unit_code,
                "own_year": expected_year,
            }
            self.problem(title, None, "", message)

    def column_of(self, key: str, columns: tuple[Column, ...] = FORM_COLUMNS) -> str:
        index = next(i for i, column in enumerate(columns) if column.key == key)
        return get_column_letter(index + 1)

    def duplicate(self, title: str, row: int, code: str) -> bool:
        if code in self.seen:
            sheet, other = self.seen[code]
            message = _("%(code)s is also on row %(other)d of sheet %(sheet)s") % {
                "code": code,
                "other": other,
                "sheet": sheet,
            }
            self.problem(title, row, self.column_of("code"), message, code)
            return True
        self.seen[code] = (title, row)
        return False

    def form(self, title: str, rows: list[list[str]]) -> None:
        if not self.header(title, rows, FORM_COLUMNS):
            return
        keys = [column.key for column in FORM_COLUMNS]
        entered_keys = [column.key for column in FORM_COLUMNS if column.entered]
        for number, cells in enumerate(rows[1:], start=2):
            cells = cells + [""] * (len(keys) - len(cells))
            values = dict(zip(keys, (cell.strip() for cell in cells), strict=False))
            code = values["code"]
            typed = any(values[key] for key in entered_keys)
            if not code:
                if typed:
                    message = _("a row with answers needs its criterion code in column A")
                    self.problem(title, number, self.column_of("code"), message)
                continue
            node = self.criteria_set.get(code)
            if node is None:
                message = _("There is no criterion with the code %(code)s.") % {"code": code}
                self.problem(title, number, self.column_of("code"), message, code)
                continue
            if self.duplicate(title, number, code):
                continue
            if not node.is_leaf or node.rule is None:
                if typed:
                    message = _("%(code)s is a group: give the figures of its criteria.")
                    self.problem(
                        title, number, self.column_of("value"), message % {"code": code}, code
                    )
                continue
            entered = self._entered(title, number, code, node.rule.input_kind, values)
            if entered is not None and node.rule.input_kind == "yes_no":
                entered = replace(entered, value=_yes_no_stored(node.rule, code, entered.value))
            if entered is not None:
                self.entered[code] = (title, number, "value", entered)

    def _entered(
        self, title: str, number: int, code: str, kind: str, values: dict[str, str]
    ) -> AnswerInput | None:
        value, numerator, denominator = values["value"], values["numerator"], values["denominator"]
        if kind == "ratio":
            if value and not (numerator or denominator):
                message = _("give the two figures in the Numerator and Denominator columns")
                self.problem(title, number, self.column_of("value"), message, code)
                return None
            value = join_ratio(numerator, denominator)
        elif numerator or denominator:
            message = _("%(code)s takes one figure, not a numerator and denominator")
            self.problem(title, number, self.column_of("numerator"), message % {"code": code}, code)
            return None
        elif kind == "figures" and value:
            message = _("%(code)s takes its figures from the shared figures sheet")
            self.problem(title, number, self.column_of("value"), message % {"code": code}, code)
            return None
        if len(value) > 500:
            message = _("An answer is at most 500 characters.")
            self.problem(title, number, self.column_of("value"), message, code)
            return None
        for key in ("note", "evidence_explanation"):
            if len(values[key]) > 5000:
                message = _("A note or explanation is at most 5000 characters.")
                self.problem(title, number, self.column_of(key), message, code)
                return None
        mark = fold(values["not_applicable"])
        if mark not in ("", NA_MARK):
            message = _("type x or leave the cell empty")
            self.problem(title, number, self.column_of("not_applicable"), message, code)
            return None
        return AnswerInput(
            value=value,
            not_applicable=mark == NA_MARK,
            note=values["note"],
            evidence_explanation=values["evidence_explanation"],
        )

    def figures(self, title: str, rows: list[list[str]]) -> None:
        if not self.header(title, rows, FIGURE_COLUMNS):
            return
        for number, cells in enumerate(rows[1:], start=2):
            cells = cells + [""] * (len(FIGURE_COLUMNS) - len(cells))
            code, value = cells[0].strip(), cells[2].strip()
            if not code:
                if value:
                    message = _("a row with answers needs its criterion code in column A")
                    self.problem(title, number, "A", message)
                continue
            if self.criteria_set.figure(code) is None:
                message = _("There is no shared figure with the code %(code)s.") % {"code": code}
                self.problem(title, number, "A", message, code)
                continue
            if self.duplicate(title, number, code):
                continue
            self.entered[code] = (title, number, "figure", AnswerInput(value=value))


def _yes_no_stored(rule: Rule, code: str, text: str) -> str:
    """A yes/no cell as the form stores it (``yes``/``no``, the values its buttons
    send), whichever word the rule read (``có``, ``x``…); text the rule refuses is kept
    for the checks to name."""
    try:
        answer = rule.parse(code, text) if text else None
    except AnswerError:
        return text
    if isinstance(answer, YesNo):
        return "yes" if answer.value else "no"
    return text


# --- the plan ---------------------------------------------------------------------------


def _reads_alike(criteria_set: CriteriaSet, code: str, first: str, second: str) -> bool:
    """Whether two texts are the same answer to ``code`` as its rule reads them (Excel
    gives 7.5 back for the 7,5 the form stored): an answer only counts as changed when
    it means something else."""
    if first.strip() == second.strip():
        return True
    node = criteria_set.get(code)
    try:
        if node is None:
            return read_figure(first, "figure") == read_figure(second, "figure")
        if node.rule is None:
            return False
        maximum = node.max_points or Decimal(0)
        read = node.rule.read_entry
        return read(code, first, maximum, allow_na=True) == read(
            code, second, maximum, allow_na=True
        )
    except (EntryProblem, AnswerError):
        return False


def _same(criteria_set: CriteriaSet, code: str, before: AnswerInput, after: AnswerInput) -> bool:
    return replace(before, value="") == replace(after, value="") and _reads_alike(
        criteria_set, code, before.value, after.value
    )


def _read(filename: str, content: bytes) -> dict[str, list[list[str]]]:
    def refuse(message: str, row: int | None) -> WorkbookRefused:
        return WorkbookRefused(message, [Problem(filename, message, row=row)])

    if not filename.lower().endswith(".xlsx"):
        raise refuse(_("The form workbook must be an Excel .xlsx file."), None)
    return read_sheets(filename, content, refuse, max_cells=MAX_CELLS)


def plan_upload(participant: Participant, filename: str, content: bytes) -> UploadPlan:
    """What the workbook would change in the form, or ``WorkbookRefused`` with every
    problem. Raises ``actions.FormLocked`` when the form cannot change now."""
    assessment = assessment_of(participant)
    lock = edit_lock(participant, assessment)
    if lock:
        raise FormLocked(lock)
    sheets = _read(filename, content)
    criteria_set = criteria_set_for(participant)
    reader = _Reader(participant, filename, criteria_set)
    about = reader.find(sheets, "about")
    form_title = reader.find(sheets, "form")
    if form_title is None or about is None:
        missing = [
            _(SHEETS[key])
            for key, title in (("form", form_title), ("about", about))
            if title is None
        ]
        message = _(
            "The workbook has no sheet named %(sheets)s: upload the workbook downloaded "
            "from this form (found: %(found)s)."
        ) % {"sheets": ", ".join(missing), "found": ", ".join(sheets) or "—"}
        raise WorkbookRefused(message, [Problem(filename, message)])
    reader.about(about, sheets[about])
    reader.form(form_title, sheets[form_title])
    figures_title = reader.find(sheets, "figures")
    if figures_title is not None and criteria_set.figures:
        reader.figures(figures_title, sheets[figures_title])
    data = form_data(assessment)
    changes = _changes(participant, criteria_set, reader, data.entries, data.answers)
    if reader.problems:
        raise WorkbookRefused(
            _("The workbook was not used: %(count)d problem(s), nothing was saved.")
            % {"count": len(reader.problems)},
            reader.problems,
        )
    return UploadPlan(
        filename, hashlib.sha256(content).hexdigest(), fingerprint_of(assessment), changes
    )


def _changes(
    participant: Participant,
    criteria_set: CriteriaSet,
    reader: _Reader,
    entries: dict[str, Entry],
    answers: dict[str, Answer],
) -> tuple[Change, ...]:
    """The answers that change, checked by their rules against the whole form after the
    upload (a numerator against a shared figure the same file changes, too)."""
    changed: dict[str, tuple[str, int, str, AnswerInput, AnswerInput, int]] = {}
    for code, (title, row, kind, entered) in reader.entered.items():
        answer = answers.get(code)
        before = AnswerInput.of(answer)
        if kind == "figure":
            entered = replace(before, value=entered.value)
        if _same(criteria_set, code, before, entered):
            continue
        origin = criteria_set.get(code) or criteria_set.figure(code)
        if origin is not None and not origin.entered_by_unit:
            column = "C" if kind == "figure" else reader.column_of("value")
            reader.problem(
                title, row, column, origin_refusal(origin.origin, origin.origin_system), code
            )
            continue
        changed[code] = (title, row, kind, before, entered, answer.revision if answer else 0)
    after_entries = dict(entries)
    for code, (_title, _row, _kind, _before, entered, _revision) in changed.items():
        kept = entries.get(code, Entry())
        after_entries[code] = replace(
            kept,
            value=entered.value,
            not_applicable=entered.not_applicable,
            evidence_explanation=entered.evidence_explanation,
        )
    others = block_figures(participant, criteria_set)
    before_score = score_entries(criteria_set, entries, best_for(criteria_set, others, entries))
    after_score = score_entries(
        criteria_set, after_entries, best_for(criteria_set, others, after_entries)
    )
    _check(criteria_set, reader, changed, before_score, after_score)
    return tuple(
        Change(
            title,
            row,
            code,
            _name(criteria_set, code),
            before,
            entered,
            revision,
            before_score.points_in(criteria_set, code),
            after_score.points_in(criteria_set, code),
            _rule_of(criteria_set, code),
        )
        for code, (title, row, _kind, before, entered, revision) in changed.items()
    )


def _ratio_part(criteria_set: CriteriaSet, code: str, text: str) -> str:
    """The column at fault in a refused entry: for a ratio, the figure the rule's
    problem names (its second figure, a zero denominator, the empty one of two)."""
    node = criteria_set.get(code)
    if node is None or node.rule is None or node.rule.input_kind != "ratio":
        return "value"
    numerator, _slash, denominator = text.partition("/")
    try:
        node.rule.read_entry(code, text, node.max_points or Decimal(0), allow_na=node.allow_na)
    except EntryProblem as problem:
        second = problem.problem == "zero_denominator" or (
            problem.params.get("what") == "second_figure"
        )
        if second or (problem.problem == "both_figures" and not denominator.strip()):
            return "denominator"
    except AnswerError:
        pass
    return "numerator"


def _rule_of(criteria_set: CriteriaSet, code: str) -> Rule | None:
    node = criteria_set.get(code)
    return node.rule if node is not None else None


def _name(criteria_set: CriteriaSet, code: str) -> str:
    node = criteria_set.get(code)
    if node is not None:
        return node.name
    figure = criteria_set.figure(code)
    return figure.name if figure is not None else ""


def _check(
    criteria_set: CriteriaSet,
    reader: _Reader,
    changed: Mapping[str, tuple[str, int, str, AnswerInput, AnswerInput, int]],
    before: Scored,
    after: Scored,
) -> None:
    """Each answer the rules refuse after the upload but not before, as a problem of the
    row that brings it (or of the shared figure it reads)."""
    for code, message in after.errors.items():
        if code in changed:
            title, row, kind, _before, entered, _revision = changed[code]
            if kind == "figure":
                column = "C"
            elif entered.not_applicable:
                column = reader.column_of("not_applicable")
            else:
                column = reader.column_of(_ratio_part(criteria_set, code, entered.value))
            reader.problem(title, row, column, message, code)
        elif code not in before.errors:
            node = criteria_set.get(code)
            figures = node.rule.figure_codes if node is not None and node.rule is not None else ()
            source = next((f for f in figures if f in changed), None)
            if source is not None:
                title, row, *_rest = changed[source]
                reader.problem(title, row, "C", f"{code}: {message}", source)


# --- confirming -------------------------------------------------------------------------


def _payload(token: str, participant: Participant, actor: User) -> dict[str, Any]:
    try:
        payload = signing.loads(token, salt=_SALT, max_age=TOKEN_AGE)
    except signing.SignatureExpired:
        raise WorkbookRefused(_("The preview has expired: upload the workbook again.")) from None
    except signing.BadSignature:
        raise WorkbookRefused(_("The preview was altered: upload the workbook again.")) from None
    if payload.get("p") != participant.pk or payload.get("u") != actor.pk:
        raise WorkbookRefused(
            _("This preview belongs to another form or person: upload the workbook again.")
        )
    assert isinstance(payload, dict)
    return payload


@transaction.atomic(durable=True)
def do_apply_upload(participant: Participant, token: str, *, actor: User) -> int:
    """Save the changes of a preview (``UploadPlan.token``), all or none; the number of
    answers saved. Refuses (``StaleUpload``) when any answer changed since the preview."""
    payload = _payload(token, participant, actor)
    participant, assessment = _locked_assessment(participant)
    _refuse_if_locked(participant, assessment)
    stale = StaleUpload(
        _(
            "The form changed after the preview (someone saved an answer): nothing was "
            "saved. Upload the workbook again to see the changes against the form as it is now."
        )
    )
    if fingerprint_of(assessment) != payload["f"]:
        raise stale
    source = _("workbook %(name)s") % {"name": payload["n"]}
    for code, after, revision in payload["c"]:
        try:
            _save_answer(
                participant,
                code,
                AnswerInput(**after),
                revision=revision,
                actor=actor,
                source=source,
            )
        except (StaleAnswer, KeyError):
            raise stale from None
    record(
        "assessment.workbook_uploaded",
        assessment,
        actor=actor,
        summary=(
            ngettext(
                "%(count)d answer saved from the workbook %(name)s",
                "%(count)d answers saved from the workbook %(name)s",
                len(payload["c"]),
            )
            % {"count": len(payload["c"]), "name": payload["n"]}
        )[:500],
        data={"file": payload["n"], "sha256": payload["d"], "changed": len(payload["c"])},
    )
    return len(payload["c"])
