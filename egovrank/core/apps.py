from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared pieces: settings helpers, the page shell, the home page."""

    name = "egovrank.core"
    verbose_name = _("Core")
