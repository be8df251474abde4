from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "egovrank.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        # drf-spectacular finds the token scheme through this extension's registration.
        from egovrank.accounts.signals import password_changed

        from . import schema  # noqa: F401
        from .actions import revoke_tokens_of

        password_changed.connect(revoke_tokens_of, dispatch_uid="api.revoke_tokens_of")
