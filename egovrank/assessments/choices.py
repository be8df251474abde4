from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AWAITING_REVIEW",
    "BEING_WRITTEN",
    "COUNTED_STATES",
    "REVIEW_CLOSED",
    "AssessmentState",
]


class AssessmentState(models.TextChoices):
    """Where a unit's form is. A participant with no assessment yet has not started."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("Under review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    # Closed by the reviewer after the deadline: scores 0, Yếu, ranked after every
    # unit that submitted (docs/domain.md).
    NOT_SUBMITTED = "not_submitted", _("Not submitted")


# Forms the unit is still writing: a draft, or returned to it for revision.
BEING_WRITTEN = (AssessmentState.DRAFT, AssessmentState.RETURNED)
# Forms a reviewer has in hand: submitted and not yet approved or returned.
AWAITING_REVIEW = (AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW)
# Forms handed in, which count: their figures set a block's best in relative-to-best
# criteria, the results score them (a preview until approved), the dashboard shows them
# as submitted.
COUNTED_STATES = (*AWAITING_REVIEW, AssessmentState.APPROVED)
# Forms the review has closed.
REVIEW_CLOSED = (AssessmentState.APPROVED, AssessmentState.NOT_SUBMITTED)
