"""Units through the API: each person sees the units the pages show them
(``orgs.access``), filtered and a page at a time."""

from __future__ import annotations

import pytest

from .helpers import api, api_as

pytestmark = pytest.mark.django_db


def codes(response):
    return [unit["code"] for unit in response.json()["results"]]


def test_it_lists_the_units_a_district_reviewer_may_see(world):
    response = api_as(world.district_reviewer).get(api("units"))
    assert codes(response) == ["11989", "11992", "325"]


def test_it_filters_by_block_district_kind_and_text(world):
    client = api_as(world.administrator)
    assert codes(client.get(api("units"), {"block": "KHOI01"})) == ["K01-05", "K01-09", "K01-11"]
    assert codes(client.get(api("units"), {"district": "325"})) == ["11989", "11992"]
    assert codes(client.get(api("units"), {"kind": "district"})) == ["325", "326"]
    assert codes(client.get(api("units"), {"q": "tài chính"})) == ["K01-05"]


def test_it_gives_a_page_at_a_time(world):
    client = api_as(world.administrator)
    first = client.get(api("units"), {"page_size": 4}).json()
    assert first["count"] == 9
    assert len(first["results"]) == 4
    assert first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 4
    assert client.get(api("units"), {"page": 9}).status_code == 404


def test_it_shows_one_unit_with_the_units_under_it_the_person_may_see(world):
    body = api_as(world.district_reviewer).get(api("unit", code="325")).json()
    assert body["kind"] == "district"
    assert body["block"] == "KHOI02"
    assert body["parent"] == "33"
    assert [child["code"] for child in body["children"]] == ["11989", "11992"]


def test_it_answers_404_for_a_unit_out_of_reach_as_for_a_missing_one(world):
    client = api_as(world.district_reviewer)
    hidden = client.get(api("unit", code="326"))
    missing = client.get(api("unit", code="no-such-unit"))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
