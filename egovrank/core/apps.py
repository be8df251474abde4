from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor every app stands on: settings helpers, the audit trail,
    append-only tables, the roles of the decision and the role guard, the page shell,
    slots (how a lower app asks a higher one). It imports no other egovrank app
    (``tests/test_layers.py`` checks)."""

    name = "egovrank.core"
    verbose_name = _("Core")
