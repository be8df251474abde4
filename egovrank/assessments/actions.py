"""Every change to a self-assessment: one action each, atomic, with its history entry
written in the same transaction (CONTRIBUTING.md, a change of state).

Saves are checked against the revision the person started from, so two people working
on the same criterion cannot overwrite each other unseen: the later save is refused with
what changed (``StaleAnswer``). Saves on different criteria never conflict.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from egovrank.accounts.models import User
from egovrank.core.archives import archive_refusal
from egovrank.core.audit import record
from egovrank.notifications.notify import notify_submitted
from egovrank.periods.choices import PeriodState
from egovrank.periods.locks import locked_participant
from egovrank.periods.models import Participant
from egovrank.periods.rules import deadline_passed
from egovrank.scoring.fileformat.archives import ArchiveRefused
from egovrank.scoring.tree import CriteriaSet

from .choices import AssessmentState
from .filetypes import detect, safe_name
from .models import Answer, Assessment, EvidenceFile, EvidenceLink, Submission
from .queries import (
    best_for,
    block_figures,
    criteria_set_for,
    entries_and_answer,
    entries_of,
    sheet_for,
    snapshot_of,
)
from .sheet import Entry, Scored, points_of, score_entries

__all__ = [
    "AnswerInput",
    "EnteredElsewhere",
    "DeclarationMissing",
    "EvidenceRefused",
    "FormLocked",
    "Saved",
    "StaleAnswer",
    "SubmissionRefused",
    "do_add_file",
    "do_add_link",
    "do_remove_file",
    "do_remove_link",
    "do_save_answer",
    "do_save_scored",
    "do_submit",
    "do_withdraw",
    "edit_lock",
    "submission_problems",
]


class FormLocked(PermissionError):
    """The form cannot change now; the message says why."""


class SubmissionRefused(ValueError):
    """Submission refused; ``problems`` lists what is missing, for people."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class AnswerInput:
    """Everything the form sends for one criterion."""

    value: str = ""
    not_applicable: bool = False
    note: str = ""
    evidence_explanation: str = ""

    @classmethod
    def of(cls, answer: Answer | None) -> AnswerInput:
        if answer is None:
            return cls()
        return cls(answer.value, answer.not_applicable, answer.note, answer.evidence_explanation)

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "not_applicable": self.not_applicable,
            "note": self.note,
            "evidence_explanation": self.evidence_explanation,
        }


class EnteredElsewhere(FormLocked):
    """A figure or criterion that comes from a system or is measured automatically:
    units cannot type into it; the figures import fills it."""


class DeclarationMissing(SubmissionRefused):
    """The head did not accept the declaration: nothing is submitted without it."""


class EvidenceRefused(ValueError):
    """A file or link refused; the message says why, for people."""


class StaleAnswer(Exception):
    """Someone saved this criterion since the person loaded it."""

    def __init__(self, current: Answer, attempted: AnswerInput) -> None:
        super().__init__(f"{current.code} changed since it was loaded")
        self.current = current
        self.attempted = attempted


def _moment(value: datetime) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def edit_lock(
    participant: Participant, assessment: Assessment | None, now: datetime | None = None
) -> str | None:
    """Why the form is read-only for everyone right now, or None while it is editable."""
    period = participant.period
    if period.state == PeriodState.DRAFT:
        return _("The period is not open for self-assessment yet.")
    if period.state == PeriodState.PUBLISHED:
        return _("The results of this period are published.")
    if period.state == PeriodState.FINALISED:
        return _("The results of this period are finalised.")
    state = assessment.state if assessment else None
    if state == AssessmentState.SUBMITTED:
        assert assessment is not None and assessment.submitted_at is not None
        return _("Submitted on %(when)s: the form is read-only unless a reviewer returns it.") % {
            "when": _moment(assessment.submitted_at)
        }
    if state == AssessmentState.IN_REVIEW:
        return _("The form is under review.")
    if state == AssessmentState.APPROVED:
        return _("The review of this form is approved.")
    if state == AssessmentState.NOT_SUBMITTED:
        return _("The reviewer has closed this form as not submitted.")
    if state == AssessmentState.RETURNED:
        assert assessment is not None
        deadline = assessment.revision_due(period)
        if deadline is not None and (now or timezone.now()) > deadline:
            return _("The revision deadline (%(when)s) has passed.") % {"when": _moment(deadline)}
        return None
    if period.state != PeriodState.SELF_ASSESSMENT:
        return _("Self-assessment is over: the period is in review.")
    return _late(participant, now)


def _late(participant: Participant, now: datetime | None = None) -> str | None:
    """The refusal once the unit's self-assessment deadline (extension included) has
    passed, or None."""
    if not deadline_passed(participant, now):
        return None
    assert participant.deadline is not None
    return _("The self-assessment deadline (%(when)s) has passed.") % {
        "when": _moment(participant.deadline)
    }


def _locked_assessment(participant: Participant) -> tuple[Participant, Assessment]:
    """Lock the participant's row (so two first saves do not both create a form) and
    return its assessment, created on first use."""
    participant = locked_participant(participant)
    assessment, _created = Assessment.objects.get_or_create(participant=participant)
    return participant, assessment


def _refuse_if_locked(participant: Participant, assessment: Assessment) -> None:
    reason = edit_lock(participant, assessment)
    if reason:
        raise FormLocked(reason)


@dataclass(frozen=True)
class Saved:
    """A save's answer and, when the save changed it, the form scored once after it
    (with the criteria set it was scored by): the response shows that score."""

    answer: Answer
    criteria_set: CriteriaSet | None = None
    scored: Scored | None = None


@transaction.atomic(durable=True)
def do_save_answer(
    participant: Participant,
    code: str,
    entered: AnswerInput,
    *,
    revision: int,
    actor: User,
) -> Answer:
    """Save what the unit entered for criterion ``code`` (a draft save: the answer may
    still be incomplete; the form shows what is refused), or for one of the set's shared
    figures. Refuses (``EnteredElsewhere``) what comes from a system or is measured
    automatically."""
    return _save_entered(participant, code, entered, revision=revision, actor=actor).answer


@transaction.atomic(durable=True)
def do_save_scored(
    participant: Participant,
    code: str,
    entered: AnswerInput,
    *,
    revision: int,
    actor: User,
) -> Saved:
    """``do_save_answer``, also handing back the form's score after the save, for the
    page and the API to answer with (a save scores the form once for its new state)."""
    return _save_entered(participant, code, entered, revision=revision, actor=actor)


def _save_entered(
    participant: Participant, code: str, entered: AnswerInput, *, revision: int, actor: User
) -> Saved:
    criteria_set = criteria_set_for(participant)
    origin = criteria_set.get(code) or criteria_set.figure(code)
    if origin is not None and not origin.entered_by_unit:
        raise EnteredElsewhere(origin_refusal(origin.origin, origin.origin_system))
    return _save_answer(
        participant, code, entered, revision=revision, actor=actor, criteria_set=criteria_set
    )


def origin_refusal(origin: str, system: str) -> str:
    """Why a unit cannot type a value: where it comes from instead."""
    if origin == "system":
        return _(
            "This figure comes from %(system)s: it is filled by the figures import, "
            "not typed into the form."
        ) % {"system": system}
    return _(
        "This figure is measured automatically: it is filled by the figures import, "
        "not typed into the form."
    )


def _save_answer(
    participant: Participant,
    code: str,
    entered: AnswerInput,
    *,
    revision: int,
    actor: User | None,
    source: str = "",
    criteria_set: CriteriaSet | None = None,
) -> Saved:
    """``do_save_answer`` without its own transaction, for callers that save many
    answers in one (``figures.do_import_figures``: all or nothing). ``source`` names
    where the value came from when it was not typed into the form; the history keeps it.
    ``criteria_set``: the participant's, when the caller has just read it in the same
    transaction (reading it again after the lock would not lock the version either)."""
    participant, assessment = _locked_assessment(participant)
    _refuse_if_locked(participant, assessment)
    if criteria_set is None:
        criteria_set = criteria_set_for(participant)
    node = criteria_set.get(code)
    if (node is None or not node.is_leaf) and criteria_set.figure(code) is None:
        raise KeyError(code)
    # The participant's lock (taken above by every writer of answers) keeps the answer
    # as read here until the save commits.
    entries, answer = entries_and_answer(assessment, code)
    current_revision = answer.revision if answer else 0
    if current_revision != revision:
        # A revision for a criterion never answered comes from no page of ours, but is
        # answered like any stale save (an empty current answer), not as a crash.
        raise StaleAnswer(answer or Answer(assessment=assessment, code=code), entered)
    before = AnswerInput.of(answer)
    if before == entered:
        assert answer is not None or entered == AnswerInput()
        return Saved(answer if answer is not None else Answer(assessment=assessment, code=code))
    others = block_figures(participant, criteria_set)
    if answer is None:
        answer = Answer(assessment=assessment, code=code)
    answer.value = entered.value[:500]
    answer.not_applicable = entered.not_applicable
    answer.note = entered.note
    answer.evidence_explanation = entered.evidence_explanation
    answer.revision = current_revision + 1
    answer.updated_by = actor
    answer.save()
    kept = entries.get(code, Entry())
    changed = replace(
        kept,
        value=answer.value,
        not_applicable=answer.not_applicable,
        evidence_explanation=answer.evidence_explanation,
    )
    after_entries = {**entries, code: changed}
    after = score_entries(
        criteria_set, after_entries, best_for(criteria_set, others, after_entries)
    )
    points_after = after.points_in(criteria_set, code)
    if changed == kept:
        # Only the note changed: nothing the core reads, so the points stand.
        points_before = points_after
    else:
        before_best = best_for(criteria_set, others, entries)
        points_before = points_of(criteria_set, entries, code, before_best)
    assessment.save(update_fields=["updated_at"])
    record(
        "answer.changed",
        assessment,
        actor=actor,
        summary=f"{code}: {before.value or '—'} → {entered.value or '—'}",
        data={
            "code": code,
            "before": before.as_dict(),
            "after": entered.as_dict(),
            "points_before": str(points_before),
            "points_after": str(points_after),
            "revision": answer.revision,
            **({"source": source} if source else {}),
        },
    )
    return Saved(answer, criteria_set, after)


def _check_code(participant: Participant, code: str) -> None:
    node = criteria_set_for(participant).get(code)
    if node is None or not node.is_leaf:
        raise KeyError(code)


@transaction.atomic(durable=True)
def do_add_file(
    participant: Participant, code: str, upload: UploadedFile[bytes], *, actor: User
) -> EvidenceFile:
    """Attach a file to criterion ``code``, after checking its size and its content."""
    limit = settings.EVIDENCE_MAX_MEGABYTES * 1024 * 1024
    if upload.size is None or upload.size > limit:
        raise EvidenceRefused(
            _("The file is larger than %(max)s MB.") % {"max": settings.EVIDENCE_MAX_MEGABYTES}
        )
    if not upload.size:
        raise EvidenceRefused(_("The file is empty."))
    name = safe_name(upload.name or "")
    assert upload.file is not None  # an upload always has its content
    try:
        kind = detect(upload.file, name)
    except ArchiveRefused as error:
        raise EvidenceRefused(archive_refusal(name, error)) from None
    if kind is None:
        raise EvidenceRefused(
            _(
                "%(name)s is not a PDF, an image, or a Word, Excel or OpenDocument file "
                "(checked by its content)."
            )
            % {"name": name}
        )
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in kind.extensions:
        raise EvidenceRefused(
            _("%(name)s is a %(kind)s file by its content, but its name ends in “%(suffix)s”.")
            % {"name": name, "kind": kind.label, "suffix": suffix or "—"}
        )
    participant, assessment = _locked_assessment(participant)
    _refuse_if_locked(participant, assessment)
    _check_code(participant, code)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    evidence = EvidenceFile(
        assessment=assessment,
        code=code,
        original_name=name,
        content_type=kind.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    evidence.file.save(name, upload, save=False)
    # The stored file is outside the transaction: delete it if the row cannot be saved.
    try:
        evidence.save()
        record(
            "evidence.file_added",
            assessment,
            actor=actor,
            summary=f"{code}: {name}",
            data={"code": code, "file": evidence.pk, "name": name, "sha256": evidence.sha256},
        )
    except Exception:
        if evidence.file.name:  # always, once saved
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def _remove(item: EvidenceFile | EvidenceLink, action: str, name: str, *, actor: User) -> None:
    """Mark a file or link removed (it stays, so the history can still show it)."""
    participant, assessment = _locked_assessment(item.assessment.participant)
    _refuse_if_locked(participant, assessment)
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.removed_at is not None:
        return
    item.removed_at = timezone.now()
    item.removed_by = actor
    item.save(update_fields=["removed_at", "removed_by"])
    record(
        action,
        assessment,
        actor=actor,
        summary=f"{item.code}: {name}",
        data={"code": item.code, "id": item.pk, "name": name},
    )


@transaction.atomic(durable=True)
def do_remove_file(evidence: EvidenceFile, *, actor: User) -> None:
    _remove(evidence, "evidence.file_removed", evidence.original_name, actor=actor)


@transaction.atomic(durable=True)
def do_add_link(
    participant: Participant,
    code: str,
    *,
    title: str,
    number: str = "",
    date: Any = None,
    url: str = "",
    actor: User,
) -> EvidenceLink:
    """Refer to a document published elsewhere (number, date, title, address)."""
    participant, assessment = _locked_assessment(participant)
    _refuse_if_locked(participant, assessment)
    _check_code(participant, code)
    link = EvidenceLink.objects.create(
        assessment=assessment,
        code=code,
        title=title,
        number=number,
        date=date,
        url=url,
        added_by=actor,
    )
    record(
        "evidence.link_added",
        assessment,
        actor=actor,
        summary=f"{code}: {number} {title}".strip(),
        data={
            "code": code,
            "link": link.pk,
            "title": title,
            "number": number,
            "date": date.isoformat() if date else None,
            "url": url,
        },
    )
    return link


@transaction.atomic(durable=True)
def do_remove_link(link: EvidenceLink, *, actor: User) -> None:
    _remove(link, "evidence.link_removed", link.title, actor=actor)


def submission_problems(participant: Participant, assessment: Assessment | None) -> list[str]:
    """What stops the form from being submitted, one line per criterion."""
    criteria_set = criteria_set_for(participant)
    entries = entries_of(assessment)
    sheet = sheet_for(participant, criteria_set, entries, "vi")
    problems = []
    for figure in sheet.refused_figures:
        problems.append(
            _("%(criterion)s: the answer is refused (%(error)s).")
            % {"criterion": f"{figure.code} {figure.figure.name}", "error": figure.error}
        )
    for line in sheet.leaves:
        name = f"{line.code} {line.node.name}"
        if line.error:
            problems.append(
                _("%(criterion)s: the answer is refused (%(error)s).")
                % {"criterion": name, "error": line.error}
            )
        elif line.missing_answer:
            problems.append(_("%(criterion)s: no answer.") % {"criterion": name})
        if line.missing_evidence:
            problems.append(
                _("%(criterion)s: evidence is required; attach it or explain why it is missing.")
                % {"criterion": name}
            )
    return problems


@transaction.atomic(durable=True)
def do_submit(participant: Participant, *, actor: User, declaration: str) -> Assessment:
    """The head submits the form: refused without the declaration (its words, as shown,
    are stored with the submission), with the list of what is missing, or after the
    deadline (extension included)."""
    declaration = declaration.strip()
    if not declaration:
        raise DeclarationMissing(
            _("Tick the declaration that the figures and evidence are true to submit the form.")
        )
    participant, assessment = _locked_assessment(participant)
    reason = edit_lock(participant, assessment)
    if reason:
        raise SubmissionRefused(reason)
    problems = submission_problems(participant, assessment)
    if problems:
        raise SubmissionRefused(
            _("The form cannot be submitted yet: %(count)s things are missing.")
            % {"count": len(problems)},
            problems,
        )
    before = assessment.state
    assessment.state = AssessmentState.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = actor
    assessment.save()
    number = assessment.submissions.count() + 1
    Submission.objects.create(
        assessment=assessment,
        number=number,
        submitted_by=actor,
        entries=snapshot_of(assessment),
        declaration=declaration,
    )
    record(
        "assessment.submitted",
        assessment,
        actor=actor,
        summary=f"{participant.unit_name}: submitted",
        data={
            "before": before,
            "after": assessment.state,
            "submission": number,
            "declaration": declaration,
        },
    )
    notify_submitted(assessment, actor=actor)
    return assessment


@transaction.atomic(durable=True)
def do_withdraw(participant: Participant, *, actor: User) -> Assessment:
    """Take a submitted form back to fix it, which is allowed until review starts and
    while the deadline has not passed."""
    participant, assessment = _locked_assessment(participant)
    if assessment.state != AssessmentState.SUBMITTED:
        raise FormLocked(_("Only a submitted form can be withdrawn."))
    if participant.period.state != PeriodState.SELF_ASSESSMENT:
        raise FormLocked(_("Review has started: the form can no longer be withdrawn."))
    late = _late(participant)
    if late:
        raise FormLocked(late)
    assessment.state = AssessmentState.DRAFT
    assessment.save()
    record(
        "assessment.withdrawn",
        assessment,
        actor=actor,
        summary=f"{participant.unit_name}: submission withdrawn",
        data={"before": AssessmentState.SUBMITTED, "after": AssessmentState.DRAFT},
    )
    return assessment
