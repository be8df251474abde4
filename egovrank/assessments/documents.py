"""A unit's self-assessment report as an official document (Decree 30/2020/NĐ-CP,
``core.documents``): every criterion with the unit's answer or figures and its points,
the shared figures, the evidence list and the explanations, signed by the unit's head.

Drawn from a snapshot of what the unit entered, in the shape a ``Submission`` keeps
(``queries.snapshot_of``): the form as it is now, or a submission exactly as it was
submitted. The points are scored when the document is drawn, by the core, with the
criteria set of the period; they are the submission's points, but for relative-to-best
criteria, whose points follow the block's best figures as they stand now (the report
says so when the set has such criteria).

Always in Vietnamese, the language of the state's documents; what the system does not
know (the report's number, the signer of a form not yet submitted) is left blank.
"""

from __future__ import annotations

from typing import Any

from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import override

from egovrank.core.documents.agency import lead_agency, place_date
from egovrank.core.documents.model import (
    BLANK,
    Column,
    Document,
    Header,
    Paragraph,
    Signature,
    Table,
)
from egovrank.orgs.committees import issuing_name
from egovrank.periods.models import Participant
from egovrank.scoring.numbers import format_number

from .answer_text import answer_text
from .models import Submission
from .queries import criteria_set_for, sheet_for
from .sheet import Entry, Sheet, relative_codes

__all__ = ["file_stem", "self_assessment_document"]

LOCALE = "vi"


def file_stem(participant: Participant, submission: Submission | None) -> str:
    """``tu-danh-gia-2019-K01-05``, ``…-lan-2`` for the second submission: ASCII."""
    code = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in participant.unit_code)
    stem = f"tu-danh-gia-{participant.period.year}-{code}"
    return f"{stem}-lan-{submission.number}" if submission else stem


def _number(value: Any) -> str:
    return format_number(value, LOCALE)


def _entries(snapshot: dict[str, dict[str, Any]]) -> dict[str, Entry]:
    return {
        code: Entry(
            value=str(item.get("value", "")),
            not_applicable=bool(item.get("not_applicable")),
            evidence_explanation=str(item.get("evidence_explanation", "")),
            has_evidence=bool(item.get("files") or item.get("links")),
        )
        for code, item in snapshot.items()
    }


def _criteria(sheet: Sheet, snapshot: dict[str, dict[str, Any]]) -> Table:
    rows: list[tuple[str, ...]] = []
    bold: set[int] = set()
    for line in sheet.lines:
        node = line.node
        if line.is_leaf:
            item = snapshot.get(node.code, {})
            answer = answer_text(node, str(item.get("value", "")), bool(item.get("not_applicable")))
        else:
            answer = ""
            bold.add(len(rows))
        rows.append(
            (node.code, node.name, answer, _number(line.max_points), _number(line.shown_points))
        )
    bold.add(len(rows))
    rows.append(("", _("Total"), "", _number(sheet.max_points), _number(sheet.points)))
    return Table(
        heading=_("1. Criteria, answers and points"),
        columns=(
            Column(_("Code"), "text", 1.2),
            Column(_("Criterion"), "text", 5),
            Column(_("Answer or figures"), "text", 3),
            Column(_("Maximum"), "number", 1.2),
            Column(_("Self-assessed points"), "number", 1.4),
        ),
        rows=tuple(rows),
        bold_rows=frozenset(bold),
    )


def _figures(sheet: Sheet) -> Table:
    return Table(
        heading=_("2. Shared figures"),
        columns=(
            Column(_("Code"), "text", 1.2),
            Column(_("Figure"), "text", 6),
            Column(_("Value"), "number", 2),
        ),
        rows=tuple((line.code, line.figure.name, line.value or "—") for line in sheet.figures),
        empty=_("This criteria set has no shared figures."),
    )


def _evidence(snapshot: dict[str, dict[str, Any]]) -> Table:
    rows = []
    for code, item in snapshot.items():
        for _pk, name in item.get("files", []):
            rows.append((code, _("File"), str(name)))
        for _pk, title in item.get("links", []):
            rows.append((code, _("Document or link"), str(title)))
    return Table(
        heading=_("3. Evidence"),
        columns=(
            Column(_("Criterion"), "text", 1.2),
            Column(_("Kind"), "text", 2),
            Column(_("Name or title"), "text", 7),
        ),
        rows=tuple(rows),
        empty=_("No evidence is attached."),
    )


def _explanations(snapshot: dict[str, dict[str, Any]]) -> Table:
    rows = []
    for code, item in snapshot.items():
        note, why = str(item.get("note", "")).strip(), str(item.get("evidence_explanation", ""))
        if note or why.strip():
            rows.append((code, note, why.strip()))
    return Table(
        heading=_("4. Notes and explanations"),
        columns=(
            Column(_("Criterion"), "text", 1.2),
            Column(_("Note"), "text", 5),
            Column(_("Why the evidence is missing"), "text", 4),
        ),
        rows=tuple(rows),
        empty=_("The unit wrote no note or explanation."),
    )


def self_assessment_document(
    participant: Participant,
    snapshot: dict[str, dict[str, Any]],
    *,
    submission: Submission | None = None,
) -> Document:
    """The report of ``participant``'s form as ``snapshot`` holds it; ``submission`` is
    the submission it is (its date and the head who submitted it sign the report)."""
    with override(LOCALE):
        return _document(participant, snapshot, submission)


def _document(
    participant: Participant,
    snapshot: dict[str, dict[str, Any]],
    submission: Submission | None,
) -> Document:
    period = participant.period
    criteria_set = criteria_set_for(participant)
    sheet = sheet_for(participant, criteria_set, _entries(snapshot), LOCALE)
    unit = participant.unit_name
    summary = _("Total self-assessed points: %(points)s of %(max)s (%(percent)s)%(level)s.") % {
        "points": _number(sheet.points),
        "max": _number(sheet.max_points),
        "percent": sheet.percent_text,
        "level": _(", level %(level)s") % {"level": sheet.level.name} if sheet.level else "",
    }
    body: list[Paragraph | Table] = [
        Paragraph(
            _(
                "Following the guidance of the %(agency)s on the evaluation and ranking of "
                "the e-government level in %(year)s, %(unit)s reports the results of its "
                "self-assessment as follows:"
            )
            % {"agency": lead_agency(period.year), "year": period.year, "unit": unit}
        ),
        Paragraph(summary, bold=True),
    ]
    if submission is not None:
        body.append(
            Paragraph(
                _("Submission %(number)s of %(date)s.")
                % {
                    "number": submission.number,
                    "date": localdate(submission.submitted_at).strftime("%d/%m/%Y"),
                },
                italic=True,
            )
        )
    else:
        body.append(Paragraph(_("The form as it stands now; not a submission."), italic=True))
    if relative_codes(criteria_set):
        body.append(
            Paragraph(
                _(
                    "Criteria scored against the block's best figures are scored against "
                    "the forms submitted in the block when this report was drawn."
                ),
                italic=True,
            )
        )
    body += [_criteria(sheet, snapshot), _figures(sheet), _evidence(snapshot)]
    body.append(_explanations(snapshot))
    body.append(
        Paragraph(
            _("%(unit)s vouches for the accuracy of the figures and evidence above.")
            % {"unit": unit}
        )
    )
    signer = submission.submitted_by if submission is not None else None
    parent = participant.unit.parent
    return Document(
        header=Header(
            parent=issuing_name(parent) if parent is not None else "",
            agency=issuing_name(participant.unit),
            number=_("No.: %(number)s/BC-%(symbol)s") % {"number": BLANK, "symbol": BLANK},
            place_date=place_date(localdate(submission.submitted_at) if submission else None),
        ),
        title=_("REPORT"),
        subject=_("Self-assessment of the e-government level in %(year)s") % {"year": period.year},
        body=tuple(body),
        signature=Signature(
            authority="",
            position=_("HEAD OF THE UNIT"),
            name=signer.get_full_name() if signer is not None else BLANK,
        ),
        recipients=(
            _("- %(reviewer)s (to review);") % {"reviewer": participant.reviewer_unit.name},
            _("- Archived: Office."),
        ),
    )
