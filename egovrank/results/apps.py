from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "egovrank.results"
    verbose_name = _("Results")

    def ready(self) -> None:
        # The review, a floor below, asks the results through its slots. Imported here
        # because models may not be imported before the app registry is ready.
        from egovrank.review import slots

        from .queries import district_standings, in_correction, standings

        slots.in_correction.plug(in_correction)
        slots.standings.plug(standings)
        slots.district_standings.plug(district_standings)
        # How the results' events read in the histories (core/history.py).
        from . import history_text  # noqa: F401
