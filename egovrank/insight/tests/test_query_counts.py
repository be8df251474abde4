"""The insight pages cost the same number of queries however many units the block has."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egovrank.results.tests.helpers import add_communes, published

from .conftest import client_of

pytestmark = pytest.mark.django_db

LACDAO = {"year": 2019, "unit": "11989"}


def measured(world, extra, persona):
    add_communes(world, extra)
    published(world)
    client = client_of(world.people[persona])
    client.get(reverse("front:workspace"))  # the session is renewed here, not below
    return client


@pytest.mark.parametrize("extra", [0, 30])
def test_where_a_commune_lost_points(world, django_assert_num_queries, extra):
    client = measured(world, extra, "commune_officer")
    with django_assert_num_queries(QUERIES["lost_points"]):
        assert client.get(reverse("insight:lost_points", kwargs=LACDAO)).status_code == 200


@pytest.mark.parametrize("extra", [0, 30])
def test_a_commune_s_what_if(world, django_assert_num_queries, extra):
    client = measured(world, extra, "commune_officer")
    url = reverse("insight:what_if", kwargs=LACDAO)
    with django_assert_num_queries(QUERIES["what_if"]):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(QUERIES["what_if_update"]):
        response = client.post(url, {"v-CCCS3": "A"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 30])
def test_the_analysis(world, django_assert_num_queries, extra):
    client = measured(world, extra, "administrator")
    url = reverse("insight:analysis", kwargs={"year": 2019})
    with django_assert_num_queries(QUERIES["analysis"]):
        assert client.get(url).status_code == 200


# The session, the user, the roles and (on a whole page) the unread notices are four.
QUERIES = {"lost_points": 10, "what_if": 11, "what_if_update": 10, "analysis": 10}
