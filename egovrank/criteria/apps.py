from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    """Criteria sets: shown to everyone, as the decision makes the form public."""

    name = "egovrank.criteria"
    verbose_name = _("Criteria sets")

    def ready(self) -> None:
        # How this app's events read in the pages' histories (core/history.py).
        from . import history_text  # noqa: F401
