"""Published results: one immutable snapshot per publication, and the corrections that
re-open a unit after publication."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovrank.core.append_only import AppendOnlyModel
from egovrank.periods.models import Participant, Period

__all__ = ["Correction", "Publication", "PublishedResult"]


class Publication(AppendOnlyModel):
    """One announcement of a period's results, under a decision. The first is number 1;
    each correction publishes the next number, and every earlier one stays readable."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="publications")
    number = models.PositiveSmallIntegerField(_("publication"))
    decision_number = models.CharField(_("decision number"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    signer = models.CharField(_("signed by"), max_length=200)
    # Empty for the first publication; for a correction, why the results changed.
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    # {block code: {"name", "set_id", "version", "levels": [[code, name, min %]],
    #               "groups": [[code, name, max]]}}
    blocks = models.JSONField(default=dict)

    class Meta:
        ordering = ["period", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["period", "number"], name="one_publication_per_number")
        ]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.period.year} #{self.number} ({self.decision_number})"

    @property
    def is_correction(self) -> bool:
        return self.number > 1


class PointsField(models.DecimalField):  # type: ignore[type-arg]  # generic only in the stubs
    """Points with up to three places, read back as written: a two-place figure
    (``283.12``) stays two-place, as sets without ``scoring.points_decimals: 3`` give them,
    rather than coming back as ``283.120``."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if isinstance(value, Decimal) and value == value.quantize(_CENTS):
            return value.quantize(_CENTS)
        return value


_CENTS = Decimal("0.01")


class PercentField(models.DecimalField):  # type: ignore[type-arg]  # generic only in the stubs
    """A percentage with up to six places (``scoring.percent_decimals``), read back with
    at least two: a two-place figure (``82.60``) stays two-place, as sets without the
    field give it. Trailing zeros beyond two are not kept: pages and downloads show it
    with the block's places (``results.queries.shown_percent``)."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if not isinstance(value, Decimal):
            return value
        if value == value.quantize(_CENTS):
            return value.quantize(_CENTS)
        return value.normalize()


class PublishedResult(AppendOnlyModel):
    """One unit's published result: what the ranking table and the unit's public page
    show, copied so that later changes to units, criteria or reviews leave it as
    announced."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="results")
    block_code = models.CharField(_("block"), max_length=16)
    unit_code = models.CharField(_("unit code"), max_length=32)
    unit_name = models.CharField(_("unit name"), max_length=255)
    unit_id = models.PositiveIntegerField()  # orgs.Unit, for links across years
    district_code = models.CharField(max_length=32, blank=True)
    district_name = models.CharField(_("district"), max_length=255, blank=True)
    submitted = models.BooleanField(_("submitted"))
    rank = models.PositiveIntegerField(_("rank"), null=True)
    rank_in_district = models.PositiveIntegerField(_("rank in the district"), null=True)
    # Three places: a set may give points with up to three (``scoring.points_decimals``).
    points = PointsField(_("points"), max_digits=13, decimal_places=3)
    max_points = PointsField(_("maximum"), max_digits=13, decimal_places=3)
    # The exact share as a fraction, and the percentage shown (the set's places and mode;
    # by default half up, 2 places).
    share_numerator = models.BigIntegerField()
    share_denominator = models.BigIntegerField()
    percent = PercentField(_("share (%)"), max_digits=10, decimal_places=6)
    level_code = models.CharField(_("level"), max_length=20)
    level_name = models.CharField(_("level"), max_length=50)
    # Both blank in an index that only ranks (a set with ``levels: []``).
    level_name_en = models.CharField(_("level (English)"), max_length=50, blank=True, default="")
    # A unit evaluated but not ranked: no rank, and why (shown where the rank would be).
    not_ranked_reason = models.CharField(
        _("reason for not ranking"), max_length=300, blank=True, default=""
    )
    self_points = PointsField(_("self-assessed points"), max_digits=13, decimal_places=3, null=True)
    # The converted score (exact share × the set's ``converted_scale``, rounded like
    # points); null when the set names no scale.
    converted = PointsField(_("converted score"), max_digits=13, decimal_places=3, null=True)
    # {node code: [points, max points, status]} for every node, as strings.
    nodes = models.JSONField(default=dict)

    class Meta:
        ordering = ["publication", "block_code", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "unit_code"], name="one_result_per_unit_and_publication"
            )
        ]
        indexes = [models.Index(fields=["publication", "block_code"])]
        verbose_name = _("published result")
        verbose_name_plural = _("published results")

    def __str__(self) -> str:
        return f"{self.unit_name}: {self.points}"


class Correction(models.Model):
    """The re-opening of one unit after publication, with its reason. It closes when a
    publication carries it (``published_in``)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="corrections"
    )
    reason = models.TextField(_("reason"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    published_in = models.ForeignKey(
        Publication, null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(published_in__isnull=True),
                name="one_open_correction_per_participant",
            )
        ]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.participant}: {self.reason[:40]}"

    @property
    def open(self) -> bool:
        return self.published_in_id is None
