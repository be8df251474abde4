from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontConfig(AppConfig):
    """The top floor: the front page, each person's workspace and the menu, which link
    to every other app's pages."""

    name = "egovrank.front"
    verbose_name = _("Front")
