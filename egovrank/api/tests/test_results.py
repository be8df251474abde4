"""Results through the API: a period's live results for the province's staff only (ranks
are embargoed until publication), and the published snapshots for anyone, read from
their stored rows. Points and percentages are exact decimal strings, shares fractions."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from egovrank.results.compute import compute
from egovrank.results.queries import live_tables, published_tables
from egovrank.results.tests.helpers import published, reviewed

from .helpers import ApiClient, api, api_as

pytestmark = pytest.mark.django_db


def test_it_gives_the_live_results_as_the_results_page_computes_them(world):
    reviewed(world)
    body = api_as(world.provincial_reviewer).get(api("results", year=2019)).json()
    tables = live_tables(compute(world.period))
    assert [t["code"] for t in body["tables"]] == [t.code for t in tables]
    for table, expected in zip(body["tables"], tables, strict=True):
        assert [r["unit_code"] for r in table["rows"]] == [r.unit_code for r in expected.rows]
        for row, want in zip(table["rows"], expected.rows, strict=True):
            assert row["rank"] == want.rank
            assert Decimal(row["points"]) == want.points
            assert Decimal(row["percent"]) == want.percent
            assert Fraction(row["share"]) == (
                Fraction(want.points) / Fraction(want.max_points) if want.max_points else 0
            )
            assert row["level"]["code"] == want.level_code
    assert body["warnings"]["not_submitted"] == ["K01-09"]
    soxd = next(r for r in body["tables"][0]["rows"] if r["unit_code"] == "K01-09")
    assert soxd["submitted"] is False and soxd["points"] == "0"


def test_it_filters_the_results_by_block(world):
    reviewed(world)
    body = api_as(world.administrator).get(api("results", year=2019), {"block": "KHOI03"}).json()
    assert [t["code"] for t in body["tables"]] == ["KHOI03"]
    assert {r["district_name"] for r in body["tables"][0]["rows"]} == {
        "UBND huyện Văn Lâm",
        "UBND huyện Văn Giang",
    }


def test_ranks_are_embargoed_before_publication(world):
    reviewed(world)
    assert api_as(world.district_reviewer).get(api("results", year=2019)).status_code == 403
    assert ApiClient().get(api("results", year=2019)).status_code == 401


def test_anyone_reads_a_publication_from_its_stored_rows(world):
    publication = published(world)
    client = ApiClient()
    listed = client.get(api("publications")).json()
    assert [(p["year"], p["number"]) for p in listed["results"]] == [(2019, 1)]
    assert listed["results"][0]["decision_number"] == "123/QĐ-UBND"
    body = client.get(api("publication", year=2019, number=1)).json()
    expected = published_tables(publication)
    assert [t["code"] for t in body["tables"]] == [t.code for t in expected]
    first = body["tables"][0]["rows"][0]
    want = expected[0].rows[0]
    assert (first["unit_code"], first["rank"]) == (want.unit_code, want.rank)
    assert Decimal(first["points"]) == want.points
    assert first["percent"] == str(want.percent)
    assert body["corrections"] == []


def test_nothing_is_public_before_the_first_publication(world):
    reviewed(world)
    client = ApiClient()
    assert client.get(api("publications"), {"year": 2019}).status_code == 404
    assert client.get(api("publication", year=2019, number=1)).status_code == 404
    assert client.get(api("publications")).json()["count"] == 0
