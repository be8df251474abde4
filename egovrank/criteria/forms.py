"""Forms of the criteria pages. They only read what a person typed into plain data in
the file format's shape; whether the edited set is valid is the file format's check,
made by the action."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egovrank.scoring import rules
from egovrank.scoring.numbers import NumberFormatError, parse_decimal

from .documents import LEGAL_KEYS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "CompareForm",
    "CopyForm",
    "GroupForm",
    "ImportForm",
    "LevelForm",
    "LevelFormSet",
    "MetaForm",
    "NodeForm",
    "ReparentForm",
    "RevisionForm",
    "StepForm",
    "number_text",
]

# The editor's choice of kind and the fields each kind shows come from the kinds
# themselves (``Rule.title``, ``Rule.parameters``): a new kind needs nothing here but a
# field for a parameter no kind had before.
RULE_KINDS = [
    ("", _("none: a group, whose points are the sum of its sub-criteria")),
    *((kind, _(rule.title)) for kind, rule in rules.RULE_KINDS.items()),
]
KIND_PARAMETERS: dict[str, tuple[str, ...]] = {
    kind: rule.parameters for kind, rule in rules.RULE_KINDS.items()
}
STATUSES = [
    ("", _("not stated")),
    ("official", _("official text")),
    ("read", _("read in a public source")),
    ("derived", _("derived from public sources")),
    ("inferred", _("inferred (to be replaced by the official text)")),
]


def number_text(value: Any) -> str:
    """A number as a person would type it back (``7.5``, ``10``); empty for None."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    return format(number.normalize() if number == number.to_integral_value() else number, "f")


class NumberField(forms.CharField):
    """A number typed as ``7``, ``7.5`` or ``7,5``, read exactly as a Decimal."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_decimal(text)
        except NumberFormatError:
            raise forms.ValidationError(
                _("Enter a number, such as 10 or 7,5."), code="invalid"
            ) from None


class RevisionForm(forms.Form):
    """The revision the page showed; an edit made from an older one is refused."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Criteria set (.yaml or .xlsx)"),
        help_text=_(
            "A file in the criteria-set format, as the YAML or Excel download of a set. "
            "Its identifier must be new."
        ),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, save nothing"), required=False)


class CopyForm(forms.Form):
    set_id = forms.SlugField(
        label=_("New identifier"),
        max_length=100,
        help_text=_("Lower-case letters, digits and hyphens, e.g. hungyen-2021-khoi01."),
    )
    version_label = forms.CharField(label=_("Version"), max_length=50, required=False)
    title = forms.CharField(label=_("Title"), max_length=300)


def _lines(text: str) -> list[tuple[int, list[str]]]:
    return [
        (number, [part.strip() for part in line.split("|")])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def _parsed(text: str, field: StrOrPromise, line: int) -> Decimal:
    try:
        return parse_decimal(text)
    except NumberFormatError:
        raise forms.ValidationError(
            _("Line %(line)s: %(text)s is not a number (%(field)s)."),
            params={"line": line, "text": repr(text), "field": field},
        ) from None


class NodeForm(RevisionForm):
    """One group, criterion or sub-criterion: what it is and how it gives points."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("Unique in the set: letters, digits, dots, hyphens, e.g. HT1.2."),
    )
    name = forms.CharField(label=_("Name"), widget=forms.Textarea(attrs={"rows": 2}))
    name_en = forms.CharField(label=_("Name in English"), required=False)
    max_points = NumberField(
        label=_("Maximum points"),
        required=False,
        help_text=_(
            "Needed by a criterion (0 for information). For a group it is a cap and may be "
            "left empty: the group then counts the sum of its sub-criteria."
        ),
    )
    allow_na = forms.BooleanField(label=_("May not apply to a unit"), required=False)
    # Editing a node whose group has a maximum: both change in one save, so lowering a
    # criterion does not need the group lowered first (the set is checked as a whole).
    parent_max_points = NumberField(label=_("Maximum of its group"), required=False)
    required = forms.BooleanField(
        label=_("An answer is needed before submitting"), required=False, initial=True
    )
    evidence_required = forms.BooleanField(label=_("Evidence is required"), required=False)
    evidence_documents = forms.CharField(
        label=_("Evidence documents"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    guidance = forms.CharField(
        label=_("Guidance for the unit"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label=_("Where the text comes from"), choices=STATUSES, required=False
    )
    rule_kind = forms.ChoiceField(
        label=_("How points are given"), choices=RULE_KINDS, required=False
    )
    rule_yes_points = NumberField(
        label=_("Points for yes"), required=False, help_text=_("yes / no; the maximum if empty")
    )
    rule_no_points = NumberField(
        label=_("Points for no"), required=False, help_text=_("yes / no; 0 if empty")
    )
    rule_step = NumberField(
        label=_("Step"), required=False, help_text=_("points entered by hand; 0.01 if empty")
    )
    rule_mode = forms.ChoiceField(
        label=_("Mode"),
        required=False,
        choices=[
            ("", "—"),
            ("proportional", _("proportional (ratio)")),
            ("bands", _("bands (ratio or count)")),
            ("per_item", _("points per item (count)")),
        ],
    )
    rule_numerator = forms.CharField(
        label=_("Numerator"), required=False, help_text=_("ratio; relative to the best, as a ratio")
    )
    rule_denominator = forms.CharField(
        label=_("Denominator"),
        required=False,
        help_text=_("ratio; relative to the best, as a ratio"),
    )
    rule_numerator_figure = forms.CharField(
        label=_("Shared numerator"),
        required=False,
        help_text=_("ratio: the code of a shared figure used as the numerator"),
    )
    rule_denominator_figure = forms.CharField(
        label=_("Shared denominator"),
        required=False,
        help_text=_("ratio: the code of a shared figure used as the denominator"),
    )
    rule_label = forms.CharField(
        label=_("What is counted or entered"),
        required=False,
        help_text=_("count, deduction, relative to the best, information"),
    )
    rule_bands = forms.CharField(
        label=_("Bands"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One band per line, lowest first: threshold | points, e.g. 80 | 9. A ratio's "
            "thresholds are percentages."
        ),
    )
    rule_options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One option per line: code | points | text, e.g. A | 10 | Fully done."),
    )
    rule_per_item = NumberField(
        label=_("Points per item"), required=False, help_text=_("count per item; deduction")
    )
    rule_zero_denominator = forms.ChoiceField(
        label=_("When the denominator is 0"),
        required=False,
        choices=[
            ("", "—"),
            ("error", _("refuse the answer")),
            ("zero", _("0 points")),
            ("full", _("full points")),
            ("not_applicable", _("not applicable")),
        ],
    )
    rule_input = forms.ChoiceField(
        label=_("Figure entered"),
        required=False,
        choices=[("", "—"), ("figure", _("one figure")), ("ratio", _("a ratio of two figures"))],
        help_text=_("relative to the best"),
    )
    rule_value_type = forms.ChoiceField(
        label=_("Kind of information"),
        required=False,
        choices=[("", "—"), ("text", _("text")), ("number", _("number"))],
    )

    NODE_FIELDS = (
        "code",
        "name",
        "name_en",
        "max_points",
        "allow_na",
        "required",
        "evidence_required",
        "evidence_documents",
        "guidance",
        "status",
    )

    @classmethod
    def initial_of(cls, node: dict[str, Any], revision: int) -> dict[str, Any]:
        """The form's values for a node of a set's document."""
        evidence = node.get("evidence", {})
        rule = node.get("rule", {})
        initial: dict[str, Any] = {
            "revision": revision,
            "code": node.get("code", ""),
            "name": node.get("name", ""),
            "name_en": node.get("name_en", ""),
            "max_points": number_text(node.get("max_points")),
            "allow_na": node.get("allow_na", False),
            "required": node.get("required", True),
            "evidence_required": evidence.get("required", False),
            "evidence_documents": evidence.get("documents", ""),
            "guidance": node.get("guidance", ""),
            "status": node.get("status", ""),
            "rule_kind": rule.get("kind", ""),
        }
        for key in ("yes_points", "no_points", "step", "per_item"):
            initial[f"rule_{key}"] = number_text(rule.get(key))
        for key in (
            "mode",
            "numerator",
            "denominator",
            "numerator_figure",
            "denominator_figure",
            "label",
            "zero_denominator",
        ):
            initial[f"rule_{key}"] = rule.get(key, "")
        initial["rule_input"] = rule.get("input", "")
        initial["rule_value_type"] = rule.get("value_type", "")
        initial["rule_bands"] = "\n".join(
            f"{number_text(b['at_least'])} | {number_text(b['points'])}"
            for b in rule.get("bands", [])
        )
        initial["rule_options"] = "\n".join(
            f"{o['code']} | {number_text(o['points'])} | {o['label']}"
            for o in rule.get("options", [])
        )
        return initial

    def clean_rule_bands(self) -> list[dict[str, Decimal]]:
        bands = []
        for line, parts in _lines(self.cleaned_data["rule_bands"]):
            if len(parts) != 2:
                raise forms.ValidationError(
                    _("Line %(line)s: write a band as threshold | points, e.g. 80 | 9."),
                    params={"line": line},
                )
            bands.append(
                {
                    "at_least": _parsed(parts[0], _("threshold"), line),
                    "points": _parsed(parts[1], _("points"), line),
                }
            )
        return bands

    def clean_rule_options(self) -> list[dict[str, Any]]:
        options = []
        for line, parts in _lines(self.cleaned_data["rule_options"]):
            if len(parts) < 3 or not parts[0] or not parts[2]:
                raise forms.ValidationError(
                    _(
                        "Line %(line)s: write an option as code | points | text, e.g. A | 10 | Done."
                    ),
                    params={"line": line},
                )
            options.append(
                {
                    "code": parts[0],
                    "label": " | ".join(parts[2:]),
                    "points": _parsed(parts[1], _("points"), line),
                }
            )
        return options

    def rule(self) -> dict[str, Any] | None:
        """The rule in the file format's shape, with only the parameters of its kind."""
        data = self.cleaned_data
        kind = data.get("rule_kind")
        if not kind:
            return None
        rule: dict[str, Any] = {"kind": kind}
        for key in KIND_PARAMETERS[kind]:
            value = data.get(f"rule_{key}")
            if value is None or value == "" or value == []:
                continue
            if kind == "count" and key in ("bands", "per_item"):
                # Only the chosen mode's parameter: the other would be dropped silently.
                wanted = "bands" if data.get("rule_mode") != "per_item" else "per_item"
                if key != wanted:
                    continue
            rule[key] = value
        return rule

    def node_values(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The node's fields and its evidence, as ``documents.ChangeNode`` takes them."""
        data = self.cleaned_data
        values = {
            "code": data["code"].strip(),
            "name": data["name"].strip(),
            "name_en": data["name_en"].strip(),
            "max_points": data["max_points"],
            "rule": self.rule(),
            "allow_na": data["allow_na"],
            "required": data["required"],
            "guidance": data["guidance"].strip(),
            "status": data["status"],
        }
        evidence = {
            "required": data["evidence_required"],
            "documents": data["evidence_documents"].strip(),
        }
        return values, evidence

    def new_node(self) -> dict[str, Any]:
        """A new node in the file format's shape."""
        values, evidence = self.node_values()
        node: dict[str, Any] = {
            key: value
            for key, value in values.items()
            if value is not None and value != "" and value is not False
        }
        if values["required"]:
            node.pop("required")
        else:
            node["required"] = False
        evidence = {key: value for key, value in evidence.items() if value}
        if evidence:
            node["evidence"] = evidence
        return node

    def node_fields(self) -> list[forms.BoundField]:
        names = [*self.NODE_FIELDS]
        if "parent_max_points" in self.fields:  # only when editing under a capped group
            names.insert(names.index("max_points") + 1, "parent_max_points")
        return [self[name] for name in names]

    def chosen_kind(self) -> str:
        """The rule kind as posted, else as the node has it."""
        if self.is_bound:
            return str(self.data.get(self.add_prefix("rule_kind"), ""))
        return str(self.initial.get("rule_kind", ""))

    def rule_fields(self) -> list[forms.BoundField]:
        """The kind, then only the fields the chosen kind takes (the others are not
        part of its rule; showing all fifteen hid which ones matter)."""
        wanted = {f"rule_{key}" for key in KIND_PARAMETERS.get(self.chosen_kind(), ())}
        if self.is_bound:  # a refusal placed on another field must still be seen
            wanted |= {name for name in self.errors if name.startswith("rule_")}
        return [self["rule_kind"], *(self[name] for name in self.fields if name in wanted)]

    # Where a problem of the file format belongs on this form, by the path under the
    # node (``("rule", "bands", 1, "points")`` -> ``rule_bands``).
    def field_for(self, path: tuple[str | int, ...]) -> str | None:
        if not path:
            return None
        head = path[0]
        if head == "rule":
            if len(path) == 1:
                return "rule_kind"
            name = f"rule_{path[1]}"
            return name if name in self.fields else "rule_kind"
        if head == "evidence":
            if len(path) > 1 and path[1] == "documents":
                return "evidence_documents"
            return "evidence_required"
        return str(head) if head in self.fields else None


class GroupForm(forms.Form):
    """A new top-level group; its first criterion comes from a ``NodeForm``."""

    code = forms.CharField(label=_("Group code"), max_length=40)
    name = forms.CharField(label=_("Group name"))
    max_points = NumberField(
        label=_("Group maximum"),
        required=False,
        help_text=_("A cap; empty: the sum of its criteria."),
    )

    def new_group(self, first: dict[str, Any]) -> dict[str, Any]:
        data = self.cleaned_data
        group: dict[str, Any] = {"code": data["code"].strip(), "name": data["name"].strip()}
        if data["max_points"] is not None:
            group["max_points"] = data["max_points"]
        group["children"] = [first]
        return group

    def field_for(self, path: tuple[str | int, ...]) -> str | None:
        return str(path[0]) if path and path[0] in self.fields else None


class StepForm(RevisionForm):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


class ReparentForm(RevisionForm):
    parent = forms.ChoiceField(label=_("New place"), required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent_field = self.fields["parent"]
        assert isinstance(parent_field, forms.ChoiceField)
        parent_field.choices = [("", _("the top level (a group)")), *choices]


class MetaForm(RevisionForm):
    """The set's description (its identifier stays)."""

    title = forms.CharField(label=_("Title"), max_length=300)
    version = forms.CharField(label=_("Version"), max_length=50, required=False)
    province = forms.CharField(label=_("Province"), required=False)
    block_code = forms.CharField(label=_("Block code"), max_length=32, required=False)
    block_name = forms.CharField(label=_("Block name"), required=False)
    valid_from = forms.IntegerField(label=_("First evaluation year it applies to"), required=False)
    legal_number = forms.CharField(label=_("Decision number"), required=False)
    legal_date = forms.CharField(
        label=_("Decision date"), required=False, help_text=_("As YYYY-MM-DD, e.g. 2018-11-13.")
    )
    legal_issuer = forms.CharField(label=_("Issued by"), required=False)
    legal_signer = forms.CharField(label=_("Signed by"), required=False)
    reconstructed = forms.BooleanField(
        label=_("Reconstructed: parts are not from the official text"), required=False
    )
    provenance = forms.CharField(
        label=_("Provenance"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    sources = forms.CharField(
        label=_("Sources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One source per line."),
    )

    @classmethod
    def initial_of(cls, document: dict[str, Any], revision: int) -> dict[str, Any]:
        block = document.get("block", {})
        legal = document.get("legal_basis", {})
        return {
            "revision": revision,
            "title": document.get("title", ""),
            "version": document.get("version", ""),
            "province": document.get("province", ""),
            "block_code": block.get("code", ""),
            "block_name": block.get("name", ""),
            "valid_from": document.get("valid_from"),
            **{f"legal_{key}": legal.get(key, "") for key in LEGAL_KEYS},
            "reconstructed": document.get("reconstructed", False),
            "provenance": document.get("provenance", ""),
            "sources": "\n".join(document.get("sources", [])),
        }

    def meta_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "version": data["version"].strip(),
            "province": data["province"].strip(),
            "block_code": data["block_code"].strip(),
            "block_name": data["block_name"].strip(),
            "valid_from": data["valid_from"],
            "legal": {key: data[f"legal_{key}"].strip() for key in LEGAL_KEYS},
            "reconstructed": data["reconstructed"],
            "provenance": data["provenance"].strip(),
            "sources": [line.strip() for line in data["sources"].splitlines() if line.strip()],
        }

    def field_for(self, path: tuple[str | int, ...]) -> str | None:
        if not path:
            return None
        head = str(path[0])
        if head in ("block", "legal_basis") and len(path) > 1:
            prefix = "block" if head == "block" else "legal"
            name = f"{prefix}_{path[1]}"
            return name if name in self.fields else None
        if head == "block":
            return "block_code"
        return head if head in self.fields else None


class LevelForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=40, help_text=_("Lower-case letters, digits and _.")
    )
    name = forms.CharField(label=_("Name"))
    name_en = forms.CharField(label=_("Name in English"), required=False)
    min_percent = NumberField(label=_("From (share of the maximum, %)"))
    colour = forms.CharField(
        label=_("Colour"), required=False, max_length=7, help_text=_("Such as #1b7f3b.")
    )

    @classmethod
    def initial_of(cls, level: dict[str, Any]) -> dict[str, Any]:
        return {**level, "min_percent": number_text(level.get("min_percent"))}

    def field_for(self, path: tuple[str | int, ...]) -> str | None:
        return str(path[0]) if path and path[0] in self.fields else None

    def level(self) -> dict[str, Any]:
        data = self.cleaned_data
        level = {
            "code": data["code"].strip(),
            "name": data["name"].strip(),
            "name_en": data["name_en"].strip(),
            "min_percent": data["min_percent"],
            "colour": data["colour"].strip(),
        }
        return {key: value for key, value in level.items() if value != ""}


LevelFormSet = forms.formset_factory(LevelForm, extra=1, can_delete=True)


class CompareForm(forms.Form):
    left = forms.ChoiceField(label=_("Compare"))
    right = forms.ChoiceField(label=_("with"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        left_field = self.fields["left"]
        assert isinstance(left_field, forms.ChoiceField)
        left_field.choices = choices
        right_field = self.fields["right"]
        assert isinstance(right_field, forms.ChoiceField)
        right_field.choices = choices
