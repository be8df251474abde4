"""Every change a reviewer makes: one action each, atomic, with its history entry in
the same transaction. Views check who may act (``access``);
these check when: a form can be reviewed only once submitted, never after its review
is closed, forwarded, finalised or published (short of a correction).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from egovrank.accounts.models import User
from egovrank.assessments.choices import AWAITING_REVIEW, REVIEW_CLOSED, AssessmentState
from egovrank.assessments.models import Assessment, Submission
from egovrank.assessments.queries import (
    assessment_of,
    best_for,
    criteria_set_for,
    entries_of,
    snapshot_of,
)
from egovrank.assessments.sheet import Entry, answers_of, points_of, score_sheet
from egovrank.core.audit import event, record, record_all
from egovrank.core.lead_agency import lead_agency_for
from egovrank.notifications.notify import (
    notify_approved,
    notify_forwarded,
    notify_returned,
    notify_sent_back,
)
from egovrank.orgs.models import Unit
from egovrank.periods.choices import PeriodState
from egovrank.periods.locks import locked_participant
from egovrank.periods.models import Participant, Period
from egovrank.periods.rules import deadline_passed, period_shape
from egovrank.scoring.collation import vietnamese_sort_key
from egovrank.scoring.tree import CriteriaSet, SharedFigure

from .choices import Decision
from .models import Forwarding, ReviewComment, RevisionRequest, Verification
from .queries import block_verified_figures, verifications_of, verified_entries
from .ranking import district_ranking
from .slots import in_correction

__all__ = [
    "InvalidReviewInput",
    "ReviewRefused",
    "StaleVerification",
    "check_approval",
    "check_return",
    "do_accept",
    "do_accept_figure",
    "refuse_without_district_review",
    "do_adjust",
    "do_adjust_figure",
    "do_approve",
    "do_clear",
    "do_comment",
    "do_forward",
    "do_mark_not_submitted",
    "do_reopen",
    "do_return",
    "do_send_back",
    "forwarding_problems",
    "period_lock",
    "review_lock",
    "standing_forwarding",
]

REVIEW_PERIOD_STATES = (PeriodState.SELF_ASSESSMENT, PeriodState.REVIEW)


class ReviewRefused(ValueError):
    """A review action refused; the message says why, for people."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class InvalidReviewInput(ReviewRefused):
    """Refused for what was entered (a missing reason, an answer the rule refuses),
    not for the form's state: the page answers 400 rather than 409."""


class StaleVerification(Exception):
    """Another reviewer changed this criterion's verdict since the page was loaded."""

    def __init__(self, current: Verification) -> None:
        super().__init__(f"{current.code} changed since it was loaded")
        self.current = current


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def standing_forwarding(period: Period, district_id: int) -> Forwarding | None:
    return Forwarding.objects.filter(
        period=period, district_id=district_id, sent_back_at__isnull=True
    ).first()


def period_lock(participant: Participant) -> str | None:
    period = participant.period
    if period.state in (PeriodState.PUBLISHED, PeriodState.FINALISED):
        if in_correction(participant):
            return None
        if period.state == PeriodState.PUBLISHED:
            return _("The results are published: a change needs a correction.")
        return _("The results are finalised.")
    if period.state not in REVIEW_PERIOD_STATES:
        return _("The period is not open yet.")
    forwarding = standing_forwarding(period, participant.reviewer_unit_id)
    if forwarding is not None:
        return _(
            "The district forwarded its results to %(agency)s on %(when)s: ask %(agency)s to "
            "send them back first."
        ) % {"when": _moment(forwarding.forwarded_at), "agency": lead_agency_for(period).short_name}
    return None


def review_lock(participant: Participant, assessment: Assessment | None) -> str | None:
    """Why the form cannot be reviewed right now, or None while it can."""
    reason = period_lock(participant)
    if reason:
        return reason
    state = assessment.state if assessment else None
    if state in AWAITING_REVIEW:
        return None
    if state == AssessmentState.RETURNED:
        assert assessment is not None
        if _revision_overdue(assessment):
            return None  # the unit let its deadline pass: the review resumes as it stands
        return _("Returned to the unit for revision until %(when)s.") % {
            "when": _moment(assessment.revision_deadline or timezone.now())
        }
    if state == AssessmentState.APPROVED:
        return _("The review is approved; re-open it to change it.")
    if state == AssessmentState.NOT_SUBMITTED:
        return _("The form is closed as not submitted.")
    return _("The unit has not submitted its form.")


def _revision_overdue(assessment: Assessment) -> bool:
    deadline = assessment.revision_due(assessment.participant.period)
    return (
        assessment.state == AssessmentState.RETURNED
        and deadline is not None
        and timezone.now() > deadline
    )


def _resume_if_overdue(assessment: Assessment, *, actor: User) -> None:
    """A returned form whose unit let the revision deadline pass comes back into review
    as it stands; what it holds is kept as a submission so the changes show."""
    if not _revision_overdue(assessment):
        return
    number = assessment.submissions.count() + 1
    Submission.objects.create(
        assessment=assessment, number=number, submitted_by=actor, entries=snapshot_of(assessment)
    )
    assessment.state = AssessmentState.IN_REVIEW
    assessment.save(update_fields=["state", "updated_at"])
    record(
        "review.resumed",
        assessment,
        actor=actor,
        summary=(
            f"{assessment.participant.unit_name}: revision deadline passed without "
            "resubmission; reviewed as it stands"
        ),
        data={
            "before": AssessmentState.RETURNED,
            "after": AssessmentState.IN_REVIEW,
            "submission": number,
        },
    )


def _locked(participant: Participant) -> tuple[Participant, Assessment | None]:
    participant = locked_participant(participant, "reviewer_unit")
    return participant, Assessment.objects.filter(participant=participant).first()


def _reviewable(participant: Participant, *, actor: User) -> tuple[Participant, Assessment]:
    participant, assessment = _locked(participant)
    reason = review_lock(participant, assessment)
    if reason:
        raise ReviewRefused(reason)
    assert assessment is not None
    _resume_if_overdue(assessment, actor=actor)
    return participant, assessment


def _start(assessment: Assessment, *, actor: User) -> None:
    """The first verdict takes the form into review (the unit can no longer withdraw)."""
    if assessment.state == AssessmentState.SUBMITTED:
        assessment.state = AssessmentState.IN_REVIEW
        assessment.save(update_fields=["state", "updated_at"])
        record(
            "review.started",
            assessment,
            actor=actor,
            summary=f"{assessment.participant.unit_name}: review started",
            data={"before": AssessmentState.SUBMITTED, "after": AssessmentState.IN_REVIEW},
        )


def _leaf(participant: Participant, code: str) -> Any:
    node = criteria_set_for(participant).get(code)
    if node is None or not node.is_leaf:
        raise KeyError(code)
    return node


def _figure(participant: Participant, code: str) -> SharedFigure:
    figure = criteria_set_for(participant).figure(code)
    if figure is None:
        raise KeyError(code)
    return figure


def _verdict_code(participant: Participant, code: str) -> None:
    """A criterion or one of the set's shared figures: both take a verdict."""
    if criteria_set_for(participant).figure(code) is None:
        _leaf(participant, code)


def _verified_points(
    participant: Participant,
    entries: dict[str, Entry],
    verifications: dict[str, Verification],
    code: str,
) -> Any:
    criteria_set = criteria_set_for(participant)
    verified = verified_entries(entries, verifications)
    best = best_for(criteria_set, block_verified_figures(participant, criteria_set), verified)
    return points_of(criteria_set, verified, code, best)


def _current(assessment: Assessment, code: str, revision: int) -> Verification | None:
    current = (
        Verification.objects.select_for_update().filter(assessment=assessment, code=code).first()
    )
    if (current.revision if current else 0) != revision:
        # No row while the page named a revision cannot happen through the pages (rows
        # are never deleted); answer it as stale with an unsaved, empty verdict.
        raise StaleVerification(current or Verification(assessment=assessment, code=code))
    return current


def _save_verdict(
    assessment: Assessment,
    code: str,
    current: Verification | None,
    entry: Entry,
    *,
    decision: str,
    value: str = "",
    not_applicable: bool = False,
    reason: str = "",
    actor: User,
) -> Verification:
    verification = current or Verification(assessment=assessment, code=code)
    verification.decision = decision
    verification.value = value[:500]
    verification.not_applicable = not_applicable
    verification.reason = reason
    verification.seen_value = entry.value
    verification.seen_not_applicable = entry.not_applicable
    verification.revision = (current.revision if current else 0) + 1
    verification.reviewed_by = actor
    verification.save()
    return verification


@transaction.atomic(durable=True)
def do_accept(participant: Participant, code: str, *, revision: int, actor: User) -> Verification:
    """The unit's answer to ``code`` stands (an earlier adjustment is undone)."""
    participant, assessment = _reviewable(participant, actor=actor)
    _leaf(participant, code)
    current = _current(assessment, code, revision)
    entries = entries_of(assessment)
    verifications = verifications_of(assessment)
    before = _verified_points(participant, entries, verifications, code)
    _start(assessment, actor=actor)
    verification = _save_verdict(
        assessment,
        code,
        current,
        entries.get(code, Entry()),
        decision=Decision.ACCEPTED,
        actor=actor,
    )
    verifications[code] = verification
    after = _verified_points(participant, entries, verifications, code)
    record(
        "review.accepted",
        assessment,
        actor=actor,
        summary=f"{code}: accepted",
        data={
            "code": code,
            "unit_answer": entries.get(code, Entry()).value,
            "points_before": str(before),
            "points_after": str(after),
        },
    )
    return verification


@transaction.atomic(durable=True)
def do_adjust(
    participant: Participant,
    code: str,
    *,
    value: str,
    not_applicable: bool = False,
    reason: str,
    revision: int,
    actor: User,
) -> Verification:
    """Set the verified answer to ``code``; the verified points are the scoring core's
    for it. A reason is required: the unit reads it once the review is approved."""
    reason = reason.strip()
    value = value.strip()
    if not reason:
        raise InvalidReviewInput(_("Give the reason for the adjustment."))
    participant, assessment = _reviewable(participant, actor=actor)
    node = _leaf(participant, code)
    if not value and not not_applicable:
        raise InvalidReviewInput(_("Enter the verified answer."))
    criteria_set = criteria_set_for(participant)
    entries = entries_of(assessment)
    verifications = verifications_of(assessment)
    trial = dict(verified_entries(entries, verifications))
    trial[code] = replace(trial.get(code, Entry()), value=value, not_applicable=not_applicable)
    line = score_sheet(criteria_set, trial, locale="vi").by_code[node.code]
    if line.error:
        raise InvalidReviewInput(line.error)
    current = _current(assessment, code, revision)
    before = _verified_points(participant, entries, verifications, code)
    _start(assessment, actor=actor)
    entry = entries.get(code, Entry())
    verification = _save_verdict(
        assessment,
        code,
        current,
        entry,
        decision=Decision.ADJUSTED,
        value=value,
        not_applicable=not_applicable,
        reason=reason,
        actor=actor,
    )
    verifications[code] = verification
    after = _verified_points(participant, entries, verifications, code)
    own = points_of(criteria_set, entries, code, best_for(criteria_set, [], entries))
    record(
        "review.adjusted",
        assessment,
        actor=actor,
        summary=f"{code}: {entry.value or '—'} → {value or 'N/A'} ({reason})",
        data={
            "code": code,
            "unit_answer": entry.value,
            "unit_not_applicable": entry.not_applicable,
            "verified_answer": value,
            "verified_not_applicable": not_applicable,
            "self_points": str(own),
            "points_before": str(before),
            "points_after": str(after),
            "reason": reason,
        },
    )
    return verification


def _figure_conflicts(
    criteria_set: CriteriaSet, code: str, before: dict[str, Entry], after: dict[str, Entry]
) -> list[str]:
    """What the criteria using the shared figure ``code`` refuse once it is changed and
    did not refuse before (a numerator above the verified denominator): each named with
    its criterion, the message naming the figure."""
    refused = _newly_refused(criteria_set, before, after)
    if code in refused:
        return [refused[code]]
    return [
        f"{user}: {refused[user]}" for user in criteria_set.figure_users(code) if user in refused
    ]


def _verdict_state(
    participant: Participant, assessment: Assessment
) -> tuple[CriteriaSet, dict[str, Entry], dict[str, Verification]]:
    """The set, the unit's entries and the standing verdicts of a form under review."""
    return criteria_set_for(participant), entries_of(assessment), verifications_of(assessment)


def _refuse_figure_conflicts(
    criteria_set: CriteriaSet,
    code: str,
    verified: dict[str, Entry],
    change: Callable[[Entry], Entry],
    refused: str,
) -> None:
    """Refuse (``refused``, with each criterion's reason) a verified entry of the shared
    figure ``code``, ``change`` of the current one, that a criterion using it refuses."""
    trial = dict(verified)
    trial[code] = change(verified.get(code, Entry()))
    conflicts = _figure_conflicts(criteria_set, code, verified, trial)
    if conflicts:
        raise InvalidReviewInput(refused, conflicts)


def _newly_refused(
    criteria_set: CriteriaSet, before: dict[str, Entry], after: dict[str, Entry]
) -> dict[str, str]:
    """What the rules refuse in ``after`` and did not in ``before``, by code."""
    _answers, refused_before = answers_of(criteria_set, before)
    _answers, refused_after = answers_of(criteria_set, after)
    return {code: message for code, message in refused_after.items() if code not in refused_before}


@transaction.atomic(durable=True)
def do_adjust_figure(
    participant: Participant,
    code: str,
    *,
    value: str,
    reason: str,
    revision: int,
    actor: User,
) -> Verification:
    """Set the verified value of the shared figure ``code``: every criterion that uses
    it is scored by the core with it. Refused when a criterion's verified numerator
    would be above it (or it above a verified denominator)."""
    reason = reason.strip()
    value = value.strip()
    if not reason:
        raise InvalidReviewInput(_("Give the reason for the adjustment."))
    participant, assessment = _reviewable(participant, actor=actor)
    _figure(participant, code)
    if not value:
        raise InvalidReviewInput(_("Enter the verified figure."))
    criteria_set, entries, verifications = _verdict_state(participant, assessment)
    _refuse_figure_conflicts(
        criteria_set,
        code,
        verified_entries(entries, verifications),
        lambda verified: replace(verified, value=value, not_applicable=False),
        _("The verified figure %(code)s = %(value)s is refused.") % {"code": code, "value": value},
    )
    current = _current(assessment, code, revision)
    before = _verified_points(participant, entries, verifications, code)
    _start(assessment, actor=actor)
    entry = entries.get(code, Entry())
    verification = _save_verdict(
        assessment,
        code,
        current,
        entry,
        decision=Decision.ADJUSTED,
        value=value,
        reason=reason,
        actor=actor,
    )
    verifications[code] = verification
    after = _verified_points(participant, entries, verifications, code)
    record(
        "review.adjusted",
        assessment,
        actor=actor,
        summary=f"{code}: {entry.value or '—'} → {value} ({reason})",
        data={
            "code": code,
            "figure": True,
            "unit_answer": entry.value,
            "unit_not_applicable": False,
            "verified_answer": value,
            "verified_not_applicable": False,
            "users": list(criteria_set.figure_users(code)),
            "self_points": str(
                points_of(criteria_set, entries, code, best_for(criteria_set, [], entries))
            ),
            "points_before": str(before),
            "points_after": str(after),
            "reason": reason,
        },
    )
    return verification


@transaction.atomic(durable=True)
def do_accept_figure(
    participant: Participant, code: str, *, revision: int, actor: User
) -> Verification:
    """The unit's value of the shared figure ``code`` stands (an earlier verified value
    is undone): every criterion using it is scored with the unit's value again. Refused
    when a criterion's verified numerator would then be above it."""
    participant, assessment = _reviewable(participant, actor=actor)
    _figure(participant, code)
    criteria_set, entries, verifications = _verdict_state(participant, assessment)
    entry = entries.get(code, Entry())
    _refuse_figure_conflicts(
        criteria_set,
        code,
        verified_entries(entries, verifications),
        lambda _verified: entry,
        _("The unit's figure %(code)s = %(value)s cannot be accepted.")
        % {"code": code, "value": entry.value or "—"},
    )
    current = _current(assessment, code, revision)
    before = _verified_points(participant, entries, verifications, code)
    _start(assessment, actor=actor)
    verification = _save_verdict(
        assessment, code, current, entry, decision=Decision.ACCEPTED, actor=actor
    )
    verifications[code] = verification
    after = _verified_points(participant, entries, verifications, code)
    record(
        "review.accepted",
        assessment,
        actor=actor,
        summary=f"{code}: accepted",
        data={
            "code": code,
            "figure": True,
            "unit_answer": entry.value,
            "users": list(criteria_set.figure_users(code)),
            "points_before": str(before),
            "points_after": str(after),
        },
    )
    return verification


def _refuse_withdrawal_conflicts(
    participant: Participant, assessment: Assessment, code: str
) -> None:
    """Withdrawing an adjustment brings the unit's answer back: refused when that makes a
    rule refuse what it did not (the unit's numerator above a verified shared figure, or
    the unit's figure below a verified numerator), naming each criterion."""
    criteria_set, entries, verifications = _verdict_state(participant, assessment)
    before = verified_entries(entries, verifications)
    verifications.pop(code, None)
    after = verified_entries(entries, verifications)
    refused = _newly_refused(criteria_set, before, after)
    conflicts = [f"{other}: {message}" for other, message in refused.items()]
    if conflicts:
        raise InvalidReviewInput(
            _(
                "The verdict on %(code)s cannot be withdrawn: with the unit's value %(value)s back, these are refused."
            )
            % {"code": code, "value": entries.get(code, Entry()).value or "—"},
            conflicts,
        )


@transaction.atomic(durable=True)
def do_clear(participant: Participant, code: str, *, revision: int, actor: User) -> None:
    """Withdraw the verdict on ``code``: it is open again (and accepted on approval).
    The row stays, emptied, so its revision keeps counting for the stale check."""
    participant, assessment = _reviewable(participant, actor=actor)
    _verdict_code(participant, code)
    current = _current(assessment, code, revision)
    if current is None or not current.decision:
        return
    if current.adjusted:
        _refuse_withdrawal_conflicts(participant, assessment, code)
    data = {"code": code, "decision": current.decision, "value": current.value}
    current.decision = ""
    current.value = ""
    current.not_applicable = False
    current.reason = ""
    current.revision += 1
    current.reviewed_by = actor
    current.save()
    record("review.cleared", assessment, actor=actor, summary=f"{code}: verdict cleared", data=data)


@transaction.atomic(durable=True)
def do_comment(participant: Participant, code: str, text: str, *, actor: User) -> None:
    """Write (or, with an empty text, delete) the draft comment on ``code`` that the
    next return sends to the unit."""
    participant, assessment = _reviewable(participant, actor=actor)
    _leaf(participant, code)
    text = text.strip()
    draft = ReviewComment.objects.filter(
        assessment=assessment, code=code, sent_in__isnull=True
    ).first()
    if not text:
        if draft is not None:
            draft.delete()
        return
    if draft is None:
        draft = ReviewComment(assessment=assessment, code=code)
    draft.text = text
    draft.author = actor
    draft.save()


def _return_drafts(assessment: Assessment, message: str, deadline: datetime) -> list[ReviewComment]:
    """The comments a return sends, or why the return is refused."""
    drafts = list(
        ReviewComment.objects.filter(assessment=assessment, sent_in__isnull=True).order_by("code")
    )
    if not message.strip() and not drafts:
        raise InvalidReviewInput(
            _("Say what to revise: write a message or comment on the criteria concerned.")
        )
    if deadline <= timezone.now():
        raise InvalidReviewInput(_("The revision deadline must be in the future."))
    return drafts


def _refuse_unsent_comments(assessment: Assessment) -> None:
    drafts = ReviewComment.objects.filter(assessment=assessment, sent_in__isnull=True)
    if drafts.exists():
        raise ReviewRefused(
            _(
                "Comments written for the unit have not been sent: return the form with them, "
                "or delete them, before approving."
            ),
            [f"{c.code}: {c.text}" for c in drafts.order_by("code")],
        )


def _open_for_review(participant: Participant) -> Assessment:
    assessment = assessment_of(participant)
    reason = review_lock(participant, assessment)
    if reason:
        raise ReviewRefused(reason)
    assert assessment is not None
    return assessment


def check_return(participant: Participant, *, message: str, deadline: datetime) -> None:
    """Raise what ``do_return`` would refuse, without changing anything: the
    confirmation step shows the return only when it can bind."""
    _return_drafts(_open_for_review(participant), message, deadline)


def check_approval(participant: Participant) -> None:
    """Raise what ``do_approve`` would refuse for the form's state or unsent comments,
    without changing anything (the confirmation step's check)."""
    _refuse_unsent_comments(_open_for_review(participant))


@transaction.atomic(durable=True)
def do_return(
    participant: Participant, *, message: str, deadline: datetime, actor: User
) -> RevisionRequest:
    """Send the form back to the unit with the draft comments and a revision deadline."""
    participant, assessment = _reviewable(participant, actor=actor)
    message = message.strip()
    drafts = _return_drafts(assessment, message, deadline)
    number = assessment.revision_requests.count() + 1
    request = RevisionRequest.objects.create(
        assessment=assessment, number=number, message=message, deadline=deadline, returned_by=actor
    )
    ReviewComment.objects.filter(pk__in=[c.pk for c in drafts]).update(sent_in=request)
    before = assessment.state
    assessment.state = AssessmentState.RETURNED
    assessment.revision_deadline = deadline
    assessment.save(update_fields=["state", "revision_deadline", "updated_at"])
    record(
        "assessment.returned",
        assessment,
        actor=actor,
        summary=f"{participant.unit_name}: returned for revision until {_moment(deadline)}",
        data={
            "before": before,
            "after": AssessmentState.RETURNED,
            "return": number,
            "message": message,
            "deadline": deadline.isoformat(),
            "comments": {c.code: c.text for c in drafts},
        },
    )
    notify_returned(assessment, request, actor=actor)
    return request


@transaction.atomic(durable=True)
def do_approve(participant: Participant, *, actor: User) -> Assessment:
    """Close the review: every criterion without a verdict is accepted as the unit
    answered it."""
    participant, assessment = _reviewable(participant, actor=actor)
    _refuse_unsent_comments(assessment)
    criteria_set = criteria_set_for(participant)
    entries = entries_of(assessment)
    verifications = verifications_of(assessment)
    verified = verified_entries(entries, verifications)
    best = best_for(criteria_set, block_verified_figures(participant, criteria_set), verified)
    sheet = score_sheet(criteria_set, verified, locale="vi", best=best)
    if sheet.refused:
        raise ReviewRefused(
            _("Some verified answers are refused by their rules."),
            [f"{line.code}: {line.error}" for line in sheet.refused],
        )
    own = score_sheet(criteria_set, entries, locale="vi", best=best_for(criteria_set, [], entries))
    before = assessment.state
    assessment.state = AssessmentState.APPROVED
    assessment.approved_at = timezone.now()
    assessment.approved_by = actor
    assessment.save(update_fields=["state", "approved_at", "approved_by", "updated_at"])
    adjusted = sorted(code for code, v in verifications.items() if v.adjusted)
    record(
        "assessment.approved",
        assessment,
        actor=actor,
        summary=(
            f"{participant.unit_name}: approved, {sheet.points}/{sheet.max_points} "
            f"({sheet.percent_text}, {sheet.level.name if sheet.level else '—'})"
        ),
        data={
            "before": before,
            "after": AssessmentState.APPROVED,
            "self_points": str(own.points),
            "verified_points": str(sheet.points),
            "max_points": str(sheet.max_points),
            "level": sheet.level.code if sheet.level else "",
            # As scored, for the history to show in the reader's language.
            "percent": str(sheet.percent),
            "level_names": (
                {"vi": sheet.level.name_in("vi"), "en": sheet.level.name_in("en")}
                if sheet.level
                else {}
            ),
            "adjusted": adjusted,
        },
    )
    notify_approved(assessment, actor=actor)
    return assessment


@transaction.atomic(durable=True)
def do_reopen(participant: Participant, *, reason: str, actor: User) -> Assessment:
    """Take an approved review back into review (before it is forwarded or finalised)."""
    reason = reason.strip()
    if not reason:
        raise InvalidReviewInput(_("Give the reason for re-opening the review."))
    participant, assessment = _locked(participant)
    lock = period_lock(participant)
    if lock:
        raise ReviewRefused(lock)
    if assessment is None or assessment.state not in REVIEW_CLOSED:
        raise ReviewRefused(_("Only an approved or closed review can be re-opened."))
    before = assessment.state
    # A form closed as not submitted goes back to the unit's draft; an approved one
    # back into review.
    after = (
        AssessmentState.DRAFT
        if before == AssessmentState.NOT_SUBMITTED
        else AssessmentState.IN_REVIEW
    )
    assessment.state = after
    assessment.approved_at = None
    assessment.approved_by = None
    assessment.save(update_fields=["state", "approved_at", "approved_by", "updated_at"])
    record(
        "review.reopened",
        assessment,
        actor=actor,
        summary=f"{participant.unit_name}: review re-opened ({reason})",
        data={"before": before, "after": after, "reason": reason},
    )
    return assessment


@transaction.atomic(durable=True)
def do_mark_not_submitted(participant: Participant, *, reason: str = "", actor: User) -> Assessment:
    """Close a form the unit did not submit by its deadline: it scores 0, is Yếu and
    ranks after every unit that submitted."""
    participant, assessment = _locked(participant)
    lock = period_lock(participant)
    if lock:
        raise ReviewRefused(lock)
    state = assessment.state if assessment else None
    if state not in (None, AssessmentState.DRAFT):
        raise ReviewRefused(
            _("Only a form that was never submitted can be closed as not submitted.")
        )
    if participant.period.state == PeriodState.SELF_ASSESSMENT and not deadline_passed(participant):
        raise ReviewRefused(_("The unit's deadline has not passed yet: it may still submit."))
    if assessment is None:
        assessment = Assessment.objects.create(participant=participant)
    assessment.state = AssessmentState.NOT_SUBMITTED
    assessment.save(update_fields=["state", "updated_at"])
    record(
        "assessment.not_submitted",
        assessment,
        actor=actor,
        summary=f"{participant.unit_name}: closed as not submitted",
        data={"before": state, "after": AssessmentState.NOT_SUBMITTED, "reason": reason.strip()},
    )
    return assessment


def _communes(period: Period, district: Unit) -> list[Participant]:
    # In Vietnamese order (Lạc Đạo before Lương Tài): the database orders by code point.
    communes = period.participants.filter(reviewer_unit=district).select_related("assessment")
    return sorted(communes, key=lambda participant: vietnamese_sort_key(participant.unit_name))


def forwarding_problems(period: Period, district: Unit) -> list[str]:
    """What stops the district from forwarding: communes whose review is not closed."""
    communes = _communes(period, district)
    if not communes:
        return [_("%(district)s reviews no unit in this period.") % {"district": district.name}]
    problems = []
    for participant in communes:
        assessment = getattr(participant, "assessment", None)
        if assessment is None or assessment.state not in REVIEW_CLOSED:
            state = AssessmentState(assessment.state).label if assessment else _("Not started")
            problems.append(
                _("%(unit)s: %(state)s — approve it, or close it as not submitted.")
                % {"unit": participant.unit_name, "state": state}
            )
    return problems


def _forwarding_events(
    action: str, forwarding: Forwarding, summary: str, data: dict[str, Any], actor: User
) -> None:
    """One event on the forwarding and one on each commune's form (its timeline)."""
    events = [event(action, forwarding, actor=actor, summary=summary, data=data)]
    assessments = Assessment.objects.filter(
        participant__period=forwarding.period, participant__reviewer_unit=forwarding.district
    )
    events += [
        event(action, assessment, actor=actor, summary=summary, data=data)
        for assessment in assessments
    ]
    record_all(events)


def refuse_without_district_review(period: Period) -> None:
    """A two-tier period has no district review: nothing to forward or send back."""
    if not period_shape(period).district_review:
        raise ReviewRefused(
            _(
                "In %(year)s local government has two tiers: the province reviews every "
                "commune and ward directly, and nothing is forwarded."
            )
            % {"year": period.year}
        )


@transaction.atomic(durable=True)
def do_forward(period: Period, district: Unit, *, note: str = "", actor: User) -> Forwarding:
    """The district sends its communes' reviewed results, ranked within the district,
    to the lead agency. After this the district cannot change them unless sent back."""
    period = Period.objects.select_for_update().get(pk=period.pk)
    refuse_without_district_review(period)
    if period.state not in REVIEW_PERIOD_STATES:
        raise ReviewRefused(_("Results can be forwarded only while the period is in review."))
    if standing_forwarding(period, district.pk) is not None:
        raise ReviewRefused(_("These results are already forwarded."))
    problems = forwarding_problems(period, district)
    if problems:
        raise ReviewRefused(
            _("Not every commune's review is closed: %(count)s remain.") % {"count": len(problems)},
            problems,
        )
    codes = period.participants.filter(reviewer_unit=district).values_list("unit_code", flat=True)
    states = dict(
        Assessment.objects.filter(
            participant__period=period, participant__reviewer_unit=district
        ).values_list("participant__unit_code", "state")
    )
    ranking = district_ranking(period, district, {code: states.get(code, "") for code in codes})
    forwarding = Forwarding.objects.create(
        period=period, district=district, forwarded_by=actor, note=note.strip(), ranking=ranking
    )
    _forwarding_events(
        "review.forwarded",
        forwarding,
        f"{district.name}: {len(ranking)} communes forwarded to {lead_agency_for(period)}",
        {"forwarding": forwarding.pk, "district": district.code, "note": forwarding.note},
        actor,
    )
    notify_forwarded(forwarding, actor=actor)
    return forwarding


@transaction.atomic(durable=True)
def do_send_back(forwarding: Forwarding, *, reason: str, actor: User) -> Forwarding:
    """The lead agency returns a district's forwarded results so the district can change them."""
    reason = reason.strip()
    if not reason:
        raise InvalidReviewInput(_("Give the reason for sending the results back."))
    forwarding = (
        Forwarding.objects.select_for_update()
        .select_related("period", "district")
        .get(pk=forwarding.pk)
    )
    refuse_without_district_review(forwarding.period)
    if not forwarding.standing:
        raise ReviewRefused(_("These results were already sent back."))
    if forwarding.period.state not in REVIEW_PERIOD_STATES:
        raise ReviewRefused(_("The results are finalised: they can no longer be sent back."))
    forwarding.sent_back_at = timezone.now()
    forwarding.sent_back_by = actor
    forwarding.sent_back_reason = reason
    forwarding.save(update_fields=["sent_back_at", "sent_back_by", "sent_back_reason"])
    _forwarding_events(
        "review.sent_back",
        forwarding,
        f"{forwarding.district.name}: sent back ({reason})",
        {"forwarding": forwarding.pk, "district": forwarding.district.code, "reason": reason},
        actor,
    )
    notify_sent_back(forwarding, actor=actor)
    return forwarding
