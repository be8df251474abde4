from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    """The organisation registry: blocks, units, their hierarchy and their successors."""

    name = "egovrank.orgs"
    verbose_name = _("Units")

    def ready(self) -> None:
        # How this app's events read in the pages' histories (core/history.py).
        from . import history_text  # noqa: F401
