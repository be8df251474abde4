"""The unit pages cost a fixed number of queries, however many units there are."""

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Unit

pytestmark = pytest.mark.django_db


def add_communes(world, count):
    Unit.objects.bulk_create(
        Unit(
            code=f"9{index:04d}",
            name=f"Xã {index}",
            kind=UnitKind.COMMUNE,
            block=world.blocks["KHOI03"],
            parent=world.units["vanlam"],
        )
        for index in range(count)
    )


def queries_for(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url_name", ["orgs:list", "orgs:export"])
def test_the_list_and_export_do_not_grow_with_the_units(
    world, django_assert_max_num_queries, url_name
):
    client = Client()
    client.force_login(world.administrator)
    kwargs = {"fmt": "xlsx"} if url_name == "orgs:export" else {}
    add_communes(world, 200)
    # Session (read and renewal), user, roles, the page: a small fixed number.
    queries_for(client, reverse(url_name, kwargs=kwargs), django_assert_max_num_queries, 10)


def test_a_district_page_lists_its_communes_in_fixed_queries(world, django_assert_max_num_queries):
    client = Client()
    client.force_login(world.district_reviewer)
    add_communes(world, 200)
    url = reverse("orgs:detail", kwargs={"code": "325"})
    # One more than the list: the header's count of unread notices.
    queries_for(client, url, django_assert_max_num_queries, 11)
