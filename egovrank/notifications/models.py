"""Notices shown in the app (and sent by e-mail) when something happens to a form, and
the record of deadline reminders already sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovrank.periods.models import Participant

__all__ = ["Notice", "ReminderSent"]


class Notice(models.Model):
    """One message for one person. The text is written in Vietnamese (or the sender's
    language) when the event happens, as an e-mail would be."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return self.title


class ReminderSent(models.Model):
    """A deadline reminder sent to a participant's unit, so cron running the command
    twice sends it once."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateTimeField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "deadline", "days_before"], name="one_reminder_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.days_before} days before {self.deadline:%Y-%m-%d}"
