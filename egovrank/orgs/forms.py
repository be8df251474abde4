"""Forms of the unit pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import SuccessionKind
from .models import Unit

__all__ = ["SuccessionForm", "UnitFileForm"]


class UnitFileForm(forms.Form):
    file = forms.FileField(
        label=_("Unit list (.csv or .xlsx)"),
        help_text=_(
            "Columns: code, name, short_name, block, kind, parent, valid_from, valid_until."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, change nothing"), required=False)


class SuccessionForm(forms.Form):
    """Link a unit to the unit that continues it after a reorganisation."""

    successor = forms.CharField(label=_("Successor's code"), max_length=32)
    kind = forms.ChoiceField(label=_("What happened"), choices=SuccessionKind.choices)
    year = forms.IntegerField(label=_("From year"), min_value=1945, max_value=2100)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: Any, predecessor: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.predecessor = predecessor

    def clean_successor(self) -> Unit:
        code = self.cleaned_data["successor"].strip()
        successor = Unit.objects.filter(code=code).latest_first().first()
        if successor is None:
            raise forms.ValidationError(_("No unit has the code %(code)s."), params={"code": code})
        if successor == self.predecessor:
            raise forms.ValidationError(_("A unit cannot succeed itself."))
        if self.predecessor.successions.filter(successor=successor).exists():
            raise forms.ValidationError(_("This link is recorded already."))
        return successor
