from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["UNIT_BOUND_ROLES", "Role"]


class Role(models.TextChoices):
    """The roles of MISSION.md section 2. A person may hold several."""

    ADMINISTRATOR = "administrator", _("Administrator")
    PROVINCIAL_REVIEWER = "provincial_reviewer", _("Provincial reviewer")
    DISTRICT_REVIEWER = "district_reviewer", _("District reviewer")
    UNIT_OFFICER = "unit_officer", _("Unit officer")
    UNIT_HEAD = "unit_head", _("Unit head")


# These roles act for one unit (a district reviewer for one district); the others for
# the whole province.
UNIT_BOUND_ROLES = frozenset({Role.DISTRICT_REVIEWER, Role.UNIT_OFFICER, Role.UNIT_HEAD})
