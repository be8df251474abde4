"""Forms of the results page: the announcing decision, and the reasons of corrections."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["CorrectionForm", "CorrectionPublishForm", "PublishForm"]


class PublishForm(forms.Form):
    """The decision that announces the results: its number, date and signer."""

    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=100,
        help_text=_("As on the decision, for example 123/QĐ-UBND."),
    )
    decision_date = forms.DateField(
        label=_("Decision date"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    signer = forms.CharField(
        label=_("Signed by"),
        max_length=200,
        help_text=_("Name and title of the person who signed the decision."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_publish_%s")
        super().__init__(*args, **kwargs)


class CorrectionPublishForm(PublishForm):
    """The decision that announces corrected results, and why they changed."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public page with the corrected results."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_correction_%s")
        super().__init__(*args, **kwargs)


class CorrectionForm(forms.Form):
    """Re-opening one unit after publication: the reason is kept in its history."""

    reason = forms.CharField(
        label=_("Reason for re-opening"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, unit_code: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_reopen_{unit_code or 'unit'}_%s")
        super().__init__(*args, **kwargs)
        self.unit_code = unit_code
