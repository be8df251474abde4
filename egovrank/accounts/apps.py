from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People, their roles, sign-in and its lock-out."""

    name = "egovrank.accounts"
    verbose_name = _("People and roles")

    def ready(self) -> None:
        # How this app's events read in the pages' histories (core/history.py).
        from . import history_text  # noqa: F401
