"""The converted score (``scoring.converted_scale``, issue 16): stored with the published
results, shown on the results page, the public pages and the CSV/JSON/Excel downloads,
and only for a set with a scale (the column is absent otherwise)."""

from __future__ import annotations

import csv
import dataclasses
import io
from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from egovrank.criteria.actions import do_import_version
from egovrank.criteria.versions import criteria_set_of
from egovrank.results.models import PublishedResult
from egovrank.results.tests.helpers import published
from egovrank.scoring.fileformat.yaml_io import dump_criteria_set
from egovrank.scoring.tree import Scoring

pytestmark = pytest.mark.django_db


def on_a_scale_of_1000(world):
    """KHOI01 scored by a copy of its set with a converted score on a scale of 1,000."""
    period_block = world.period.blocks.get(block__code="KHOI01")
    shipped = criteria_set_of(period_block.version)
    copy = dataclasses.replace(
        shipped,
        meta=dataclasses.replace(shipped.meta, id="khoi01-quy-doi"),
        scoring=Scoring(converted_scale=Decimal(1000)),
    )
    version = do_import_version(
        "quy-doi.yaml", dump_criteria_set(copy).encode(), actor=world.administrator
    )
    period_block.version = version
    period_block.save()


def expected(row: PublishedResult) -> Decimal:
    """Exact share × 1,000, two places half up."""
    scaled = Fraction(row.share_numerator, row.share_denominator) * 1000
    return Decimal(int(scaled * 100 + Fraction(1, 2))).scaleb(-2)


@pytest.fixture
def publication(world):
    on_a_scale_of_1000(world)
    return published(world)


def test_the_converted_score_is_stored_only_for_a_set_with_a_scale(world, publication):
    scaled = PublishedResult.objects.filter(publication=publication, block_code="KHOI01")
    assert scaled.count() > 1
    for row in scaled:
        assert row.converted == expected(row), row.unit_code
    others = PublishedResult.objects.filter(publication=publication).exclude(block_code="KHOI01")
    assert others.exists()
    assert set(others.values_list("converted", flat=True)) == {None}
    # Published rows stay as announced, the new column included.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE results_publishedresult SET converted = 1")


def test_pages_and_downloads_show_it_only_for_that_block(world, publication):
    row = PublishedResult.objects.filter(publication=publication, block_code="KHOI01").first()
    shown = f"{expected(row):f}".rstrip("0").rstrip(".")
    public = Client(HTTP_ACCEPT_LANGUAGE="en")

    def get(name, **kwargs):
        response = public.get(reverse(f"publication:{name}", kwargs={"year": 2019, **kwargs}))
        assert response.status_code == 200, name
        return response

    block = get("block", block="KHOI01").content.decode()
    assert "Converted score" in block and shown in block
    other = get("block", block="KHOI03").content.decode()
    assert "Converted score" not in other
    unit = get("unit", unit=row.unit_code).content.decode()
    assert "Converted score" in unit and shown in unit

    scaled_csv = list(
        csv.DictReader(io.StringIO(get("csv", block="KHOI01").content.decode("utf-8-sig")))
    )
    by_code = {line["unit_code"]: line for line in scaled_csv}
    assert Decimal(by_code[row.unit_code]["converted"]) == row.converted
    other_csv = get("csv", block="KHOI03").content.decode("utf-8-sig")
    assert "converted" not in other_csv.splitlines()[0]

    document = get("json").json()
    blocks = {item["code"]: item for item in document["blocks"]}
    units = {unit["unit_code"]: unit for unit in blocks["KHOI01"]["units"]}
    assert Decimal(units[row.unit_code]["converted"]) == row.converted
    assert all("converted" not in unit for unit in blocks["KHOI03"]["units"])

    workbook = load_workbook(io.BytesIO(get("xlsx").content), read_only=True)
    found = {}
    for sheet in workbook.worksheets:
        rows = [r for r in sheet.iter_rows(values_only=True) if r]
        header = next((r for r in rows if "Converted score" in r), None)
        if header is not None:
            column = header.index("Converted score")
            found[sheet.title] = {
                Decimal(str(r[column]))
                for r in rows
                if len(r) > column and isinstance(r[column], int | float | Decimal)
            }
    assert len(found) == 1, found.keys()
    assert row.converted in next(iter(found.values()))


def test_the_results_page_shows_it(world, publication, administrator_client):
    row = PublishedResult.objects.filter(publication=publication, block_code="KHOI01").first()
    page = administrator_client.get(reverse("results:period", kwargs={"year": 2019}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Converted score" in text
    assert f"{expected(row):f}".rstrip("0").rstrip(".") in text


def test_the_api_publication_carries_it(world, publication):
    row = PublishedResult.objects.filter(publication=publication, block_code="KHOI01").first()
    document = (
        Client()
        .get(f"/api/v1/publications/2019/{publication.number}/", HTTP_ACCEPT="application/json")
        .json()
    )
    tables = {table["code"]: table for table in document["tables"]}
    assert Decimal(tables["KHOI01"]["converted_scale"]) == 1000
    by_code = {r["unit_code"]: r for r in tables["KHOI01"]["rows"]}
    assert Decimal(by_code[row.unit_code]["converted"]) == row.converted
    assert tables["KHOI03"]["converted_scale"] is None
    assert {r["converted"] for r in tables["KHOI03"]["rows"]} == {None}
