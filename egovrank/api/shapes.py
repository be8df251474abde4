"""The API's answers built from the same queries the pages use, as plain data for the
serializers. Nothing here decides who may see what (the views fetch every object
through the apps' ``access.py``) and nothing scores: points, totals, shares and levels
are the scoring core's, read from the sheets and results the pages show."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from egovrank.accounts.models import User
from egovrank.assessments.models import Answer, Assessment, EvidenceFile, EvidenceLink
from egovrank.assessments.page import FormPage
from egovrank.assessments.progress import Progress, state_of
from egovrank.assessments.sheet import FigureLine, Line, Sheet
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.queries import VersionSummary
from egovrank.criteria.versions import criteria_set_of
from egovrank.orgs.models import Unit
from egovrank.periods.models import Participant, Period
from egovrank.periods.queries import participants_by_block
from egovrank.periods.rules import district_of
from egovrank.results.models import Publication
from egovrank.results.queries import ResultTable
from egovrank.review.models import Forwarding, RevisionRequest, Verification
from egovrank.review.page import ReviewPage
from egovrank.review.queries import UnitReview
from egovrank.scoring.fileformat.build import document_of
from egovrank.scoring.levels import Level, share_of
from egovrank.scoring.numbers import percent_of

from .fields import decimal_text


def _name(person: User | None) -> str | None:
    if person is None:
        return None
    return str(person.get_full_name() or person.get_username())


# --- shared -------------------------------------------------------------------------------


def level(found: Level | None) -> dict[str, Any] | None:
    """A level, or None in an index that only ranks."""
    if found is None:
        return None
    return {"code": found.code, "name": found.name, "name_en": found.name_en}


def totals(points: Decimal, max_points: Decimal, reached: Level | None) -> dict[str, Any]:
    """The core's total with its exact share and the percentage the pages show."""
    share = share_of(points, max_points)
    return {
        "points": points,
        "max_points": max_points,
        "share": share,
        "percent": percent_of(share),
        "level": level(reached),
    }


def sheet_totals(sheet: Sheet) -> dict[str, Any]:
    return totals(sheet.points, sheet.max_points, sheet.level)


def line_points(line: Line) -> dict[str, Any]:
    return {
        "points": line.points,
        "max_points": line.max_points,
        "status": line.status,
        "explanation": line.explanation,
    }


# --- units and criteria sets --------------------------------------------------------------


def succession(unit: Unit, kind: str, year: int, note: str) -> dict[str, Any]:
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "kind": kind,
        "year": year,
        "note": note,
    }


def unit_detail(unit: Unit, visible_children: Any) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "block": unit.block,
        "parent": unit.parent,
        "valid_from": unit.valid_from,
        "valid_until": unit.valid_until,
        "children": [{"code": child.code, "name": child.name} for child in visible_children],
        "successors": [
            succession(s.successor, s.kind, s.year, s.note)
            for s in unit.successions.select_related("successor")
        ],
        "predecessors": [
            succession(s.predecessor, s.kind, s.year, s.note)
            for s in unit.predecessions.select_related("predecessor")
        ],
    }


def _plain(value: Any) -> Any:
    """The file format's document as JSON: decimals as exact strings."""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def version_detail(summary: VersionSummary, version: CriteriaVersion) -> dict[str, Any]:
    criteria_set = criteria_set_of(version)
    return {
        **summary.__dict__,
        "levels": [
            {
                "code": found.code,
                "name": found.name,
                "name_en": found.name_en,
                "min_percent": found.min_percent,
                "colour": found.colour,
            }
            for found in criteria_set.levels.levels
        ],
        "legal_basis": {key: str(value) for key, value in criteria_set.meta.legal_basis},
        "tree": _plain(document_of(criteria_set)["nodes"]),
        "yaml": version.source_yaml,
    }


# --- periods ------------------------------------------------------------------------------


def period_detail(period: Period, participant_count: int, show_records: bool) -> dict[str, Any]:
    blocks = participants_by_block(period)
    participants = [
        participant
        for entry in blocks
        for group in entry.groups
        for participant in group.participants
    ]
    return {
        **{field: getattr(period, field) for field in PERIOD_FIELDS},
        "participant_count": participant_count,
        "blocks": [
            {
                "code": entry.block.code,
                "name": entry.block.name,
                "version": entry.period_block.version.set_id if entry.period_block else None,
            }
            for entry in blocks
        ],
        "participants": [
            {
                "unit_code": p.unit_code,
                "unit_name": p.unit_name,
                "block": p.block.code,
                "reviewer_unit": p.reviewer_unit.code,
                "deadline": p.deadline,
                "extended_until": p.extended_until,
                "extension_reason": p.extension_reason if show_records else None,
            }
            for p in participants
        ],
    }


PERIOD_FIELDS = (
    "year",
    "title",
    "state",
    "self_assessment_deadline",
    "review_deadline",
    "revision_deadline",
    "opened_at",
)


# --- self-assessments ---------------------------------------------------------------------


def form_state(participant: Participant) -> str:
    return state_of(getattr(participant, "assessment", None))


def assessment_summary(
    participant: Participant, own: bool, progress: Progress | None
) -> dict[str, Any]:
    district = district_of(participant)
    return {
        "year": participant.period.year,
        "unit_code": participant.unit_code,
        "unit_name": participant.unit_name,
        "block": participant.block.code,
        "reviewer_unit": participant.reviewer_unit.code,
        "district": district.code if district is not None else None,
        "state": form_state(participant),
        "own": own,
        "deadline": participant.deadline,
        "progress": progress.__dict__ if progress is not None else None,
    }


def answer(found: Answer | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "value": found.value,
        "not_applicable": found.not_applicable,
        "note": found.note,
        "evidence_explanation": found.evidence_explanation,
        "revision": found.revision,
        "updated_at": found.updated_at,
        "updated_by": _name(found.updated_by) if found.updated_by_id else None,
    }


def evidence_file(participant: Participant, item: EvidenceFile) -> dict[str, Any]:
    return {
        "id": item.pk,
        "code": item.code,
        "name": item.original_name,
        "content_type": item.content_type,
        "size": item.size,
        "sha256": item.sha256,
        "uploaded_at": item.uploaded_at,
        "uploaded_by": _name(item.uploaded_by),
        "url": reverse(
            "api:file",
            kwargs={"year": participant.period.year, "unit": participant.unit_code, "pk": item.pk},
        ),
    }


def evidence_link(item: EvidenceLink) -> dict[str, Any]:
    return {
        "id": item.pk,
        "code": item.code,
        "number": item.number,
        "date": item.date,
        "title": item.title,
        "url": item.url,
        "added_at": item.added_at,
        "added_by": _name(item.added_by),
    }


def returned(request: RevisionRequest | None) -> dict[str, Any] | None:
    if request is None:
        return None
    return {
        "number": request.number,
        "message": request.message,
        "deadline": request.deadline,
        "returned_at": request.returned_at,
        "returned_by": _name(request.returned_by),
    }


def status(participant: Participant, assessment: Assessment | None) -> dict[str, Any]:
    return {
        "year": participant.period.year,
        "unit_code": participant.unit_code,
        "state": state_of(assessment),
        "submitted_at": assessment.submitted_at if assessment else None,
        "revision_deadline": assessment.revision_deadline if assessment else None,
        "approved_at": assessment.approved_at if assessment else None,
    }


def _review_of(form: FormPage) -> UnitReview:
    """The review on a unit's own form: the review's, plugged into the form's slot."""
    review = form.review
    assert isinstance(review, UnitReview)
    return review


def form_line(form: FormPage, line: Line) -> dict[str, Any]:
    """One node of the form as its page shows it to the person."""
    code = line.code
    node = line.node
    leaf = line.is_leaf
    review = _review_of(form)
    verified = review.verified.by_code[code] if review.verified else None
    adjusted = review.adjusted(code) if leaf else None
    return {
        "code": code,
        "name": node.name,
        "name_en": node.name_en,
        "depth": line.depth,
        "is_leaf": leaf,
        "input": line.input,
        "points": line.points,
        "max_points": line.max_points,
        "status": line.status,
        "explanation": line.explanation,
        "rule_text": line.rule_text,
        "error": line.error,
        "answered": line.answered,
        "missing_answer": line.missing_answer,
        "missing_evidence": line.missing_evidence,
        "evidence_explained": line.evidence_explained,
        "answer": answer(form.data.answers.get(code)) if leaf else None,
        "files": [evidence_file(form.participant, f) for f in form.data.files.get(code, [])],
        "links": [evidence_link(link) for link in form.data.links.get(code, [])],
        "comments": [
            {
                "code": comment.code,
                "text": comment.text,
                "author": _name(comment.author),
                "written_at": comment.written_at,
            }
            for comment in review.comments_on(code)
        ],
        "verified": line_points(verified) if verified is not None else None,
        "adjustment": (
            {
                "value": adjusted.value,
                "not_applicable": adjusted.not_applicable,
                "reason": adjusted.reason,
            }
            if adjusted is not None
            else None
        ),
    }


def figure_line(form: FormPage, line: FigureLine) -> dict[str, Any]:
    """A shared figure as the form shows it."""
    figure = line.figure
    stored = form.data.answers.get(line.code)
    return {
        "code": figure.code,
        "name": figure.name,
        "name_en": figure.name_en,
        "origin": figure.origin,
        "origin_system": figure.origin_system,
        "value": line.value,
        "revision": stored.revision if stored else 0,
        "error": line.error,
        "used_by": list(line.users),
    }


def form_detail(form: FormPage) -> dict[str, Any]:
    """The whole form as its page shows it to the person."""
    participant = form.participant
    verified = form.review.verified
    return {
        **status(participant, form.assessment),
        "unit_name": participant.unit_name,
        "block": participant.block.code,
        "criteria_set": form.criteria_set.meta.id,
        "reviewer_unit": participant.reviewer_unit.code,
        "deadline": participant.deadline,
        "lock": form.lock,
        "may_edit": form.editable,
        "may_submit": form.may_submit,
        "may_withdraw": form.may_withdraw,
        "totals": sheet_totals(form.sheet),
        "provisional": form.sheet.provisional,
        "answered": form.sheet.answered,
        "answerable": form.sheet.answerable,
        "complete": form.sheet.complete,
        "returned": returned(_review_of(form).request),
        "verified_totals": sheet_totals(verified) if verified else None,
        "criteria": [form_line(form, line) for line in form.sheet.lines],
        "figures": [figure_line(form, line) for line in form.sheet.figures],
    }


# --- review ---------------------------------------------------------------------------------


def verdict(page: ReviewPage, code: str, found: Verification | None) -> dict[str, Any] | None:
    if found is None or not found.decision:
        return None
    current = page.answers.get(code)
    value = current.value if current else ""
    na = current.not_applicable if current else False
    return {
        "decision": found.decision,
        "value": found.value,
        "not_applicable": found.not_applicable,
        "reason": found.reason,
        "reviewed_by": _name(found.reviewed_by),
        "reviewed_at": found.reviewed_at,
        "changed_since_review": found.seen_value != value or found.seen_not_applicable != na,
    }


def review_line(page: ReviewPage, line: Line) -> dict[str, Any]:
    code = line.code
    leaf = line.is_leaf
    unit_answer = page.answers.get(code) if leaf else None
    draft = page.drafts.get(code) if leaf else None
    return {
        "code": code,
        "name": line.node.name,
        "name_en": line.node.name_en,
        "depth": line.depth,
        "is_leaf": leaf,
        "own": line_points(line),
        "verified": line_points(page.verified.by_code[code]),
        "answer": (
            {
                "value": unit_answer.value,
                "not_applicable": unit_answer.not_applicable,
                "note": unit_answer.note,
                "evidence_explanation": unit_answer.evidence_explanation,
            }
            if unit_answer is not None
            else None
        ),
        "files": [evidence_file(page.participant, f) for f in page.files.get(code, [])],
        "links": [evidence_link(link) for link in page.links.get(code, [])],
        "verdict": verdict(page, code, page.verifications.get(code)) if leaf else None,
        "verdict_revision": page.comparison.revision_of(code),
        "draft_comment": draft.text if draft is not None else None,
    }


def review_detail(page: ReviewPage) -> dict[str, Any]:
    participant = page.participant
    return {
        "year": participant.period.year,
        "unit_code": participant.unit_code,
        "unit_name": participant.unit_name,
        "block": participant.block.code,
        "reviewer_unit": participant.reviewer_unit.code,
        "state": page.state,
        "lock": page.lock,
        "may_review": page.may_review,
        "own_totals": sheet_totals(page.own),
        "verified_totals": sheet_totals(page.verified),
        "returns": [returned(request) for request in page.requests],
        "criteria": [review_line(page, line) for line in page.own.lines],
        "figures": [review_figure(page, figure.code) for figure in page.own.figures],
    }


def review_figure(page: ReviewPage, code: str) -> dict[str, Any]:
    own = page.own.figure_by_code[code]
    return {
        "code": code,
        "name": own.figure.name,
        "value": own.value,
        "verified_value": page.verified.figure_by_code[code].value,
        "users": list(own.users),
        "verdict": verdict(page, code, page.verifications.get(code)),
        "verdict_revision": page.comparison.revision_of(code),
    }


def figure_verdict_result(page: ReviewPage, code: str) -> dict[str, Any]:
    users = page.own.figure_by_code[code].users
    return {
        "code": code,
        "verdict": verdict(page, code, page.verifications.get(code)),
        "verdict_revision": page.comparison.revision_of(code),
        "verified_value": page.verified.figure_by_code[code].value,
        "criteria": {user: line_points(page.verified.by_code[user]) for user in users},
        "verified_totals": sheet_totals(page.verified),
    }


def verdict_result(page: ReviewPage, code: str) -> dict[str, Any]:
    found = page.verifications.get(code)
    return {
        "code": code,
        "verdict": verdict(page, code, found),
        "verdict_revision": page.comparison.revision_of(code),
        "verified": line_points(page.verified.by_code[code]),
        "verified_totals": sheet_totals(page.verified),
    }


def stale_verdict(page: ReviewPage, code: str, current: Verification) -> dict[str, Any]:
    return {
        "current": verdict(page, code, current if current.pk else None),
        "verdict_revision": current.revision,
    }


def forwarding(found: Forwarding) -> dict[str, Any]:
    return {
        "id": found.pk,
        "district": found.district.code,
        "forwarded_at": found.forwarded_at,
        "forwarded_by": _name(found.forwarded_by),
        "note": found.note,
        "ranking": found.ranking,
        "sent_back_at": found.sent_back_at,
        "sent_back_by": _name(found.sent_back_by),
        "sent_back_reason": found.sent_back_reason,
    }


# --- results --------------------------------------------------------------------------------


def result_table(table: ResultTable, levels: dict[str, Level]) -> dict[str, Any]:
    rows = []
    for row in table.rows:
        share = share_of(row.points, row.max_points)
        known = levels.get(row.level_code)
        rows.append(
            {
                "rank": row.rank,
                "rank_in_district": row.rank_in_district,
                "unit_code": row.unit_code,
                "unit_name": row.unit_name,
                "district_name": row.district_name,
                "groups": row.groups,
                "points": row.points,
                "max_points": row.max_points,
                "share": share,
                "percent": row.percent,
                "converted": row.converted,
                "level": {
                    "code": row.level_code,
                    "name": row.level_name,
                    "name_en": row.level_name_en or (known.name_en if known is not None else ""),
                }
                if row.level_code
                else None,
                "not_ranked_reason": row.not_ranked_reason,
                "submitted": row.submitted,
                "self_points": row.self_points,
                "not_reviewed": row.not_reviewed,
                "refused": row.refused,
                "correction_open": row.correction is not None,
            }
        )
    return {
        "code": table.code,
        "name": table.name,
        "set_id": table.set_id,
        "version": table.version,
        "converted_scale": table.converted_scale,
        "groups": [g.__dict__ for g in table.groups],
        "rows": rows,
    }


PUBLICATION_FIELDS = (
    "number",
    "decision_number",
    "decision_date",
    "signer",
    "correction_reason",
    "published_at",
    "is_correction",
)


def publication(found: Publication) -> dict[str, Any]:
    return {"year": found.period.year, **{f: getattr(found, f) for f in PUBLICATION_FIELDS}}
