from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "egovrank.assessments"
    verbose_name = _("Self-assessments")

    def ready(self) -> None:
        # Registers how the form's history events read (core/history.py).
        from . import history_text  # noqa: F401
