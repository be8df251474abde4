from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SuccessionKind", "UnitKind"]


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
