from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Decision"]


class Decision(models.TextChoices):
    """What the reviewer made of one criterion."""

    ACCEPTED = "accepted", _("Accepted")
    ADJUSTED = "adjusted", _("Adjusted")
