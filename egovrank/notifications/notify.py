"""Telling people what happened to a form: a notice in the app for each person
concerned, and the same text by e-mail once the change has committed.

Each function is called by the action that makes the change, inside its transaction,
so a refused or rolled-back change tells nobody. Texts are written in Vietnamese, the
language of the province's officials.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egovrank.accounts.models import User
from egovrank.core.lead_agency import lead_agency_for

from .models import Notice
from .recipients import district_reviewers, province_staff, reviewers_of, unit_people

__all__ = [
    "moment",
    "notify",
    "notify_approved",
    "notify_forwarded",
    "notify_published",
    "notify_returned",
    "notify_sent_back",
    "notify_submitted",
]


logger = logging.getLogger(__name__)


def moment(value: Any) -> str:
    """A deadline as officials write it, in Vietnam time (the site's zone, whatever zone
    the request that triggered the notice had activated): 30/04/2019 17:00."""
    return timezone.localtime(value, timezone.get_default_timezone()).strftime("%d/%m/%Y %H:%M")


def _send(messages: list[tuple[str, str, None, list[str]]]) -> None:
    # The change has committed by now: a mail server that is down must not turn it into
    # an error page, but it must not go unnoticed either.
    try:
        send_mass_mail(messages)
    except Exception:
        logger.exception("could not send %d notification e-mails", len(messages))


def notify(
    people: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    *,
    actor: User | None,
) -> list[Notice]:
    """A notice for each person except the one who acted, and an e-mail to those with
    an address, sent after the transaction commits."""
    actor_pk = getattr(actor, "pk", None)
    recipients = {person.pk: person for person in people if person.pk != actor_pk}
    notices = Notice.objects.bulk_create(
        Notice(recipient=person, kind=kind, title=title[:300], body=body, url=url)
        for person in recipients.values()
    )
    addresses = [person.email for person in recipients.values() if person.email]
    if addresses:
        link = settings.SITE_URL.rstrip("/") + url if url else ""
        text = "\n\n".join(part for part in (body, link) if part)
        subject = " ".join(title.split())  # a line break in a subject is refused
        messages = [(subject, text, None, [address]) for address in addresses]
        transaction.on_commit(lambda: _send(messages))
    return notices


def _form_url(participant: Any) -> str:
    return reverse("assessments:form", args=[participant.period.year, participant.unit_code])


def _review_url(participant: Any) -> str:
    return reverse("review:detail", args=[participant.period.year, participant.unit_code])


def notify_submitted(assessment: Any, *, actor: User) -> list[Notice]:
    participant = assessment.participant
    with translation.override("vi"):
        title = _("%(unit)s submitted its self-assessment for %(year)s") % {
            "unit": participant.unit_name,
            "year": participant.period.year,
        }
        return notify(
            reviewers_of(participant),
            "submitted",
            title,
            _("It is waiting for your review."),
            _review_url(participant),
            actor=actor,
        )


def notify_returned(assessment: Any, request: Any, *, actor: User) -> list[Notice]:
    participant = assessment.participant
    with translation.override("vi"):
        title = _("Your self-assessment for %(year)s was returned for revision") % {
            "year": participant.period.year
        }
        if request.deadline is None:
            body = _("Revise it and submit it again.")
        else:
            body = _("Revise it and submit it again before %(deadline)s.") % {
                "deadline": moment(request.deadline)
            }
        if request.message:
            body = f"{request.message}\n\n{body}"
        return notify(
            unit_people(participant.unit_id),
            "returned",
            title,
            body,
            _form_url(participant),
            actor=actor,
        )


def notify_approved(assessment: Any, *, actor: User) -> list[Notice]:
    participant = assessment.participant
    with translation.override("vi"):
        title = _("The review of your self-assessment for %(year)s is approved") % {
            "year": participant.period.year
        }
        return notify(
            unit_people(participant.unit_id),
            "approved",
            title,
            _("The verified points and the reviewer's reasons are on your form."),
            _form_url(participant),
            actor=actor,
        )


def notify_forwarded(forwarding: Any, *, actor: User) -> list[Notice]:
    with translation.override("vi"):
        title = _("%(district)s forwarded its communes' results for %(year)s") % {
            "district": forwarding.district.name,
            "year": forwarding.period.year,
        }
        url = reverse("review:district", args=[forwarding.period.year, forwarding.district.code])
        return notify(province_staff(), "forwarded", title, forwarding.note, url, actor=actor)


def notify_sent_back(forwarding: Any, *, actor: User) -> list[Notice]:
    with translation.override("vi"):
        title = _("%(agency)s sent back your communes' results for %(year)s") % {
            "year": forwarding.period.year,
            "agency": lead_agency_for(forwarding.period).short_name,
        }
        url = reverse("review:district", args=[forwarding.period.year, forwarding.district.code])
        return notify(
            district_reviewers(forwarding.district_id),
            "sent_back",
            title,
            forwarding.sent_back_reason,
            url,
            actor=actor,
        )


def notify_published(publication: Any, people: Iterable[User], *, actor: User) -> list[Notice]:
    with translation.override("vi"):
        if publication.is_correction:
            title = _("The results for %(year)s were corrected (decision %(number)s)")
        else:
            title = _("The results for %(year)s are published (decision %(number)s)")
        title = title % {
            "year": publication.period.year,
            "number": publication.decision_number,
        }
        url = reverse("results:publication", args=[publication.period.year, publication.number])
        return notify(
            people,
            "corrected" if publication.is_correction else "published",
            title,
            "",
            url,
            actor=actor,
        )
