"""The published tables download for anyone as files: the right type and name, 404 for
what was not published, 304 for a file the asker already has, a fixed number of
queries whatever the number of units."""

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.results.tests.helpers import add_communes, published, reviewed

pytestmark = pytest.mark.django_db

DOWNLOADS = [
    ("xlsx", {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("pdf", {}, "application/pdf"),
    ("json", {}, "application/json"),
    ("csv", {"block": "KHOI03"}, "text/csv; charset=utf-8"),
]
NAMES = {
    "xlsx": "ket-qua-2019.xlsx",
    "pdf": "ket-qua-2019.pdf",
    "json": "ket-qua-2019.json",
    "csv": "ket-qua-2019-khoi03.csv",
}


def url(name, year=2019, **kwargs):
    return reverse(f"publication:{name}", kwargs={"year": year, **kwargs})


@pytest.mark.parametrize(("name", "kwargs", "content_type"), DOWNLOADS)
def test_it_serves_each_format_as_an_attachment_to_anyone(world, name, kwargs, content_type):
    published(world)
    response = Client().get(url(name, **kwargs))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{NAMES[name]}"'
    assert response.content


@pytest.mark.parametrize(("name", "kwargs", "content_type"), DOWNLOADS)
def test_it_is_not_found_before_publication(world, name, kwargs, content_type):
    reviewed(world)  # reviewed and ranked, but not published
    assert Client().get(url(name, **kwargs)).status_code == 404
    assert Client().get(url(name, year=1999, **kwargs)).status_code == 404


def test_an_unknown_block_is_not_found(world):
    published(world)
    assert Client().get(url("csv", block="KHOI09")).status_code == 404
    assert Client().get(url("csv", block="khoi03")).status_code == 404


@pytest.mark.parametrize(("name", "kwargs", "content_type"), DOWNLOADS)
def test_a_file_the_asker_already_has_answers_304(world, name, kwargs, content_type):
    published(world)
    first = Client().get(url(name, **kwargs))
    assert first["ETag"] and first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    again = Client().get(url(name, **kwargs), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = Client().get(url(name, **kwargs), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_the_tag_follows_the_language_of_the_words(world):
    published(world)
    vietnamese = Client(HTTP_ACCEPT_LANGUAGE="vi").get(url("xlsx"))
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(url("xlsx"))
    assert vietnamese["ETag"] != english["ETag"]
    assert "Accept-Language" in vietnamese["Vary"]


def test_it_answers_only_reading(world):
    published(world)
    assert Client().post(url("xlsx")).status_code == 405
    assert Client().head(url("xlsx")).status_code == 200


@pytest.mark.parametrize(
    ("name", "kwargs", "queries"),
    # The first query is the state of the publications the file's snapshot is keyed by;
    # the JSON reads the successor links too.
    [("xlsx", {}, 3), ("pdf", {}, 3), ("json", {}, 5), ("csv", {"block": "KHOI03"}, 3)],
)
def test_the_number_of_queries_does_not_grow_with_the_units(
    world, django_assert_num_queries, name, kwargs, queries
):
    add_communes(world, 12)
    published(world)
    client = Client()
    with django_assert_num_queries(queries):
        response = client.get(url(name, **kwargs))
    assert response.status_code == 200
