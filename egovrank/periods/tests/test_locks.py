"""A writer of one unit's form holds that unit's row, and holds the period only shared:
the period's other units write at the same time, and the period cannot move on (close
the self-assessment, finalise, change its deadlines) until the writer is done.

PostgreSQL's row locks, seen from two real connections (a thread of its own holds the
lock while the test's connection tries); SQLite has none (one writer at a time).
"""

from __future__ import annotations

import threading

import pytest
from django.db import OperationalError, connection, transaction
from django.db.transaction import TransactionManagementError

from egovrank.periods.locks import locked_participant, share_period
from egovrank.periods.models import Participant, Period
from egovrank.testing.world import make_period, make_world

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; SQLite lets one writer in at a time",
)


@pytest.fixture
def period(transactional_db) -> Period:
    world = make_world()
    return make_period(world)


class Holder(threading.Thread):
    """Locks one participant as a save does, in a transaction of its own connection,
    until released."""

    def __init__(self, participant: Participant) -> None:
        super().__init__(daemon=True)
        self.participant = participant
        self.locked = threading.Event()
        self.release = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with transaction.atomic():
                locked_participant(self.participant)
                self.locked.set()
                self.release.wait(30)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.error = error
            self.locked.set()
        finally:
            connection.close()

    def __enter__(self) -> Holder:
        self.start()
        assert self.locked.wait(30), "the holder did not take its lock"
        assert self.error is None, self.error
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.join(30)


def _waits(action) -> bool:
    """Whether ``action`` waits for a lock (given up after 300 ms) rather than going on."""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            action()
    except OperationalError as error:
        assert "lock timeout" in str(error), error
        return True
    return False


def _units(period: Period) -> list[Participant]:
    return list(Participant.objects.filter(period=period).order_by("unit_code")[:2])


def test_share_period_needs_a_transaction(period):
    with pytest.raises(TransactionManagementError):
        share_period(period.pk)


def test_the_locked_participant_is_read_with_its_period(period):
    first = _units(period)[0]
    with transaction.atomic():
        locked = locked_participant(first)
    assert locked.pk == first.pk
    assert locked.period.state == period.state


@postgres_only
def test_two_units_of_one_period_write_at_once(period):
    first, second = _units(period)
    with Holder(first):
        assert not _waits(lambda: locked_participant(second))


@postgres_only
def test_two_writers_of_one_unit_go_one_after_the_other(period):
    first, _second = _units(period)
    with Holder(first):
        assert _waits(lambda: locked_participant(first))


@postgres_only
def test_the_period_waits_for_a_writer_in_flight(period):
    first, _second = _units(period)
    with Holder(first):
        assert _waits(lambda: Period.objects.select_for_update().get(pk=period.pk))
    # And goes on once the writer is done.
    assert not _waits(lambda: Period.objects.select_for_update().get(pk=period.pk))
