"""A yearly evaluation: its criteria-set versions, its participants and its deadlines."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovrank.criteria.models import CriteriaVersion
from egovrank.orgs.models import Block, Unit

from .choices import PeriodState

__all__ = ["Participant", "Period", "PeriodBlock"]


class Period(models.Model):
    """One year's evaluation. Deadlines are moments (stored in UTC, shown in Vietnam
    time); a unit's own deadline may be extended (``Participant.extended_until``)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    state = models.CharField(
        _("state"), max_length=20, choices=PeriodState.choices, default=PeriodState.DRAFT
    )
    self_assessment_deadline = models.DateTimeField(
        _("self-assessment deadline"), null=True, blank=True
    )
    review_deadline = models.DateTimeField(_("review deadline"), null=True, blank=True)
    revision_deadline = models.DateTimeField(_("revision deadline"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    # A past year whose published results were imported from a file (``import_results``),
    # not evaluated here: no forms, no criteria set, only the announced figures.
    imported = models.BooleanField(_("imported"), default=False, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("evaluation period")
        verbose_name_plural = _("evaluation periods")

    def __str__(self) -> str:
        return self.title


class PeriodBlock(models.Model):
    """The criteria-set version a block uses in a period."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="blocks")
    block = models.ForeignKey(Block, verbose_name=_("block"), on_delete=models.PROTECT)
    version = models.ForeignKey(
        CriteriaVersion,
        verbose_name=_("criteria-set version"),
        on_delete=models.PROTECT,
        related_name="period_blocks",
    )

    class Meta:
        ordering = ["block__order", "block__code"]
        constraints = [
            models.UniqueConstraint(fields=["period", "block"], name="one_version_per_block")
        ]
        verbose_name = _("block of a period")
        verbose_name_plural = _("blocks of a period")

    def __str__(self) -> str:
        return f"{self.period} · {self.block}"


class Participant(models.Model):
    """A unit taking part in a period, as it was when the period opened.

    The block, the reviewing unit and the unit's code and name are copied here so
    that later reorganisations (renames, the 2025 two-tier reform) leave the period's
    list as it was. ``reviewer_unit`` is the unit whose reviewers review this one: the
    district for a commune in 2018–2024, the province for everything else.
    """

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    block = models.ForeignKey(Block, verbose_name=_("block"), on_delete=models.PROTECT)
    reviewer_unit = models.ForeignKey(
        Unit, verbose_name=_("reviewed by"), on_delete=models.PROTECT, related_name="+"
    )
    unit_code = models.CharField(_("unit code"), max_length=32)
    unit_name = models.CharField(_("unit name"), max_length=255)
    extended_until = models.DateTimeField(_("extended until"), null=True, blank=True)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Evaluated but not ranked (e.g. no public services to evaluate): scored, given no
    # rank, and left out of the others' ranks; the reason is shown where the rank would be.
    ranked = models.BooleanField(_("ranked"), default=True)
    not_ranked_reason = models.CharField(_("reason for not ranking"), max_length=300, blank=True)

    class Meta:
        ordering = ["block__order", "unit_code"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="unit_once_per_period")
        ]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.unit_name} ({self.period.year})"

    @property
    def deadline(self) -> datetime | None:
        """The self-assessment deadline for this unit, extension included."""
        base = self.period.self_assessment_deadline
        if self.extended_until is None:
            return base
        if base is None:
            return self.extended_until
        return max(base, self.extended_until)
