"""A year without publication, a block or unit the publication does not have, and the
district table of a block without districts answer 404 on every public page."""

import pytest
from django.urls import reverse

from egovrank.results.tests.helpers import published, reviewed

from .helpers import anonymous

pytestmark = pytest.mark.django_db

YEAR_PAGES = [
    ("year", {}),
    ("block", {"block": "KHOI01"}),
    ("districts", {"block": "KHOI03"}),
    ("unit", {"unit": "K01-05"}),
    ("embed", {"block": "KHOI01"}),
]


@pytest.mark.parametrize(("name", "kwargs"), YEAR_PAGES)
def test_a_year_in_review_is_not_there(world, name, kwargs):
    reviewed(world)
    response = anonymous().get(reverse(f"publication:{name}", kwargs={"year": 2019, **kwargs}))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "kwargs"), YEAR_PAGES)
def test_a_year_never_evaluated_is_not_there(world, name, kwargs):
    published(world)
    response = anonymous().get(reverse(f"publication:{name}", kwargs={"year": 1999, **kwargs}))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["block", "districts", "embed"])
def test_an_unknown_block_is_not_there(world, name):
    published(world)
    response = anonymous().get(
        reverse(f"publication:{name}", kwargs={"year": 2019, "block": "KHOI09"})
    )
    assert response.status_code == 404


def test_an_unknown_unit_is_not_there(world):
    published(world)
    response = anonymous().get(
        reverse("publication:unit", kwargs={"year": 2019, "unit": "no-such-unit"})
    )
    assert response.status_code == 404


def test_a_block_without_districts_has_no_district_table(world):
    published(world)
    response = anonymous().get(
        reverse("publication:districts", kwargs={"year": 2019, "block": "KHOI01"})
    )
    assert response.status_code == 404


def test_the_year_switcher_does_not_reach_an_unpublished_year(world):
    reviewed(world)
    response = anonymous().get(reverse("publication:index"), {"year": "2019"})
    assert response.status_code == 404


def test_the_list_says_when_nothing_is_published(world):
    reviewed(world)
    response = anonymous("en").get(reverse("publication:index"))
    assert response.status_code == 200
    assert "No results have been published yet." in response.content.decode()
    assert "2019" not in response.content.decode().split("<main")[1].split("</main>")[0]
