"""Criteria-set versions kept in the database, one per block and version.

The stored form is the file format's YAML text, the same text ``scoring.fileformat``
reads and writes, so a version exported and imported again is the same set and every
check of the file format applies to edits made in the app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CriteriaVersion"]


class CriteriaVersion(models.Model):
    """One version of a block's criteria set (``hungyen-2018-khoi01``).

    A version used by a period in which any unit has answered is frozen: results
    computed from it must be replayable, so it is never edited again; amending the
    criteria means copying it to a new version.
    """

    set_id = models.SlugField(_("identifier"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    block_code = models.CharField(_("block"), max_length=32, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    source_yaml = models.TextField(_("criteria set (YAML)"))
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Who made the last change, named when someone else's edit is refused as stale.
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped by every edit: a stale edit is refused instead of overwriting another.
    revision = models.PositiveIntegerField(_("revision"), default=1)

    class Meta:
        ordering = ["block_code", "-version", "set_id"]
        verbose_name = _("criteria-set version")
        verbose_name_plural = _("criteria-set versions")

    def __str__(self) -> str:
        return self.title
