from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["PeriodState"]


class PeriodState(models.TextChoices):
    """The yearly cycle (docs/domain.md, the yearly cycle). Only the administrator moves a period on."""

    DRAFT = "draft", _("Draft")
    SELF_ASSESSMENT = "self_assessment", _("Open for self-assessment")
    REVIEW = "review", _("In review")
    FINALISED = "finalised", _("Finalised")
    PUBLISHED = "published", _("Published")
