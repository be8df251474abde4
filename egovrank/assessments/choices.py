from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AssessmentState"]


class AssessmentState(models.TextChoices):
    """Where a unit's form is. A participant with no assessment yet has not started."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("Under review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
