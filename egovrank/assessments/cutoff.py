"""The units a period's state change would cut off: their form is still being written
and their time (the deadline, an extension, or a return's revision deadline) has not
passed. The period page lists them before the self-assessment closes, and they are told
when it closes anyway (plugged into ``periods.slots``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egovrank.accounts.models import User
from egovrank.notifications.notify import moment, notify
from egovrank.notifications.recipients import unit_people
from egovrank.periods.models import Participant, Period
from egovrank.scoring.collation import vietnamese_sort_key

from .choices import BEING_WRITTEN, AssessmentState
from .models import Assessment

__all__ = ["due_of", "still_has_time", "tell_cut_off"]


def due_of(participant: Participant, assessment: Assessment | None) -> datetime | None:
    """Until when the unit may still change its form: a returned form's revision
    deadline, else the unit's deadline (its extension included)."""
    if assessment is not None and assessment.state == AssessmentState.RETURNED:
        return assessment.revision_due(participant.period)
    return participant.deadline


def still_has_time(period: Period) -> list[Participant]:
    now = timezone.now()
    forms = {
        assessment.participant_id: assessment
        for assessment in Assessment.objects.filter(participant__period=period)
    }
    found = []
    for participant in period.participants.select_related("period"):
        assessment = forms.get(participant.pk)
        if assessment is not None and assessment.state not in BEING_WRITTEN:
            continue
        due = due_of(participant, assessment)
        if due is None or due > now:
            participant.due = due  # type: ignore[attr-defined]  # shown beside the name
            found.append(participant)
    return sorted(found, key=lambda participant: vietnamese_sort_key(participant.unit_name))


def tell_cut_off(
    period: Period, participants: Sequence[Participant], reason: str, actor: User | None
) -> None:
    for participant in participants:
        with translation.override("vi"):
            title = _("The self-assessment for %(year)s was closed before your deadline") % {
                "year": period.year
            }
            due = getattr(participant, "due", None) or participant.deadline
            body = _(
                "Your form can no longer be changed, although your time ran until %(due)s."
            ) % {"due": moment(due) if due else "—"}
            body = f"{body}\n\n{_('Reason: %(reason)s') % {'reason': reason}}"
            notify(
                unit_people(participant.unit_id),
                "cut_off",
                title,
                body,
                reverse("assessments:form", args=[period.year, participant.unit_code]),
                actor=actor,
            )
