"""Computing a period's results, the results page and a publication cost a fixed
number of queries, however many units take part."""

import pytest
from django.urls import reverse

from egovrank.results.compute import compute, warnings

from .conftest import client_of
from .helpers import add_communes, published, reviewed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("extra", [0, 30])
def test_computing_does_not_grow_with_the_units(world, django_assert_max_num_queries, extra):
    reviewed(world)
    add_communes(world, extra)
    with django_assert_max_num_queries(5):
        blocks = compute(world.period)
    assert len(blocks["KHOI03"].result.rows) == 3 + extra
    with django_assert_max_num_queries(3):
        warnings(world.period)


@pytest.mark.parametrize("extra", [0, 30])
def test_the_results_page_does_not_grow_with_the_units(world, django_assert_max_num_queries, extra):
    reviewed(world)
    add_communes(world, extra)
    admin = client_of(world.administrator)
    with django_assert_max_num_queries(20):
        assert admin.get(reverse("results:period", kwargs={"year": 2019})).status_code == 200


@pytest.mark.parametrize("extra", [0, 30])
def test_a_publication_does_not_grow_with_the_units(world, django_assert_max_num_queries, extra):
    reviewed(world)
    add_communes(world, extra)
    published(world)
    url = reverse("results:publication", kwargs={"year": 2019, "number": 1})
    with django_assert_max_num_queries(8):
        assert client_of().get(url).status_code == 200
