from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    """Criteria sets: shown to everyone, as the decision makes the form public."""

    name = "egovrank.criteria"
    verbose_name = _("Criteria sets")
