"""The forms of the API tokens pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["TokenNameForm"]


class TokenNameForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, such as “Portal statistics import”."),
    )

    def __init__(self, *args: object, prefix_id: str = "token", **kwargs: object) -> None:
        kwargs.setdefault("auto_id", f"id_{prefix_id}_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
