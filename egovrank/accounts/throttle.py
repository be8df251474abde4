"""Counting requests per key to refuse too many in a while: failed API tokens per client
address, password links per e-mail address and per client address.

The sign-in's own lock-out (``lockout.py``) counts failures in a row; these scopes
count every request within the lock-out period (``SIGNIN_LOCKOUT_MINUTES``): counts
older than that are forgotten, and reaching the limit refuses the key for that long.
Each count is one ``UPDATE … RETURNING`` statement, so parallel requests are all
counted and none is lost.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from .models import SignInThrottle

__all__ = ["count", "refused_until", "retry_after_seconds"]


def _window() -> timedelta:
    return timedelta(minutes=settings.SIGNIN_LOCKOUT_MINUTES)


def _key(key: str) -> str:
    return key.strip().casefold()[:150]


def refused_until(scope: str, key: str) -> datetime | None:
    """When ``key`` may ask again, or None if it may now. A read only."""
    until = (
        SignInThrottle.objects.filter(scope=scope, username=_key(key))
        .values_list("locked_until", flat=True)
        .first()
    )
    return until if until is not None and until > timezone.now() else None


def count(scope: str, key: str, limit: int) -> int:
    """Count one request of ``key`` and return its number within the period; the
    ``limit``-th refuses the key until the period has passed (``refused_until``)."""
    key = _key(key)
    now = timezone.now()
    rows = SignInThrottle.objects.filter(scope=scope, username=key)
    # Counts from before the period, and locks that have ended, start afresh.
    rows.filter(
        Q(locked_until__lte=now) | Q(locked_until=None, last_failure_at__lt=now - _window())
    ).update(failures=0, locked_until=None)
    SignInThrottle.objects.bulk_create(
        [SignInThrottle(scope=scope, username=key)], ignore_conflicts=True
    )
    table = connection.ops.quote_name(SignInThrottle._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET failures = failures + 1, last_failure_at = %s "  # noqa: S608
            "WHERE scope = %s AND username = %s RETURNING failures",
            [connection.ops.adapt_datetimefield_value(now), scope, key],
        )
        (failures,) = cursor.fetchone()
    if failures >= limit:
        rows.filter(locked_until=None).update(locked_until=now + _window())
    return int(failures)


def retry_after_seconds(until: datetime) -> int:
    return max(int((until - timezone.now()).total_seconds()) + 1, 1)
