from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    name = "egovrank.review"
    verbose_name = _("Review")

    def ready(self) -> None:
        # The self-assessment, a floor below, asks the review through its slots. Imported
        # here because models may not be imported before the app registry is ready.
        from egovrank.assessments import slots

        from .access import hidden_history
        from .queries import unit_review

        slots.form_review.plug(unit_review)
        slots.hidden_history.plug(hidden_history)
        # How the review's events read in the form's history (core/history.py).
        from . import history_text  # noqa: F401
