"""The inputs of one criterion, an evidence file and an evidence link."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import AnswerInput
from .link_urls import LINK_URL_MAX_LENGTH, validate_link_url
from .sheet import join_ratio

__all__ = ["AnswerForm", "FileForm", "LinkForm"]


class AnswerForm(forms.Form):
    """What the form posts for one criterion. A ratio comes as two figures, anything
    else as one value; both are stored as the text the criterion's rule reads."""

    value = forms.CharField(required=False, max_length=500, strip=True)
    numerator = forms.CharField(required=False, max_length=100)
    denominator = forms.CharField(required=False, max_length=100)
    not_applicable = forms.BooleanField(required=False)
    note = forms.CharField(required=False, max_length=5000, widget=forms.Textarea)
    evidence_explanation = forms.CharField(required=False, max_length=5000)
    revision = forms.IntegerField(min_value=0)

    def entered(self) -> AnswerInput:
        data = self.cleaned_data
        value = data["value"]
        if "numerator" in self.data or "denominator" in self.data:
            value = join_ratio(data["numerator"], data["denominator"])
        return AnswerInput(
            value=value,
            not_applicable=data["not_applicable"],
            note=data["note"].strip(),
            evidence_explanation=data["evidence_explanation"].strip(),
        )


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"), allow_empty_file=True)


class LinkForm(forms.Form):
    number = forms.CharField(label=_("Document number"), max_length=100, required=False)
    date = forms.DateField(label=_("Date"), required=False)
    title = forms.CharField(label=_("Title"), max_length=500)
    url = forms.CharField(
        label=_("Address (URL)"),
        max_length=LINK_URL_MAX_LENGTH,
        required=False,
        validators=[validate_link_url],
        widget=forms.URLInput,
    )
