"""What the review pages post: a verdict on one criterion, a comment for the unit, a
return with its deadline, and the reasons the other steps ask for. Moments are typed in
Vietnam time, as on the period pages (``periods.forms.moment_field``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egovrank.assessments.sheet import join_ratio
from egovrank.core.lead_agency import LeadAgency
from egovrank.periods.forms import moment_field
from egovrank.periods.models import Period

__all__ = [
    "AdjustForm",
    "CommentForm",
    "FigureAdjustForm",
    "ForwardForm",
    "ReasonForm",
    "ReturnForm",
    "VerdictForm",
    "default_revision_deadline",
]


class VerdictForm(forms.Form):
    """Accept or clear: only the revision of the verdict the page showed."""

    revision = forms.IntegerField(min_value=0)


class AdjustForm(VerdictForm):
    """The verified answer, typed like the unit's (a ratio as two figures), and why."""

    value = forms.CharField(required=False, max_length=500)
    numerator = forms.CharField(required=False, max_length=100)
    denominator = forms.CharField(required=False, max_length=100)
    not_applicable = forms.BooleanField(required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        error_messages={"required": _("Give the reason for the adjustment.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "revision" in data and not data.get("not_applicable") and not self.entered_value():
            raise forms.ValidationError(_("Enter the verified answer."))
        return data

    def entered_value(self) -> str:
        data = self.cleaned_data
        if "numerator" in self.data or "denominator" in self.data:
            return join_ratio(data.get("numerator", ""), data.get("denominator", ""))
        return str(data.get("value", "")).strip()

    def attempted(self) -> dict[str, Any]:
        """What was typed, to show it again next to the refusal."""
        return {
            "value": self.data.get("value", ""),
            "numerator": self.data.get("numerator", ""),
            "denominator": self.data.get("denominator", ""),
            "not_applicable": bool(self.data.get("not_applicable")),
            "reason": self.data.get("reason", ""),
        }

    def problems(self) -> str:
        return " ".join(" ".join(map(str, errors)) for errors in self.errors.values())


class CommentForm(forms.Form):
    """A draft comment for the unit; an empty text deletes the draft."""

    text = forms.CharField(label=_("Comment for the unit"), required=False, max_length=5000)


class ReturnForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the unit"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    deadline = moment_field(_("Revision deadline"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_return_%s")
        super().__init__(*args, **kwargs)


def default_revision_deadline(period: Period, now: datetime | None = None) -> datetime:
    """The period's revision deadline while it is ahead, else a week from now."""
    now = now or timezone.now()
    if period.revision_deadline is not None and period.revision_deadline > now:
        return period.revision_deadline
    return now + timedelta(days=7)


class ReasonForm(forms.Form):
    """A mandatory reason (re-opening, closing as not submitted, sending back)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, prefix_id: str = "reason", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{prefix_id}_%s")
        super().__init__(*args, **kwargs)


class ForwardForm(forms.Form):
    note = forms.CharField(
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, agency: LeadAgency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = _("Note for %(agency)s") % {"agency": agency.short_name}


class FigureAdjustForm(VerdictForm):
    """The verified value of a shared figure, and why."""

    value = forms.CharField(
        max_length=100, error_messages={"required": _("Enter the verified figure.")}
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        error_messages={"required": _("Give the reason for the adjustment.")},
    )

    def attempted(self) -> dict[str, Any]:
        return {"value": self.data.get("value", ""), "reason": self.data.get("reason", "")}

    def problems(self) -> str:
        return " ".join(" ".join(map(str, errors)) for errors in self.errors.values())
