from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    """The organisation registry: blocks, units, their hierarchy and their successors."""

    name = "egovrank.orgs"
    verbose_name = _("Units")
