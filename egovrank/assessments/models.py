"""A unit's self-assessment for a period: its answers, notes and evidence."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovrank.core.append_only import AppendOnlyModel
from egovrank.periods.models import Participant, Period

from .choices import AssessmentState
from .storage import evidence_storage

__all__ = ["Answer", "Assessment", "EvidenceFile", "EvidenceLink", "Submission"]


class Assessment(models.Model):
    """The form of one participant. It is created by the first save, so a participant
    without one has not started."""

    participant = models.OneToOneField(
        Participant, on_delete=models.PROTECT, related_name="assessment"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=AssessmentState.choices, default=AssessmentState.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set when a reviewer returns the form: the unit may revise it until then.
    revision_deadline = models.DateTimeField(_("revision deadline"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")

    def __str__(self) -> str:
        return str(self.participant)

    def revision_due(self, period: Period) -> datetime | None:
        """Until when a returned form may be revised: its own deadline, set by the
        return, else the period's. (``period`` is passed so lists need no query.)"""
        return self.revision_deadline or period.revision_deadline


class Answer(models.Model):
    """What the unit entered for one criterion.

    ``value`` is the text form the criterion's rule reads (``yes``, ``45/50``, ``B``,
    ``7,5``); empty means not answered. ``revision`` grows with every save and a save
    must name the revision it started from, so two people editing the same criterion
    cannot overwrite each other unseen.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    code = models.CharField(_("criterion"), max_length=50)
    value = models.CharField(_("answer"), max_length=500, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    note = models.TextField(_("note"), blank=True)
    evidence_explanation = models.TextField(
        _("why the evidence is missing"),
        blank=True,
        help_text=_("Required when the criterion needs evidence and none is attached."),
    )
    revision = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "code"], name="one_answer_per_criterion")
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.code}: {self.value}"


def _evidence_path(instance: EvidenceFile, filename: str) -> str:
    # A random name: the stored path says nothing about the unit or the document, and
    # the original name (kept in the row) never reaches the file system.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    period = instance.assessment.participant.period.year
    return f"evidence/{period}/{uuid.uuid4().hex}{suffix}"


class EvidenceFile(models.Model):
    """A file attached to a criterion. Removing it only marks it removed: the file
    stays, so the history can still show what was there."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="files")
    code = models.CharField(_("criterion"), max_length=50)
    file = models.FileField(_("file"), storage=evidence_storage, upload_to=_evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class EvidenceLink(models.Model):
    """A reference to a document published elsewhere (number, date, title, address)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="links")
    code = models.CharField(_("criterion"), max_length=50)
    number = models.CharField(_("document number"), max_length=100, blank=True)
    date = models.DateField(_("document date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    url = models.URLField(_("address (URL)"), max_length=1000, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")

    def __str__(self) -> str:
        return self.title


class Submission(AppendOnlyModel):
    """What the form held each time it was submitted, so a reviewer sees what changed
    since the last submission. Written by ``do_submit`` and never changed."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="submissions")
    number = models.PositiveSmallIntegerField(_("submission"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    submitted_by = models.ForeignKey(  # empty for demo data nobody submitted
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # {code: {"value", "not_applicable", "note", "evidence_explanation",
    #         "files": [[id, name]], "links": [[id, title]]}}
    entries = models.JSONField(default=dict)
    # The declaration the head ticked, in the words shown (empty before it was asked).
    declaration = models.TextField(_("declaration"), blank=True, default="")

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="one_submission_per_number"
            )
        ]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self) -> str:
        return f"{self.assessment} #{self.number}"
