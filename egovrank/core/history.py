"""How an event of the audit trail reads, in the reader's language.

An event stores its action code and its data (codes, numbers, names: no language) and an
English summary for the operators' logs and the admin. A page shows the event through the
describer its app registered for the action, which translates at display time; an action
with no describer (or an event whose data lacks what the describer reads) shows its
stored summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import AuditEvent

__all__ = ["describe", "described", "describer"]

Describer = Callable[[dict[str, Any]], str]

_describers: dict[str, Describer] = {}


def describer(*actions: str) -> Callable[[Describer], Describer]:
    """Register a function that reads an event's data as a sentence, for these actions.
    Apps register theirs in a module their ``AppConfig.ready`` imports."""

    def register(function: Describer) -> Describer:
        for action in actions:
            _describers[action] = function
        return function

    return register


def describe(action: str, data: dict[str, Any], summary: str) -> str:
    function = _describers.get(action)
    if function is None:
        return summary
    try:
        return function(data)
    except (KeyError, TypeError, ValueError):
        # An event recorded before its data carried what the describer reads.
        return summary


def described(event: AuditEvent) -> str:
    """The event as the current language says it."""
    return describe(event.action, event.data or {}, event.summary)
