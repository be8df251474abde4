"""On SQLite too, refuse UPDATE on the audit table from any client (see
``core.append_only``; PostgreSQL got its trigger in 0002)."""

from django.db import migrations

FORBID = """
CREATE TRIGGER core_auditevent_append_only BEFORE UPDATE ON core_auditevent
BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only: UPDATE refused'); END;
"""


def forbid(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FORBID)


def allow(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditevent_append_only;")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only_trigger")]

    operations = [migrations.RunPython(forbid, allow)]
