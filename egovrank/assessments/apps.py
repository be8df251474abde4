from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "egovrank.assessments"
    verbose_name = _("Self-assessments")

    def ready(self) -> None:
        # Registers how the form's history events read (core/history.py).
        # The periods, a floor below, ask which units a state change would cut off and
        # have them told. Imported here: models may not load before the registry is ready.
        from egovrank.periods import slots

        from . import history_text  # noqa: F401
        from .cutoff import still_has_time, tell_cut_off

        slots.still_has_time.plug(still_has_time)
        slots.tell_cut_off.plug(tell_cut_off)
