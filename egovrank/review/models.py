"""The review of a unit's self-assessment: the reviewer's verdict per criterion, the
comments sent back to the unit, and a district's forwarding of its communes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovrank.assessments.models import Assessment
from egovrank.orgs.models import Unit
from egovrank.periods.models import Period

from .choices import Decision

__all__ = ["Forwarding", "ReviewComment", "RevisionRequest", "Verification"]


class Verification(models.Model):
    """The reviewer's verdict on one criterion of one form.

    Accepted: the unit's answer stands. Adjusted: ``value``/``not_applicable`` replace
    the unit's answer (same text form as ``Answer.value``), ``reason`` says why, and the
    verified points are the scoring core's for that answer. A criterion with no
    verification is accepted when the form is approved. ``seen_value`` and
    ``seen_not_applicable`` keep the unit's answer the reviewer looked at, so a later
    change by the unit shows as "changed since reviewed".
    """

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="verifications"
    )
    code = models.CharField(_("criterion"), max_length=50)
    # Empty once the verdict is cleared: the row stays so its revision keeps counting.
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    value = models.CharField(_("verified answer"), max_length=500, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    seen_value = models.CharField(max_length=500, blank=True)
    seen_not_applicable = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(default=0)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code"], name="one_verification_per_criterion"
            )
        ]
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")

    def __str__(self) -> str:
        return f"{self.code}: {self.decision}"

    @property
    def adjusted(self) -> bool:
        return self.decision == Decision.ADJUSTED


class RevisionRequest(models.Model):
    """One return of a form to its unit for revision, with its deadline."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="revision_requests"
    )
    number = models.PositiveSmallIntegerField(_("return"))
    message = models.TextField(_("message to the unit"), blank=True)
    deadline = models.DateTimeField(_("revision deadline"))
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(_("returned"), auto_now_add=True)

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="one_revision_request_per_number"
            )
        ]
        verbose_name = _("return for revision")
        verbose_name_plural = _("returns for revision")

    def __str__(self) -> str:
        return f"{self.assessment} ↩{self.number}"


class ReviewComment(models.Model):
    """A reviewer's comment on one criterion, for the unit. A comment is a draft the
    reviewer may still change until the form is returned; the return sends every draft
    (``sent_in``), and sent comments never change."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    code = models.CharField(_("criterion"), max_length=50)
    text = models.TextField(_("comment"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(_("written"), auto_now=True)
    sent_in = models.ForeignKey(
        RevisionRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )

    class Meta:
        ordering = ["code", "written_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code"],
                condition=models.Q(sent_in__isnull=True),
                name="one_draft_comment_per_criterion",
            )
        ]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:40]}"


class Forwarding(models.Model):
    """A district's forwarding of its communes' reviewed results, with their ranking
    within the district as it stood, to the lead agency, which may send it back with a
    reason; the district then forwards again (a new row), so every forwarding stays."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="forwardings")
    district = models.ForeignKey(
        Unit, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    forwarded_at = models.DateTimeField(_("forwarded"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)
    # [{"code", "name", "state", "points", "max_points", "percent", "level", "rank"}]
    ranking = models.JSONField(_("ranking within the district"), default=list)
    sent_back_at = models.DateTimeField(_("sent back"), null=True, blank=True)
    sent_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_back_reason = models.TextField(_("reason for sending back"), blank=True)

    class Meta:
        ordering = ["period", "district", "-forwarded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "district"],
                condition=models.Q(sent_back_at__isnull=True),
                name="one_standing_forwarding_per_district",
            )
        ]
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")

    def __str__(self) -> str:
        return f"{self.district} → {self.period.year}"

    @property
    def standing(self) -> bool:
        return self.sent_back_at is None
