"""Marking notices read. Reading a notice is the reader's own business, not a change to
the evaluation, so it writes no history entry."""

from __future__ import annotations

from django.utils import timezone

from egovrank.accounts.models import User

from .access import notices_of
from .models import Notice

__all__ = ["do_mark_all_read", "do_mark_read"]


def do_mark_read(notice: Notice, *, actor: User) -> Notice:
    """Mark one of the actor's notices read; a notice read before keeps its first time."""
    assert notice.recipient_id == actor.pk
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def do_mark_all_read(*, actor: User) -> int:
    """Mark every unread notice of the actor read; how many were."""
    return notices_of(actor).filter(read_at__isnull=True).update(read_at=timezone.now())
