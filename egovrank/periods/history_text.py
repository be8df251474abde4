"""How the period's events read on its page (core/history.py), translated when shown;
the events store codes and numbers only."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egovrank.core.history import describer

from .choices import PeriodState

__all__: list[str] = []


def _state(code: str) -> str:
    try:
        return str(PeriodState(code).label)
    except ValueError:
        return code


@describer("period.created")
def _created(data: dict[str, Any]) -> str:
    return _("Period %(year)s created") % {"year": data["year"]}


@describer("period.deadlines_changed")
def _deadlines(data: dict[str, Any]) -> str:
    return _("Deadlines changed")


@describer("period.version_set")
def _version(data: dict[str, Any]) -> str:
    return _("%(block)s: criteria set %(version)s") % {
        "block": data["block"],
        "version": data["after"],
    }


@describer("period.participants_added")
def _added(data: dict[str, Any]) -> str:
    count = len(data["units"])
    return ngettext("%(count)s unit added", "%(count)s units added", count) % {"count": count}


@describer("period.participant_removed")
def _removed(data: dict[str, Any]) -> str:
    return _("%(unit)s removed") % {"unit": data["unit"]}


@describer("period.state_changed")
def _state_changed(data: dict[str, Any]) -> str:
    text = _("State: %(before)s → %(after)s") % {
        "before": _state(data["before"]),
        "after": _state(data["after"]),
    }
    reason = (data.get("reason") or "").strip()
    return f"{text} ({reason})" if reason else text


def _moment(text: str) -> str:
    """A stored ISO moment as people in Vietnam read it."""
    moment = parse_datetime(text)
    if moment is None:
        raise ValueError(text)
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


@describer("participant.extended")
def _extended(data: dict[str, Any]) -> str:
    return _("%(unit)s: deadline extended to %(until)s (%(reason)s)") % {
        "unit": data["unit"],
        "until": _moment(data["after"]),
        "reason": data["reason"],
    }


@describer("participant.ranking")
def _ranking(data: dict[str, Any]) -> str:
    if data["after"]["ranked"]:
        return _("%(unit)s: ranked") % {"unit": data["unit"]}
    return _("%(unit)s: evaluated, not ranked (%(reason)s)") % {
        "unit": data["unit"],
        "reason": data["after"]["reason"],
    }


@describer("participant.reminded")
def _reminded(data: dict[str, Any]) -> str:
    count = len(data["people"])
    return ngettext(
        "%(unit)s: reminder sent to %(count)s person",
        "%(unit)s: reminder sent to %(count)s people",
        count,
    ) % {"unit": data["unit"], "count": count}
