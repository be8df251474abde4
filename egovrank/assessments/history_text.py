"""How the form's history reads (core/history.py): the events of answers, evidence and
the form's state, translated when shown; the events store codes and numbers only."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from egovrank.core.history import describer
from egovrank.scoring.numbers import format_number

from .choices import AssessmentState

__all__ = ["answer_value", "number_text", "state_label"]

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def number_text(value: Any) -> str:
    """A stored number ("360.27") in the reader's style ("360,27")."""
    return format_number(Decimal(str(value)), get_language() or "vi")


def state_label(code: str | None) -> str:
    """A form state's label; "Not started" for a form that had none."""
    if not code:
        return _("Not started")
    try:
        return str(AssessmentState(code).label)
    except ValueError:
        return code


def answer_value(value: str | None, not_applicable: bool = False) -> str:
    """A stored answer as people read it: Yes / No, numbers in their style."""
    if not_applicable:
        return _("Not applicable")
    value = (value or "").strip()
    if not value:
        return "—"
    if value.lower() in ("yes", "no"):
        return _("Yes") if value.lower() == "yes" else _("No")
    if NUMBER.fullmatch(value):
        return format_number(Decimal(value), get_language() or "vi", places=_places(value))
    return value


def _places(value: str) -> int:
    """As many places as typed: "12.50" stays "12,50"."""
    return len(value.partition(".")[2])


def _entry(data: dict[str, Any] | None) -> str:
    data = data or {}
    return answer_value(data.get("value"), bool(data.get("not_applicable")))


@describer("answer.changed")
def _answer_changed(data: dict[str, Any]) -> str:
    return _("%(code)s: %(before)s → %(after)s") % {
        "code": data["code"],
        "before": _entry(data["before"]),
        "after": _entry(data["after"]),
    }


@describer("answer.demo_loaded")
def _demo_loaded(data: dict[str, Any]) -> str:
    count = len(data["codes"])
    return ngettext("%(count)s sample answer loaded", "%(count)s sample answers loaded", count) % {
        "count": count
    }


@describer("evidence.file_added")
def _file_added(data: dict[str, Any]) -> str:
    return _("%(code)s: file “%(name)s” added") % data


@describer("evidence.file_removed")
def _file_removed(data: dict[str, Any]) -> str:
    return _("%(code)s: file “%(name)s” removed") % data


@describer("evidence.link_added")
def _link_added(data: dict[str, Any]) -> str:
    title = " ".join(part for part in (data.get("number"), data["title"]) if part)
    return _("%(code)s: document “%(title)s” linked") % {"code": data["code"], "title": title}


@describer("evidence.link_removed")
def _link_removed(data: dict[str, Any]) -> str:
    return _("%(code)s: linked document “%(name)s” removed") % data


@describer("assessment.submitted")
def _submitted(data: dict[str, Any]) -> str:
    return _("Submitted (submission %(number)s)") % {"number": data["submission"]}


@describer("assessment.withdrawn")
def _withdrawn(data: dict[str, Any]) -> str:
    return _("Submission withdrawn")


@describer("figures.imported")
def _figures_imported(data: dict[str, Any]) -> str:
    count = data["changed"]
    return ngettext(
        "%(count)s figure imported from %(file)s",
        "%(count)s figures imported from %(file)s",
        count,
    ) % {"count": count, "file": data["file"]}


@describer("assessment.workbook_uploaded")
def _workbook_uploaded(data: dict[str, Any]) -> str:
    count = data["changed"]
    return ngettext(
        "%(count)d answer saved from the workbook %(name)s",
        "%(count)d answers saved from the workbook %(name)s",
        count,
    ) % {"count": count, "name": data["file"]}
