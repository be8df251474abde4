"""Blocks, units and the links between units across reorganisations."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import SuccessionKind, UnitKind

__all__ = ["Block", "Unit", "UnitQuerySet", "UnitSuccession"]


class Block(models.Model):
    """A group of units evaluated and ranked together with one criteria set (Khối 01…).

    Blocks are data, not code: Hưng Yên has three, another province may define others.
    """

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=255, blank=True)
    unit_kind = models.CharField(
        _("kind of its units"),
        max_length=16,
        choices=UnitKind.choices,
        help_text=_("The kind given to a unit of this block when an import leaves it out."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_in(self, year: int) -> UnitQuerySet:
        """Units that exist in ``year`` (open-ended validity counts as valid)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=year),
            Q(valid_until__isnull=True) | Q(valid_until__gte=year),
        )

    def in_list_order(self) -> UnitQuerySet:
        """In the order of the unit list (``list_order``), then by code."""
        return self.order_by(models.F("list_order").asc(nulls_last=True), "code")

    def latest_first(self) -> UnitQuerySet:
        """The unit still in force before those that ended, the latest ending first: an
        official code is reused after a reform, and a bare code means the latest unit."""
        return self.order_by(
            models.F("valid_until").desc(nulls_first=True),
            models.F("valid_from").desc(nulls_last=True),
        )


class Unit(models.Model):
    """A state agency that is evaluated (or that reviews others): a department, a district,
    a commune, or the province itself.

    A unit keeps its code for life. A rename that keeps the code is an edit (each period
    keeps its own copy of the names it used); a merger, split or a rename with a new code
    ends the old unit's validity and links it to its successors.
    """

    # Not unique alone: an official code is reused by a successor after a reform (Phường
    # Phố Hiến 11953 was Phường Hiến Nam 11953); the two are told apart by their years.
    code = models.CharField(_("code"), max_length=32, db_index=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=UnitKind.choices)
    block = models.ForeignKey(
        Block,
        verbose_name=_("block"),
        on_delete=models.PROTECT,
        related_name="units",
        null=True,
        blank=True,
        help_text=_("Empty for a unit that is not evaluated itself, such as the province."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
        help_text=_("A commune's district; a department's or district's province."),
    )
    valid_from = models.PositiveSmallIntegerField(_("valid from (year)"), null=True, blank=True)
    valid_until = models.PositiveSmallIntegerField(_("valid until (year)"), null=True, blank=True)
    # The row the unit was on in the last unit list imported that held it (1, 2, …): the
    # order of tied units for a criteria set with ``tie_order: unit_list``; exports keep it.
    list_order = models.PositiveIntegerField(_("position in the unit list"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="orgs_unit_validity_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="orgs_unit_not_own_parent"
            ),
            # One unit in force per code, and one per code and year of ending.
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_until__isnull=True),
                name="orgs_unit_code_once_in_force",
            ),
            models.UniqueConstraint(
                fields=["code", "valid_until"], name="orgs_unit_code_once_per_ending"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def is_valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_until is None or year <= self.valid_until
        )


class UnitSuccession(models.Model):
    """``successor`` continues (part of) ``predecessor`` from ``year``: how results are
    followed across renames, mergers, splits and the 2025 two-tier reform."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("predecessor"), on_delete=models.CASCADE, related_name="successions"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("successor"), on_delete=models.CASCADE, related_name="predecessions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SuccessionKind.choices)
    year = models.PositiveSmallIntegerField(_("from year"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["year", "predecessor__code"]
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="orgs_succession_once"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="orgs_succession_not_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.code} → {self.successor.code} ({self.year})"
