"""``record``: the one way to write the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet

from .models import AuditEvent
from .roles import Person, is_actor

__all__ = ["event", "history_of", "record", "record_all"]


def event(
    action: str,
    target: models.Model,
    *,
    actor: Person | None,
    summary: str,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """An unsaved event about ``target``, for ``record_all``."""
    return AuditEvent(
        # By id: core sees the person as an Actor, not as accounts' User.
        actor_id=actor.pk if is_actor(actor) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        summary=summary[:500],
        data=data or {},
    )


def record(
    action: str,
    target: models.Model,
    *,
    actor: Person | None,
    summary: str,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event about ``target``. Call it inside the action's transaction."""
    new = event(action, target, actor=actor, summary=summary, data=data)
    new.save()
    return new


def record_all(events: list[AuditEvent]) -> None:
    """Append many events at once (an import of hundreds of units)."""
    AuditEvent.objects.bulk_create(events, batch_size=500)


def history_of(target: models.Model) -> QuerySet[AuditEvent]:
    """Every event about ``target``, newest first, with who did it."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
