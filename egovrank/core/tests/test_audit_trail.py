"""The audit trail is append-only: no update, no delete, through the ORM or raw SQL."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from egovrank.core.audit import record
from egovrank.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_refuses_to_update_or_delete_through_the_model(world):
    event = record("test.event", world.units["sotc"], actor=world.administrator, summary="x")
    event.summary = "changed"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_delete_from_any_client(world):
    record("test.event", world.units["sotc"], actor=None, summary="x")
    for statement in ("UPDATE core_auditevent SET summary = 'y'", "DELETE FROM core_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(statement)
    assert AuditEvent.objects.get().summary == "x"
