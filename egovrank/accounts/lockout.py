"""Counting failed sign-ins and locking a user name after too many in a row.

The user name as typed is the key (case-folded), whether or not such a person exists,
so the lock-out does not reveal which names are real.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from egovrank.core.audit import record

from .models import SignInThrottle, User

__all__ = ["attempts_left", "clear_failures", "locked_until", "record_failure"]


def _key(username: str) -> str:
    return username.strip().casefold()[:150]


def locked_until(username: str) -> datetime | None:
    """When the lock on ``username`` ends, or None if it is not locked now."""
    until = (
        SignInThrottle.objects.filter(username=_key(username))
        .values_list("locked_until", flat=True)
        .first()
    )
    if until is not None and until > timezone.now():
        return until
    return None


@transaction.atomic
def record_failure(username: str) -> SignInThrottle:
    """Count one failure; the last allowed one locks the name for the lock-out period."""
    now = timezone.now()
    throttle, _ = SignInThrottle.objects.select_for_update().get_or_create(username=_key(username))
    if throttle.locked_until is not None and throttle.locked_until <= now:
        # The previous lock has run out: count afresh.
        throttle.failures = 0
        throttle.locked_until = None
    throttle.failures += 1
    throttle.last_failure_at = now
    if throttle.failures >= settings.SIGNIN_MAX_FAILURES:
        throttle.locked_until = now + timedelta(minutes=settings.SIGNIN_LOCKOUT_MINUTES)
        _record_lock(throttle)
    throttle.save()
    return throttle


def _record_lock(throttle: SignInThrottle) -> None:
    """A lock on a real person's name goes into their history; names that belong to
    nobody have no history to go into."""
    person = User.objects.filter(username__iexact=throttle.username).first()
    if person is not None:
        record(
            "person.locked_out",
            person,
            actor=None,
            summary=f"locked after {throttle.failures} failed sign-ins",
            data={"until": throttle.locked_until.isoformat() if throttle.locked_until else None},
        )


def attempts_left(throttle: SignInThrottle) -> int:
    return max(settings.SIGNIN_MAX_FAILURES - throttle.failures, 0)


def clear_failures(username: str) -> None:
    """Forget the failures of ``username`` (a successful sign-in, or an unlock)."""
    SignInThrottle.objects.filter(username=_key(username)).delete()
