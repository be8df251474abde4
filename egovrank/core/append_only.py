"""Tables whose rows are written once and never changed: the audit trail, submissions,
published results.

Three layers refuse a change. The model refuses ``save`` of an existing row and
``delete``; its queryset refuses ``update`` and ``delete``; and the database refuses
what gets past the app: on PostgreSQL a trigger refuses UPDATE and DELETE from any
client, on SQLite a trigger refuses UPDATE. (DELETE stays possible on SQLite because
Django's test runner empties tables with DELETE there; PostgreSQL's runner truncates,
which row triggers do not see.)
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

__all__ = ["AppendOnlyModel", "AppendOnlyQuerySet", "forbid_changes"]


class AppendOnlyQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def update(self, **kwargs: Any) -> int:
        raise ValueError(f"{self.model._meta.label} is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError(f"{self.model._meta.label} is append-only")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError(f"{self._meta.label} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"{self._meta.label} is append-only")


# ``%%``: ``schema_editor.execute`` sends the SQL with (empty) parameters, so the driver
# reads ``%`` as a placeholder.
_POSTGRES_FORBID = """
CREATE OR REPLACE FUNCTION egovrank_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '%% is append-only: %% refused', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION egovrank_append_only();
"""
_POSTGRES_ALLOW = "DROP TRIGGER IF EXISTS {table}_append_only ON {table};"
_SQLITE_FORBID = """
CREATE TRIGGER {table}_append_only BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END;
"""
_SQLITE_ALLOW = "DROP TRIGGER IF EXISTS {table}_append_only;"


def forbid_changes(table: str) -> migrations.RunPython:
    """A migration operation installing the database's refusal on ``table``."""

    def forbid(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(_POSTGRES_FORBID.format(table=table))
        elif vendor == "sqlite":
            schema_editor.execute(_SQLITE_FORBID.format(table=table))

    def allow(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            schema_editor.execute(_POSTGRES_ALLOW.format(table=table))
        elif vendor == "sqlite":
            schema_editor.execute(_SQLITE_ALLOW.format(table=table))

    return migrations.RunPython(forbid, allow)


def reinstall_refusal(table: str) -> migrations.RunPython:
    """Drop and install again the database's refusal on ``table``: SQLite rebuilds a
    table to add a column, and the rebuild loses its triggers."""
    operation = forbid_changes(table)
    forbid, allow = operation.code, operation.reverse_code
    assert allow is not None

    def again(apps: Any, schema_editor: Any) -> None:
        allow(apps, schema_editor)
        forbid(apps, schema_editor)

    return migrations.RunPython(again, again)
