"""How the results' events read in the period's and the form's histories
(core/history.py), translated when shown."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from egovrank.core.history import describer

__all__: list[str] = []


def _with_reason(text: str, reason: str | None) -> str:
    reason = (reason or "").strip()
    return f"{text} ({reason})" if reason else text


@describer("results.finalised")
def _finalised(data: dict[str, Any]) -> str:
    return _("Results finalised")


@describer("results.published")
def _published(data: dict[str, Any]) -> str:
    return _("Results published (decision %(number)s)") % {"number": data["decision_number"]}


@describer("results.correction_opened")
def _correction_opened(data: dict[str, Any]) -> str:
    return _with_reason(_("Re-opened for a correction"), data["reason"])


@describer("results.corrected")
def _corrected(data: dict[str, Any]) -> str:
    text = _("Corrected results published (decision %(number)s)") % {
        "number": data["decision_number"]
    }
    return _with_reason(text, data.get("reason") or data.get("correction_reason"))
