"""A unit's form as an Excel workbook, to fill in offline (``workbook_upload`` reads it
back).

Sheets: the form (one row per criterion: code, name, maximum, the rule in words,
guidance, then the inputs and the current points), the set's shared figures when it has
``figures:``, the evidence (what each criterion requires, what is attached) and a short
about sheet naming the unit and the period, so a workbook is never read into another
unit's form. Input cells carry data validation fitting each rule kind; every text the
app writes goes through ``scoring.fileformat.cells`` (never a formula).

The sheet and column names are looked up in English and Vietnamese both, so a workbook
downloaded in one language uploads in the other.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from egovrank.orgs.tables import fold
from egovrank.scoring.answers import AnswerError, YesNo
from egovrank.scoring.fileformat.cells import sheet_row
from egovrank.scoring.numbers import format_number

from .page import FormPage
from .sheet import Line, split_ratio

__all__ = [
    "FIGURE_COLUMNS",
    "FORM_COLUMNS",
    "SHEETS",
    "NA_MARK",
    "Column",
    "build_workbook",
    "names_of",
    "workbook_name",
]

NA_MARK = "x"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Sheet names (English msgids, Vietnamese in the catalogue).
SHEETS = {
    "form": gettext_noop("Form"),
    "figures": gettext_noop("Shared figures"),
    "evidence": gettext_noop("Evidence"),
    "about": gettext_noop("About"),
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # English msgid
    width: int
    entered: bool = False  # filled in by the unit


FORM_COLUMNS = (
    Column("code", gettext_noop("Code"), 10),
    Column("name", gettext_noop("Criterion"), 48),
    Column("max", gettext_noop("Max points"), 8),
    Column("rule", gettext_noop("How points are given"), 40),
    Column("guidance", gettext_noop("Guidance"), 40),
    Column("value", gettext_noop("Answer"), 14, entered=True),
    Column("numerator", gettext_noop("Numerator"), 12, entered=True),
    Column("denominator", gettext_noop("Denominator"), 12, entered=True),
    Column("not_applicable", gettext_noop("Not applicable (x)"), 10, entered=True),
    Column("note", gettext_noop("Note"), 30, entered=True),
    Column("evidence_explanation", gettext_noop("Why evidence is missing"), 30, entered=True),
    Column("points", gettext_noop("Points now"), 9),
)
FIGURE_COLUMNS = (
    Column("code", gettext_noop("Code"), 16),
    Column("name", gettext_noop("Shared figure"), 48),
    Column("value", gettext_noop("Value"), 14, entered=True),
    Column("users", gettext_noop("Used by"), 24),
    Column("origin", gettext_noop("Comes from"), 30),
)
EVIDENCE_COLUMNS = (
    Column("code", gettext_noop("Code"), 10),
    Column("name", gettext_noop("Criterion"), 48),
    Column("required", gettext_noop("Evidence required"), 10),
    Column("documents", gettext_noop("Evidence to attach"), 40),
    Column("attached", gettext_noop("Attached"), 60),
)

_ENTERED_FILL = PatternFill("solid", fgColor="FFF9E5")
_BOLD = Font(bold=True)


def names_of(msgid: str) -> set[str]:
    """A sheet's or column's name in every language the app speaks, folded."""
    names = {fold(msgid)}
    with translation.override("vi"):
        names.add(fold(_(msgid)))
    return names


def workbook_name(form: FormPage) -> str:
    participant = form.participant
    return f"phieu-tu-danh-gia-{participant.period.year}-{participant.unit_code}.xlsx"


def _header(sheet: Worksheet, columns: Iterable[Column]) -> None:
    columns = tuple(columns)
    _append(sheet, [_(column.label) for column in columns])
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        cell = sheet.cell(row=1, column=index)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"


def _append(sheet: Worksheet, values: list[object]) -> int:
    # Text a spreadsheet would run as a formula is stored as text.
    sheet.append(sheet_row(sheet, values))
    return sheet.max_row


class _Validations:
    """The data validations of one sheet, one per kind of check, each covering cells."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.by_key: dict[str, DataValidation] = {}

    def add(
        self, key: str, cell: str, make: type[DataValidation] | None = None, **options: object
    ) -> None:
        validation = self.by_key.get(key)
        if validation is None:
            validation = self.by_key[key] = DataValidation(allow_blank=True, **options)  # type: ignore[arg-type]
            validation.showErrorMessage = True
            self.sheet.add_data_validation(validation)
        validation.add(cell)

    def number(self, cell: str) -> None:
        self.add(
            "number",
            cell,
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            error=_("Enter a number that is not negative."),
        )

    def yes_no(self, cell: str) -> None:
        listed = ",".join(yes_no_words())
        self.add("yes_no", cell, type="list", formula1=f'"{listed}"', error=_("Choose yes or no."))

    def options(self, cell: str, codes: list[str]) -> None:
        listed = ",".join(codes)
        if any("," in code or '"' in code for code in codes) or len(listed) > 250:
            return  # a list Excel cannot hold: the upload checks it anyway
        self.add(
            f"option:{listed}",
            cell,
            type="list",
            formula1=f'"{listed}"',
            error=_("Choose one of the options."),
        )

    def na(self, cell: str) -> None:
        self.add(
            "na", cell, type="list", formula1=f'"{NA_MARK}"', error=_("Type x or leave empty.")
        )

    def text(self, cell: str) -> None:
        self.add(
            "text",
            cell,
            type="textLength",
            operator="lessThanOrEqual",
            formula1="500",
            error=_("At most 500 characters."),
        )


def yes_no_words() -> tuple[str, str]:
    """The words a yes/no cell offers, in the person's language (the rule reads both
    languages' words, ``rules.yes_no``)."""
    return pgettext("workbook answer", "yes"), pgettext("workbook answer", "no")


def _shown_value(line: Line, value: str) -> str:
    """A stored yes/no answer in the words the cell offers; anything else as stored."""
    rule = line.node.rule
    if line.input != "yes_no" or rule is None or not value:
        return value
    try:
        answer = rule.parse(line.code, value)
    except AnswerError:
        return value
    if not isinstance(answer, YesNo):
        return value
    yes, no = yes_no_words()
    return yes if answer.value else no


def _column(key: str, columns: tuple[Column, ...] = FORM_COLUMNS) -> str:
    index = next(i for i, column in enumerate(columns, start=1) if column.key == key)
    return get_column_letter(index)


def _form_row(form: FormPage, line: Line) -> list[object]:
    node = line.node
    answer = form.data.answers.get(node.code)
    value = answer.value if answer else ""
    numerator, denominator = split_ratio(value) if line.input == "ratio" else ("", "")
    return [
        node.code,
        ("  " * line.depth) + node.name,
        format_number(node.max_points)
        if node.max_points is not None and line.carries_points
        else "",
        line.rule_text,
        node.guidance or "",
        "" if line.input in ("ratio", "figures") else _shown_value(line, value),
        numerator,
        denominator,
        NA_MARK if answer is not None and answer.not_applicable else "",
        answer.note if answer else "",
        answer.evidence_explanation if answer else "",
        format_number(line.shown_points) if line.carries_points else "",
    ]


def _form_sheet(sheet: Worksheet, form: FormPage) -> None:
    _header(sheet, FORM_COLUMNS)
    checks = _Validations(sheet)
    for line in form.sheet.lines:
        row = _append(sheet, _form_row(form, line))
        node = line.node
        if not line.is_leaf:
            for cell in sheet[row]:
                cell.font = _BOLD
            continue
        if not node.entered_by_unit:
            continue  # filled by the figures import: nothing to type
        for key in ("value", "numerator", "denominator", "not_applicable", "note"):
            sheet[f"{_column(key)}{row}"].fill = _ENTERED_FILL
        if node.evidence.required:
            sheet[f"{_column('evidence_explanation')}{row}"].fill = _ENTERED_FILL
        value = f"{_column('value')}{row}"
        rule = node.rule
        if line.input == "yes_no":
            checks.yes_no(value)
        elif line.input == "option" and rule is not None:
            checks.options(value, [option.code for option in getattr(rule, "options", ())])
        elif line.input == "number":
            checks.number(value)
        elif line.input == "text":
            checks.text(value)
        if line.input == "ratio":
            checks.number(f"{_column('numerator')}{row}")
            checks.number(f"{_column('denominator')}{row}")
        if node.allow_na:
            checks.na(f"{_column('not_applicable')}{row}")


def _figures_sheet(sheet: Worksheet, form: FormPage) -> None:
    _header(sheet, FIGURE_COLUMNS)
    checks = _Validations(sheet)
    for line in form.sheet.figures:
        figure = line.figure
        origin = ""
        if figure.origin == "system":
            origin = figure.origin_system
        elif not figure.entered_by_unit:
            origin = _("Measured automatically")
        row = _append(sheet, [figure.code, figure.name, line.value, ", ".join(line.users), origin])
        if figure.entered_by_unit:
            cell = f"{_column('value', FIGURE_COLUMNS)}{row}"
            sheet[cell].fill = _ENTERED_FILL
            checks.number(cell)


def _evidence_sheet(sheet: Worksheet, form: FormPage) -> None:
    _header(sheet, EVIDENCE_COLUMNS)
    for line in form.sheet.leaves:
        node = line.node
        files = [file.original_name for file in form.data.files.get(node.code, [])]
        links = [
            " ".join(part for part in (link.number, link.title, link.url) if part)
            for link in form.data.links.get(node.code, [])
        ]
        _append(
            sheet,
            [
                node.code,
                node.name,
                _("Yes") if node.evidence.required else _("No"),
                node.evidence.documents or "",
                "; ".join([*files, *links]),
            ],
        )


def _about_sheet(sheet: Worksheet, form: FormPage) -> None:
    participant = form.participant
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 60
    rows: list[list[object]] = [
        [_("Unit code"), participant.unit_code],
        [_("Unit"), participant.unit_name],
        [_("Period"), participant.period.year],
        [
            _("How to fill in"),
            _(
                "Fill in the yellow cells of the form sheet, save the file as .xlsx and "
                "upload it on the form page. Type values, not formulas. Nothing is saved "
                "before you confirm the preview."
            ),
        ],
    ]
    for values in rows:
        _append(sheet, values)
        sheet.cell(row=sheet.max_row, column=1).font = _BOLD


def build_workbook(form: FormPage) -> bytes:
    """The form as an .xlsx, with the current answers."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _(SHEETS["form"])
    _form_sheet(sheet, form)
    if form.sheet.figures:
        _figures_sheet(workbook.create_sheet(_(SHEETS["figures"])), form)
    _evidence_sheet(workbook.create_sheet(_(SHEETS["evidence"])), form)
    _about_sheet(workbook.create_sheet(_(SHEETS["about"])), form)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
