"""A participant's row locked for one writer, with its period shared, not locked.

A save or a review action locks its participant's row, so that two writers of one form
go one after the other. It must also keep the period from moving on (closing the
self-assessment, finalising, new deadlines: each locks the period's row FOR UPDATE)
while it works, but must not make the period's other units wait. Locking the
participant with ``select_related("period")`` locks the joined period row FOR UPDATE
too, which made every save of the province wait for every other save. So the period
is locked FOR SHARE first (many writers at once, no change of the period meanwhile),
then the participant alone FOR UPDATE, read after the share lock so that it sees the
period as it stands under it.

SQLite has no row locks: its IMMEDIATE write transactions let one writer in at a time.
"""

from __future__ import annotations

from django.db import connection
from django.db.transaction import TransactionManagementError

from .models import Participant, Period

__all__ = ["locked_participant", "share_period"]


def share_period(period_id: int) -> None:
    """Hold the period's row FOR SHARE until the transaction ends."""
    if connection.get_autocommit():
        raise TransactionManagementError("share_period needs a transaction")
    if not connection.features.has_select_for_update:
        return
    table = connection.ops.quote_name(Period._meta.db_table)
    with connection.cursor() as cursor:
        # The table's name comes from the model; the value is bound.
        cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR SHARE", [period_id])  # noqa: S608


def locked_participant(participant: Participant, *related: str) -> Participant:
    """The participant read again under its row lock, with its period (and ``related``)
    read, not locked. Inside a transaction only."""
    share_period(participant.period_id)
    return (
        Participant.objects.select_for_update(of=("self",))
        .select_related("period", *related)
        .get(pk=participant.pk)
    )
