"""A publication and its rows never change: the model, its queryset and the database
refuse (PostgreSQL refuses UPDATE and DELETE from any client; SQLite refuses UPDATE)."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from egovrank.results.models import Publication, PublishedResult

from .helpers import published

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Publication, PublishedResult])
def test_the_model_refuses_to_save_or_delete_a_stored_row(world, model):
    published(world)
    row = model.objects.first()
    with pytest.raises(ValueError, match="append-only"):
        row.save()
    with pytest.raises(ValueError, match="append-only"):
        row.delete()


@pytest.mark.parametrize("model", [Publication, PublishedResult])
def test_the_queryset_refuses_to_update_or_delete(world, model):
    published(world)
    with pytest.raises(ValueError, match="append-only"):
        model.objects.all().update(pk=1)
    with pytest.raises(ValueError, match="append-only"):
        model.objects.all().delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE results_publishedresult SET points = 999",
        "UPDATE results_publication SET decision_number = 'forged'",
    ],
)
def test_the_database_refuses_a_raw_update(world, statement):
    publication = published(world)
    before = list(publication.results.values_list("unit_code", "points"))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(statement)
    assert list(publication.results.values_list("unit_code", "points")) == before
    assert Publication.objects.get().decision_number == "123/QĐ-UBND"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the DELETE trigger is PostgreSQL's")
@pytest.mark.parametrize("table", ["results_publishedresult", "results_publication"])
def test_postgresql_refuses_a_raw_delete(world, table):
    published(world)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    assert PublishedResult.objects.count() == len(world.participants)
