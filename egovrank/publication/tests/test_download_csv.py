"""A block's CSV: UTF-8 with a byte-order mark for Excel, one header row of codes, one
row per unit of that block in ranking order, numbers for machines (dot decimal)."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.results.tests.helpers import published

pytestmark = pytest.mark.django_db


def download(block):
    url = reverse("publication:csv", kwargs={"year": 2019, "block": block})
    return Client().get(url).content


def test_it_starts_with_a_byte_order_mark_and_reads_as_utf_8(world):
    published(world)
    content = download("KHOI03")
    assert content.startswith(b"\xef\xbb\xbf")
    assert "Xã Lạc Đạo" in content.decode("utf-8-sig")


def test_it_has_one_row_per_unit_of_the_block_with_the_published_values(world):
    publication = published(world)
    rows = list(csv.DictReader(io.StringIO(download("KHOI01").decode("utf-8-sig"))))
    stored = list(publication.results.filter(block_code="KHOI01").order_by("pk"))
    assert [row["unit_code"] for row in rows] == [result.unit_code for result in stored]
    assert {row["block"] for row in rows} == {"KHOI01"}
    for row, result in zip(rows, stored, strict=True):
        assert Decimal(row["points"]) == result.points
        assert Decimal(row["max_points"]) == result.max_points
        assert row["percent"] == str(result.percent)  # two places, dot: 57.75
        assert row["rank"] == str(result.rank)
        assert (row["level"], row["level_name"]) == (result.level_code, result.level_name)
        for code, (points, _maximum, _status) in result.nodes.items():
            if code in row:
                assert Decimal(row[code]) == Decimal(points)


def test_numbers_are_written_for_machines(world):
    published(world)
    rows = list(csv.DictReader(io.StringIO(download("KHOI01").decode("utf-8-sig"))))
    for row in rows:
        for column in ("points", "max_points", "percent"):
            assert "," not in row[column]
            Decimal(row[column])  # reads back exactly
    soxd = next(row for row in rows if row["unit_code"] == "K01-09")
    assert (soxd["submitted"], soxd["points"]) == ("no", "0")


def test_a_block_with_districts_gives_each_commune_s_district_and_rank_in_it(world):
    publication = published(world)
    rows = list(csv.DictReader(io.StringIO(download("KHOI03").decode("utf-8-sig"))))
    assert len(rows) == 3
    for row in rows:
        result = publication.results.get(unit_code=row["unit_code"])
        assert row["district"] == result.district_name != ""
        assert row["rank_in_district"] == str(result.rank_in_district)
    departments = list(csv.DictReader(io.StringIO(download("KHOI01").decode("utf-8-sig"))))
    assert {row["district"] for row in departments} == {""}
