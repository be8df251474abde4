"""The review result of one unit as an official document (Decree 30/2020/NĐ-CP,
``core.documents``): per criterion the unit's points against the verified points, and
each adjustment with the reviewer's answer and reason. Issued by the reviewing agency:
Sở TT&TT for the departments and districts, the district for its communes.

Drawn from the review as it stands (``queries.compare``, the same sheets the review
page shows). Always in Vietnamese; the number and the signer are left blank.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import override

from egovrank.assessments.answer_text import answer_text
from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.queries import assessment_of, criteria_set_for, form_data
from egovrank.core.documents.agency import lead_agency, place_date, provincial_committee
from egovrank.core.documents.model import (
    BLANK,
    Column,
    Document,
    Header,
    Paragraph,
    Signature,
    Table,
)
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.committees import issuing_name
from egovrank.periods.models import Participant
from egovrank.scoring.numbers import format_number

from .queries import Comparison, compare

__all__ = ["file_stem", "review_document"]

LOCALE = "vi"


def file_stem(participant: Participant) -> str:
    """``tham-dinh-2019-K01-05``: ASCII."""
    code = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in participant.unit_code)
    return f"tham-dinh-{participant.period.year}-{code}"


def _number(value: Decimal) -> str:
    return format_number(value, LOCALE)


def _difference(own: Decimal, verified: Decimal) -> str:
    change = verified - own
    if not change:
        return "0"
    return ("+" if change > 0 else "−") + _number(abs(change))


def _points(comparison: Comparison) -> Table:
    rows: list[tuple[str, ...]] = []
    bold: set[int] = set()
    for line in comparison.own.lines:
        checked = comparison.verified.by_code[line.code]
        if not line.is_leaf:
            bold.add(len(rows))
        rows.append(
            (
                line.code,
                line.node.name,
                _number(line.max_points),
                _number(line.shown_points),
                _number(checked.shown_points),
                _difference(line.shown_points, checked.shown_points),
            )
        )
    bold.add(len(rows))
    own, verified = comparison.own, comparison.verified
    rows.append(
        (
            "",
            _("Total"),
            _number(own.max_points),
            _number(own.points),
            _number(verified.points),
            _difference(own.points, verified.points),
        )
    )
    return Table(
        heading=_("1. Self-assessed and verified points"),
        columns=(
            Column(_("Code"), "text", 1.2),
            Column(_("Criterion"), "text", 5.5),
            Column(_("Maximum"), "number", 1.3),
            Column(_("Self-assessed points"), "number", 1.5),
            Column(_("Verified points"), "number", 1.5),
            Column(_("Difference"), "number", 1.3),
        ),
        rows=tuple(rows),
        bold_rows=frozenset(bold),
    )


def _adjustments(participant: Participant, comparison: Comparison) -> Table:
    answers = form_data(assessment_of(participant)).answers
    rows = []
    for line in comparison.own.leaves:
        verification = comparison.verifications.get(line.code)
        if verification is None or not verification.adjusted:
            continue
        answer = answers.get(line.code)
        own = answer_text(
            line.node,
            answer.value if answer else "",
            answer.not_applicable if answer else False,
        )
        verified = answer_text(line.node, verification.value, verification.not_applicable)
        rows.append((line.code, own, verified, verification.reason))
    # A shared figure's verified value changes every criterion that uses it.
    for figure in comparison.own.figures:
        verification = comparison.verifications.get(figure.code)
        if verification is not None and verification.adjusted:
            used_by = _("%(value)s (used by %(users)s)")
            rows.append(
                (
                    figure.code,
                    used_by % {"value": figure.value or "—", "users": ", ".join(figure.users)},
                    verification.value,
                    verification.reason,
                )
            )
    return Table(
        heading=_("2. Adjustments and their reasons"),
        columns=(
            Column(_("Criterion"), "text", 1.2),
            Column(_("The unit's answer"), "text", 3),
            Column(_("Verified answer"), "text", 3),
            Column(_("Reason"), "text", 4),
        ),
        rows=tuple(rows),
        empty=_("The reviewer adjusted no criterion."),
    )


def review_document(participant: Participant) -> Document:
    """The review result of ``participant``'s form."""
    with override(LOCALE):
        return _document(participant)


def _document(participant: Participant) -> Document:
    period = participant.period
    reviewer = participant.reviewer_unit
    if reviewer.kind == UnitKind.PROVINCE:
        parent, agency = provincial_committee(), lead_agency(period.year)
    else:
        parent, agency = "", issuing_name(reviewer)
    comparison = compare(participant, criteria_set_for(participant), LOCALE)
    assessment = assessment_of(participant)
    approved = assessment is not None and assessment.state == AssessmentState.APPROVED
    verified = comparison.verified
    body: list[Paragraph | Table] = [
        Paragraph(
            _(
                "Having reviewed the self-assessment of the e-government level in %(year)s "
                "of %(unit)s, %(agency)s announces the result of the review as follows:"
            )
            % {"year": period.year, "unit": participant.unit_name, "agency": agency}
        ),
        Paragraph(
            _(
                "Self-assessed points: %(own)s; verified points: %(verified)s of %(max)s "
                "(%(percent)s)%(level)s."
            )
            % {
                "own": _number(comparison.own.points),
                "verified": _number(verified.points),
                "max": _number(verified.max_points),
                "percent": verified.percent_text,
                "level": _(", level %(level)s") % {"level": verified.level.name}
                if verified.level
                else "",
            },
            bold=True,
        ),
    ]
    if approved and assessment is not None and assessment.approved_at is not None:
        body.append(
            Paragraph(
                _("The review was approved on %(date)s.")
                % {"date": localdate(assessment.approved_at).strftime("%d/%m/%Y")},
                italic=True,
            )
        )
    else:
        body.append(
            Paragraph(_("The review is not approved yet: these points may change."), italic=True)
        )
    body += [_points(comparison), _adjustments(participant, comparison)]
    return Document(
        header=Header(
            parent=parent,
            agency=agency,
            number=_("No.: %(number)s/TB-%(symbol)s") % {"number": BLANK, "symbol": BLANK},
            place_date=place_date(None),
        ),
        title=_("ANNOUNCEMENT"),
        subject=_("Result of the review of the self-assessment of %(unit)s in %(year)s")
        % {"unit": participant.unit_name, "year": period.year},
        body=tuple(body),
        signature=Signature(authority="", position=_("HEAD OF THE REVIEWING AGENCY"), name=BLANK),
        recipients=(
            _("- %(unit)s;") % {"unit": participant.unit_name},
            _("- Archived: Office."),
        ),
    )
