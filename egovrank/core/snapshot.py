"""A transaction that only reads, of one moment, without holding up people's saves."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction

__all__ = ["read_snapshot"]


@contextmanager
def read_snapshot(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Every read inside sees the database as at the first one (long reads: a backup).

    On PostgreSQL a repeatable-read, read-only transaction. On SQLite a deferred one:
    settings.py begins every transaction IMMEDIATE, taking the write lock at once, which
    for a long read would make every save wait for it (and fail after the busy timeout);
    a deferred transaction in WAL mode reads a snapshot while saves go on. Inside another
    transaction, that one's reads are what there is.
    """
    connection = connections[using]
    if connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield
        return
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        # transaction_mode is set from OPTIONS by Django 5.2's SQLite backend (not in the stubs).
        configured = getattr(connection, "transaction_mode")  # noqa: B009
        setattr(connection, "transaction_mode", None)  # noqa: B010  BEGIN, i.e. DEFERRED
        try:
            with transaction.atomic(using=using):
                setattr(connection, "transaction_mode", configured)  # noqa: B010
                yield
        finally:
            setattr(connection, "transaction_mode", configured)  # noqa: B010
        return
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield
