from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeriodsConfig(AppConfig):
    name = "egovrank.periods"
    verbose_name = _("Evaluation periods")

    def ready(self) -> None:
        # How this app's events read in the pages' histories (core/history.py).
        from . import history_text  # noqa: F401
