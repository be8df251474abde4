"""Forms of the period pages. Moments are typed in Vietnam time (the site's TIME_ZONE,
which Django's form fields use to read and show them) and stored in UTC."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from egovrank.criteria.models import CriteriaVersion
from egovrank.orgs.models import Block, Unit
from egovrank.scoring.collation import vietnamese_sort_key

from .actions import NEXT_STATES, goes_back
from .choices import PeriodState
from .models import Participant, Period

__all__ = [
    "AddUnitForm",
    "BlockVersionForm",
    "ChangeStateForm",
    "DeadlinesForm",
    "ExtensionForm",
    "PeriodForm",
    "RankingForm",
]

# What <input type="datetime-local"> sends and expects.
LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def moment_field(label: Any, *, required: bool = False) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=[LOCAL_INPUT, "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT),
        help_text=_("Vietnam time (UTC+7)."),
    )


class DeadlinesForm(forms.Form):
    self_assessment_deadline = moment_field(_("Self-assessment deadline"))
    review_deadline = moment_field(_("Review deadline"))
    revision_deadline = moment_field(_("Revision deadline"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_deadlines_%s")
        super().__init__(*args, **kwargs)


class PeriodForm(DeadlinesForm):
    """A new period: its year, title and (optionally, until it opens) deadlines."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("As on the announcing documents."),
    )

    field_order = ["year", "title"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_%s")
        super().__init__(*args, **kwargs)

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if Period.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("A period for %(year)s already exists."), params={"year": year}
            )
        return year


class BlockVersionForm(forms.Form):
    """The criteria-set version one block uses. The versions made for the block come
    first, but any version may be chosen (a province may share a set between blocks)."""

    block = forms.ModelChoiceField(
        queryset=Block.objects.all(), to_field_name="code", widget=forms.HiddenInput
    )
    version = forms.ChoiceField(label=_("Criteria-set version"))

    def __init__(
        self,
        *args: Any,
        block: Block | None = None,
        versions: list[CriteriaVersion] | None = None,
        **kwargs: Any,
    ) -> None:
        code = block.code if block else str((args[0] if args else {}).get("block", ""))
        kwargs.setdefault("auto_id", f"id_version_{code}_%s")
        super().__init__(*args, **kwargs)
        self.block_code = code
        self.versions = {
            version.set_id: version
            for version in (versions if versions is not None else CriteriaVersion.objects.all())
        }
        ours = [v for v in self.versions.values() if v.block_code == code]
        others = [v for v in self.versions.values() if v.block_code != code]
        choices: list[Any] = [("", "—")]
        if ours:
            choices.append((_("Made for this block"), [(v.set_id, _label(v)) for v in ours]))
        if others:
            choices.append((_("Other versions"), [(v.set_id, _label(v)) for v in others]))
        version_field = self.fields["version"]
        assert isinstance(version_field, forms.ChoiceField)
        version_field.choices = choices
        if block is not None:
            self.fields["block"].initial = block.code

    def clean_version(self) -> CriteriaVersion:
        return self.versions[self.cleaned_data["version"]]


def _label(version: CriteriaVersion) -> str:
    return f"{version.set_id} · {version.title}"


class AddUnitForm(forms.Form):
    """One more unit by its code; it must exist in the period's year and have a block."""

    code = forms.CharField(label=_("Unit code"), max_length=32)

    def __init__(self, *args: Any, period: Period, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_add_%s")
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_code(self) -> Unit:
        code = self.cleaned_data["code"].strip()
        # A reused code (after a reform) names two units: the one valid in the period's year.
        units = list(Unit.objects.filter(code=code).latest_first())
        unit = next((u for u in units if u.is_valid_in(self.period.year)), None)
        unit = unit or (units[0] if units else None)
        if unit is None:
            raise forms.ValidationError(_("No unit has the code %(code)s."), params={"code": code})
        if not unit.is_valid_in(self.period.year):
            raise forms.ValidationError(
                _("%(unit)s does not exist in %(year)s."),
                params={"unit": unit.name, "year": self.period.year},
            )
        if unit.block_id is None:
            raise forms.ValidationError(
                _("%(unit)s belongs to no block, so it cannot take part."),
                params={"unit": unit.name},
            )
        if self.period.participants.filter(unit=unit).exists():
            raise forms.ValidationError(
                _("%(unit)s takes part already."), params={"unit": unit.name}
            )
        return unit


class ChangeStateForm(forms.Form):
    """One move of the cycle. Going back needs a reason; going on takes a note."""

    to_state = forms.ChoiceField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, period: Period, to_state: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_state_{to_state or 'move'}_%s")
        super().__init__(*args, **kwargs)
        self.period = period
        self.initial_state = to_state
        moves = NEXT_STATES[period.state]
        to_state_field = self.fields["to_state"]
        assert isinstance(to_state_field, forms.ChoiceField)
        to_state_field.choices = [(s, PeriodState(s).label) for s in moves]
        self.fields["to_state"].initial = to_state
        self.going_back = to_state in moves and goes_back(period.state, to_state)
        if self.going_back:
            self.fields["reason"].label = _("Reason for going back")
            self.fields["reason"].required = True

    @property
    def target_label(self) -> str:
        return str(PeriodState(self.fields["to_state"].initial).label)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        to_state = data.get("to_state")
        if (
            to_state
            and goes_back(self.period.state, to_state)
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", _("Give the reason for going back."))
        return data


class ExtensionForm(forms.Form):
    """More time for one participant to self-assess, with the reason."""

    participant = forms.ChoiceField(label=_("Unit"))
    until = moment_field(_("New deadline"), required=True)
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, period: Period, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_extend_%s")
        super().__init__(*args, **kwargs)
        self.period = period
        participants = sorted(
            period.participants.select_related("block"),
            key=lambda p: (p.block.order, p.block.code, vietnamese_sort_key(p.unit_name)),
        )
        self.participants = {str(p.pk): p for p in participants}
        groups: dict[str, list[tuple[str, str]]] = {}
        for participant in participants:
            groups.setdefault(participant.block.name, []).append(
                (str(participant.pk), f"{participant.unit_name} ({participant.unit_code})")
            )
        participant_field = self.fields["participant"]
        assert isinstance(participant_field, forms.ChoiceField)
        participant_field.choices = [("", "—"), *groups.items()]

    def clean_participant(self) -> Participant:
        return self.participants[self.cleaned_data["participant"]]

    def clean_until(self) -> Any:
        until = self.cleaned_data["until"]
        deadline = self.period.self_assessment_deadline
        if deadline is not None and until <= deadline:
            raise forms.ValidationError(
                _("An extension must end after the period's deadline (%(deadline)s)."),
                params={"deadline": formats.date_format(timezone.localtime(deadline), "d/m/Y H:i")},
            )
        return until

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the extension."))
        return reason


class RankingForm(ExtensionForm):
    """Rank a unit, or evaluate it without a rank (with the reason shown where its rank
    would be)."""

    until = None  # type: ignore[assignment]
    ranked = forms.TypedChoiceField(
        label=_("Ranking"),
        choices=[("1", _("Ranked")), ("0", _("Evaluated, not ranked"))],
        coerce=lambda value: value == "1",
        initial="0",
    )
    reason = forms.CharField(
        label=_("Reason for not ranking"),
        max_length=300,
        required=False,
        help_text=_("Shown wherever the rank would be, e.g. “no public services to evaluate”."),
    )

    def __init__(self, *args: Any, period: Period, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_ranking_%s")
        super().__init__(*args, period=period, **kwargs)
        # Its own label: the extension form on the same page asks for a "Unit" too.
        self.fields["participant"].label = _("Unit ranked or not")

    def clean_reason(self) -> str:
        return str(self.cleaned_data["reason"]).strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ranked") is False and not data.get("reason"):
            self.add_error("reason", _("Give the reason why the unit is not ranked."))
        return data
