"""Reminding units now, from the deadline dashboard: one unit, or every late unit.

A unit is due a reminder now when it still owes a form whose deadline is ahead, by the
same rule as the scheduled reminders (``reminders._deadline_of``): a form not started
or in draft while the period is open for self-assessment, or a form returned for
revision before its revision deadline. The notice and e-mail are the scheduled
reminder's (its kind and words, "due within N days" counted from now), sent through
``notifications.notify``; each reminder is recorded in the participant's history
(``participant.reminded``, shown in the period's history). A reminder sent now leaves
the schedule alone: the ``ReminderSent`` steps still go out when they come.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from egovrank.accounts.models import User
from egovrank.core.audit import record
from egovrank.notifications.notify import notify
from egovrank.notifications.recipients import people_of_units
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant
from egovrank.scoring.collation import vietnamese_sort_key

from .models import Assessment
from .reminders import Reminder, Reminders, _deadline_of, _texts

__all__ = ["OPEN_STATES", "do_remind_now", "due_now"]

# Only in these period states may a form still be handed in.
OPEN_STATES = (PeriodState.SELF_ASSESSMENT, PeriodState.REVIEW)


def _days_left(deadline: datetime, now: datetime) -> int:
    """Whole days to the deadline, rounded up (at least 1: it is still ahead)."""
    return max(1, math.ceil((deadline - now) / timedelta(days=1)))


def due_now(participants: Iterable[Participant], *, now: datetime | None = None) -> Reminders:
    """The reminders that would go now to these participants (in Vietnamese order of
    their names): ``sent`` those with someone to tell, ``nobody_to_tell`` the others.
    Participants that owe nothing, or whose deadline is past, are left out. Two
    queries."""
    now = now or timezone.now()
    participants = [p for p in participants if p.period.state in OPEN_STATES]
    forms = {
        form.participant_id: form
        for form in Assessment.objects.filter(participant__in=participants).only(
            "participant", "state", "revision_deadline"
        )
    }
    people = people_of_units(p.unit_id for p in participants)
    result = Reminders(dry_run=True)
    for participant in sorted(participants, key=lambda p: vietnamese_sort_key(p.unit_name)):
        target = _deadline_of(participant, forms.get(participant.pk))
        if target is None or target[1] <= now:
            continue
        kind, deadline = target
        told = tuple(people.get(participant.unit_id, ()))
        reminder = Reminder(participant, kind, deadline, _days_left(deadline, now), told)
        (result.sent if told else result.nobody_to_tell).append(reminder)
    return result


@transaction.atomic
def do_remind_now(
    participants: Iterable[Participant], *, actor: User, now: datetime | None = None
) -> Reminders:
    """Send a reminder now to each of ``participants`` that is due one, and record it
    in its history. Returns what was sent and who had nobody to tell."""
    result = due_now(participants, now=now)
    result.dry_run = False
    for reminder in result.sent:
        participant = reminder.participant
        title, body = _texts(reminder)
        url = reverse("assessments:form", args=[participant.period.year, participant.unit_code])
        notify(reminder.people, reminder.kind, title, body, url, actor=actor)
        record(
            "participant.reminded",
            participant,
            actor=actor,
            summary=f"{participant.unit_name}: reminder sent to {len(reminder.people)} people",
            data={
                "unit": participant.unit_name,
                "kind": reminder.kind,
                "deadline": reminder.deadline.isoformat(),
                "people": [person.pk for person in reminder.people],
            },
        )
    return result
