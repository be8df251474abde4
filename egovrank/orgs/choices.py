from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["TWO_TIER_FROM", "SuccessionKind", "UnitKind"]


# The first year of two-tier local government (districts abolished on 1 July 2025). The
# one place that knows it; a period asks ``periods.rules.period_shape``.
TWO_TIER_FROM = 2025


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    DEPARTMENT = "department", _("Department or agency")
    DISTRICT = "district", _("District People's Committee")
    COMMUNE = "commune", _("Commune People's Committee")


class SuccessionKind(models.TextChoices):
    RENAMED = "renamed", _("Renamed")
    MERGED = "merged", _("Merged into")
    SPLIT = "split", _("Split into")
    REORGANISED = "reorganised", _("Reorganised as")
