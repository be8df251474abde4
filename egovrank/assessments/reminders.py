"""Deadline reminders: a notice and an e-mail to a unit whose form is still not in as
its deadline comes near. Cron runs ``send_deadline_reminders`` (docs/notifications.md).

A reminder goes to the unit's officers and head:

- while the period is open for self-assessment, for a form not started or still a
  draft, against the unit's deadline (its extension included);
- for a form a reviewer returned, against its revision deadline (the form's own, else
  the period's: the one the form locks at), while the period is open or in review.

The steps are "N days before" (7, 3 and 1 by default). Each run sends, per form, only
the nearest step the deadline has come within, once: ``ReminderSent`` remembers the
(participant, deadline, step), so running twice sends nothing new, a run that starts
two days before the deadline sends one reminder (not the 7- and the 3-day one
together), and an extension, being a new deadline, is reminded afresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egovrank.notifications.models import ReminderSent
from egovrank.notifications.notify import moment, notify
from egovrank.notifications.recipients import unit_people
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant

from .choices import AssessmentState
from .models import Assessment

__all__ = ["DEFAULT_DAYS", "Reminder", "Reminders", "send_deadline_reminders"]

DEFAULT_DAYS = (7, 3, 1)

# Notice kinds.
SELF_ASSESSMENT = "reminder"
REVISION = "revision_reminder"


@dataclass(frozen=True)
class Reminder:
    """One reminder: the form, the deadline it is about, the step reached, and the
    people told."""

    participant: Participant
    kind: str
    deadline: datetime
    days_before: int
    people: tuple[Any, ...]


@dataclass
class Reminders:
    """What a run did: the reminders sent (or, in a dry run, those it would send), and
    the forms due a reminder whose unit has nobody with an account to tell (nothing is
    recorded for those, so they are reminded once someone is given the role)."""

    sent: list[Reminder] = field(default_factory=list)
    nobody_to_tell: list[Reminder] = field(default_factory=list)
    dry_run: bool = False

    @property
    def notice_count(self) -> int:
        return sum(len(reminder.people) for reminder in self.sent)


def send_deadline_reminders(
    days: Iterable[int] = DEFAULT_DAYS, *, now: datetime | None = None, dry_run: bool = False
) -> Reminders:
    """Remind every unit whose form is due within one of ``days`` days from ``now``
    and has not been reminded at that step for that deadline."""
    steps = sorted(set(days))
    if not steps or steps[0] < 1:
        raise ValueError("reminder steps are whole numbers of days, at least 1")
    now = now or timezone.now()
    result = Reminders(dry_run=dry_run)
    for participant, kind, deadline, step in _due(steps, now):
        people = tuple(unit_people(participant.unit_id))
        reminder = Reminder(participant, kind, deadline, step, people)
        if not people:
            result.nobody_to_tell.append(reminder)
        elif dry_run or _send(reminder):
            result.sent.append(reminder)
    return result


def _due(steps: list[int], now: datetime) -> list[tuple[Participant, str, datetime, int]]:
    """(participant, kind, deadline, step) for each form due a reminder not yet sent."""
    participants = (
        Participant.objects.filter(
            period__state__in=[PeriodState.SELF_ASSESSMENT, PeriodState.REVIEW]
        )
        .select_related("period")
        .order_by("period__year", "block__order", "unit_code")
    )
    assessments = {
        assessment.participant_id: assessment
        for assessment in Assessment.objects.filter(participant__in=participants).only(
            "participant", "state", "revision_deadline"
        )
    }
    candidates = []
    for participant in participants:
        target = _deadline_of(participant, assessments.get(participant.pk))
        if target is None:
            continue
        kind, deadline = target
        if deadline <= now:
            continue  # past: reminding is over, the form is locked
        step = next((n for n in steps if deadline <= now + timedelta(days=n)), None)
        if step is not None:
            candidates.append((participant, kind, deadline, step))
    sent = set(
        ReminderSent.objects.filter(
            participant__in=[participant for participant, *_rest in candidates]
        ).values_list("participant_id", "deadline", "days_before")
    )
    return [
        candidate
        for candidate in candidates
        if (candidate[0].pk, candidate[2], candidate[3]) not in sent
    ]


def _deadline_of(
    participant: Participant, assessment: Assessment | None
) -> tuple[str, datetime] | None:
    """What the unit still has to hand in, and by when; None when nothing is owed."""
    state = assessment.state if assessment else None
    if state in (None, AssessmentState.DRAFT):
        if participant.period.state != PeriodState.SELF_ASSESSMENT:
            return None  # self-assessment is over: the form can no longer be submitted
        deadline = participant.deadline
        return (SELF_ASSESSMENT, deadline) if deadline else None
    if state == AssessmentState.RETURNED:
        assert assessment is not None
        deadline = assessment.revision_due(participant.period)
        return (REVISION, deadline) if deadline else None
    return None  # submitted, under review or closed


def _send(reminder: Reminder) -> bool:
    """Record and send one reminder; False when another run recorded it meanwhile."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                participant=reminder.participant,
                deadline=reminder.deadline,
                days_before=reminder.days_before,
            )
            title, body = _texts(reminder)
            participant = reminder.participant
            url = reverse("assessments:form", args=[participant.period.year, participant.unit_code])
            notify(reminder.people, reminder.kind, title, body, url, actor=None)
    except IntegrityError:
        return False
    return True


def _texts(reminder: Reminder) -> tuple[str, str]:
    participant = reminder.participant
    values = {
        "unit": participant.unit_name,
        "year": participant.period.year,
        "count": reminder.days_before,
        "deadline": moment(reminder.deadline),
    }
    with translation.override("vi"):
        if reminder.kind == REVISION:
            title = ngettext(
                "Reminder: the revised self-assessment of %(unit)s for %(year)s is due within %(count)d day",
                "Reminder: the revised self-assessment of %(unit)s for %(year)s is due within %(count)d days",
                reminder.days_before,
            )
            body = _(
                "The form was returned for revision and has not been submitted again. The revision deadline is %(deadline)s (Vietnam time); after it the form is locked."
            )
        else:
            title = ngettext(
                "Reminder: the self-assessment of %(unit)s for %(year)s is due within %(count)d day",
                "Reminder: the self-assessment of %(unit)s for %(year)s is due within %(count)d days",
                reminder.days_before,
            )
            body = _(
                "The form has not been submitted yet. The deadline is %(deadline)s (Vietnam time); after it nothing can be submitted unless the administrator extends it. The unit head submits the form."
            )
        return title % values, body % values
