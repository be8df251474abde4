"""The criteria file format's field names as people read them.

A problem found in a criteria set names the field at fault by its name in the file
(``max_points``); the pages show the field's label in the reader's language and keep
the file's name beside it as a hint for whoever edits the YAML."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

__all__ = ["field_label"]

LABELS: dict[str, Promise] = {
    "allow_na": _("May not apply to a unit"),
    "at_least": _("From (threshold)"),
    "bands": _("Bands"),
    "block": _("Block"),
    "children": _("Sub-criteria"),
    "code": _("Code"),
    "colour": _("Colour"),
    "date": _("Decision date"),
    "denominator": _("Denominator"),
    "denominator_figure": _("Shared denominator"),
    "documents": _("Evidence documents"),
    "evidence": _("Evidence requirements"),
    "figures": _("Shared figures"),
    "guidance": _("Guidance for the unit"),
    "input": _("What is counted or entered"),
    "issuer": _("Issued by"),
    "kind": _("Kind"),
    "label": _("Label"),
    "legal_basis": _("Legal basis"),
    "levels": _("Levels"),
    "max_points": _("Maximum points"),
    "max_total": _("Maximum total"),
    "min_percent": _("From (share of the maximum, %)"),
    "mode": _("Mode"),
    "name": _("Name"),
    "name_en": _("Name in English"),
    "no_points": _("Points for no"),
    "nodes": _("Criteria"),
    "number": _("Decision number"),
    "numerator": _("Numerator"),
    "numerator_figure": _("Shared numerator"),
    "options": _("Options"),
    "per_item": _("Points per item"),
    "points": _("Points"),
    "province": _("Province"),
    "provenance": _("Provenance"),
    "reconstructed": _("Reconstructed: parts are not from the official text"),
    "required": _("An answer is needed before submitting"),
    "rule": _("Rule"),
    "scoring": _("Scoring settings"),
    "signer": _("Signed by"),
    "sources": _("Sources"),
    "status": _("Where the text comes from"),
    "step": _("Step"),
    "title": _("Title"),
    "valid_from": _("First evaluation year it applies to"),
    "version": _("Version"),
    "yes_points": _("Points for yes"),
    "zero_denominator": _("When the denominator is 0"),
}


def field_label(name: object) -> str:
    """The label of a field of the format, or of a dotted path to one (``rule.bands.1``
    is "Rule › Bands 2"); a name the format does not know is kept as it is."""
    parts: list[str] = []
    for step in str(name).split("."):
        if step.isdigit() and parts:
            parts[-1] = f"{parts[-1]} {int(step) + 1}"
        else:
            label = LABELS.get(step)
            parts.append(str(label) if label is not None else step)
    return " › ".join(parts)
