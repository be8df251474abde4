"""Counting failed sign-ins and locking a user name after too many in a row.

The user name as typed is the key (case-folded), whether or not such a person exists,
so the lock-out does not reveal which names are real.

Every attempt is counted as a failure *before* its password is checked, by one
conditional UPDATE that admits it only while the count is under the limit, so that
parallel attempts can neither slip past the limit nor go uncounted: at most
``SIGNIN_MAX_FAILURES`` passwords are ever checked in a row. A success takes back the
failures counted up to its own attempt (failures "in a row"), never those counted
after it. Each step is one short write (or a transaction that starts with its write),
so SQLite waits for its lock instead of failing with "database is locked", and holds it
for no longer than that write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Greatest
from django.utils import timezone

from egovrank.core.audit import record

from .models import SignInThrottle, User

__all__ = ["Attempt", "Locked", "begin_attempt", "clear_failures", "locked_until"]

# When a name is full of attempts still being checked, none of them has locked it yet:
# the refusal asks to come back after this long.
BUSY_RETRY = timedelta(minutes=1)


def _sign_ins() -> QuerySet[SignInThrottle]:
    return SignInThrottle.objects.filter(scope=SignInThrottle.SIGN_IN)


def _key(username: str) -> str:
    return username.strip().casefold()[:150]


class Locked(Exception):
    """The name may not try a password now; ``until`` is when it may again."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until)
        self.until = until

    @property
    def retry_after_seconds(self) -> int:
        return max(int((self.until - timezone.now()).total_seconds()) + 1, 1)


@dataclass(frozen=True)
class Attempt:
    """One admitted attempt: ``slot`` is its place in the count of failures."""

    username: str
    slot: int

    def failed(self) -> int:
        """The password was wrong: it stays counted; the last allowed failure locks
        the name. Returns how many attempts are left before the lock."""
        key = _key(self.username)
        now = timezone.now()
        until = now + timedelta(minutes=settings.SIGNIN_LOCKOUT_MINUTES)
        with transaction.atomic():
            locked = (
                _sign_ins()
                .filter(username=key, failures__gte=settings.SIGNIN_MAX_FAILURES, locked_until=None)
                .update(locked_until=until)
            )
            if locked:
                _record_lock(key, until)
        failures = _sign_ins().filter(username=key).values_list("failures", flat=True).first()
        return max(settings.SIGNIN_MAX_FAILURES - (failures or 0), 0)

    def succeeded(self) -> None:
        """The password was right: forget the failures counted up to this attempt."""
        key = _key(self.username)
        _sign_ins().filter(username=key).update(failures=Greatest(F("failures") - self.slot, 0))
        _sign_ins().filter(username=key, failures=0, locked_until=None).delete()


def locked_until(username: str) -> datetime | None:
    """When the lock on ``username`` ends, or None if it is not locked now."""
    until = (
        _sign_ins().filter(username=_key(username)).values_list("locked_until", flat=True).first()
    )
    if until is not None and until > timezone.now():
        return until
    return None


def begin_attempt(username: str) -> Attempt:
    """Count an attempt at ``username`` as a failure until its password proves right;
    raise ``Locked`` (counting nothing) when the name may not try now."""
    key = _key(username)
    now = timezone.now()
    # A lock that has run out: count afresh. Harmless when two requests both do it.
    _sign_ins().filter(username=key, locked_until__lte=now).update(failures=0, locked_until=None)
    SignInThrottle.objects.bulk_create(
        [SignInThrottle(scope=SignInThrottle.SIGN_IN, username=key)], ignore_conflicts=True
    )
    slot = _admit(key, now)
    if slot is None:
        until = locked_until(username)
        raise Locked(until if until is not None else now + BUSY_RETRY)
    return Attempt(username, slot)


def _admit(key: str, now: datetime) -> int | None:
    """Count one more failure on ``key`` if it is under the limit and not locked, and
    return the new count (None if not admitted): one statement, so the count cannot be
    passed between a read and a write, and SQLite holds its write lock only for that
    statement. ``UPDATE … RETURNING`` is in SQLite (3.35+) and PostgreSQL alike; the
    ORM's ``update`` returns no value."""
    table = connection.ops.quote_name(SignInThrottle._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET failures = failures + 1, last_failure_at = %s "  # noqa: S608
            "WHERE scope = %s AND username = %s AND failures < %s AND locked_until IS NULL "
            "RETURNING failures",
            [
                connection.ops.adapt_datetimefield_value(now),
                SignInThrottle.SIGN_IN,
                key,
                settings.SIGNIN_MAX_FAILURES,
            ],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _record_lock(key: str, until: datetime) -> None:
    """A lock on a real person's name goes into their history; names that belong to
    nobody have no history to go into."""
    person = User.objects.filter(username__iexact=key).first()
    if person is not None:
        record(
            "person.locked_out",
            person,
            actor=None,
            summary=f"locked after {settings.SIGNIN_MAX_FAILURES} failed sign-ins",
            data={"until": until.isoformat()},
        )


def clear_failures(username: str) -> None:
    """Forget the failures of ``username`` (an unlock by the administrator)."""
    _sign_ins().filter(username=_key(username)).delete()
