from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: backup and restore, and the operators' result commands. No models."""

    name = "egovrank.ops"
    verbose_name = _("Operations")
