"""A set showing its percentage with more than two places (``scoring.percent_decimals``,
issue 16): published with them and shown so on the results page, the public pages and
the CSV/JSON downloads; sets without it keep two places."""

from __future__ import annotations

import csv
import dataclasses
import io
from fractions import Fraction

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.criteria.actions import do_import_version
from egovrank.criteria.versions import criteria_set_of
from egovrank.publication.queries import unit_history
from egovrank.results.models import PublishedResult
from egovrank.results.tests.helpers import published
from egovrank.scoring.fileformat.yaml_io import dump_criteria_set
from egovrank.scoring.numbers import Precision
from egovrank.scoring.tree import Scoring

pytestmark = pytest.mark.django_db

FOUR = Precision(percent_decimals=4)


@pytest.fixture
def publication(world):
    """KHOI01 scored by a copy of its set showing four places of the percentage."""
    period_block = world.period.blocks.get(block__code="KHOI01")
    shipped = criteria_set_of(period_block.version)
    copy = dataclasses.replace(
        shipped,
        meta=dataclasses.replace(shipped.meta, id="khoi01-bon-chu-so"),
        scoring=Scoring(precision=FOUR),
    )
    version = do_import_version(
        "bon-chu-so.yaml", dump_criteria_set(copy).encode(), actor=world.administrator
    )
    period_block.version = version
    period_block.save()
    return published(world)


def share(row):
    return Fraction(row.share_numerator, row.share_denominator)


def test_the_percent_is_published_and_shown_with_the_sets_places(world, publication):
    rows = list(PublishedResult.objects.filter(publication=publication, block_code="KHOI01"))
    for row in rows:
        assert row.percent == FOUR.percent(share(row)), row.unit_code
    # A unit whose four places are not all zeros beyond the second.
    row = next(r for r in rows if len(f"{r.percent:f}".rstrip("0").partition(".")[2]) > 2)
    four = f"{FOUR.percent(share(row)):f}"
    public = Client(HTTP_ACCEPT_LANGUAGE="en")

    def get(name, **kwargs):
        response = public.get(reverse(f"publication:{name}", kwargs={"year": 2019, **kwargs}))
        assert response.status_code == 200, name
        return response

    assert f"{four}%" in get("block", block="KHOI01").content.decode()
    assert f"{four}%" in get("unit", unit=row.unit_code).content.decode()
    lines = csv.DictReader(io.StringIO(get("csv", block="KHOI01").content.decode("utf-8-sig")))
    assert {line["unit_code"]: line["percent"] for line in lines}[row.unit_code] == four
    blocks = {block["code"]: block for block in get("json").json()["blocks"]}
    units = {unit["unit_code"]: unit for unit in blocks["KHOI01"]["units"]}
    assert units[row.unit_code]["percent"] == four
    # Sets without the field keep two places.
    other = csv.DictReader(io.StringIO(get("csv", block="KHOI03").content.decode("utf-8-sig")))
    assert all(len(line["percent"].partition(".")[2]) == 2 for line in other)
    assert all(len(unit["percent"].partition(".")[2]) == 2 for unit in blocks["KHOI03"]["units"])


def test_the_results_page_shows_the_sets_places(world, publication, administrator_client):
    row = next(
        r
        for r in PublishedResult.objects.filter(publication=publication, block_code="KHOI01")
        if len(f"{FOUR.percent(share(r)):f}".rstrip("0").partition(".")[2]) > 2
    )
    page = administrator_client.get(reverse("results:period", kwargs={"year": 2019}))
    assert f"{FOUR.percent(share(row)):f}%" in page.content.decode()


def test_the_units_years_show_each_years_places(world, publication):
    """The years under a unit's page read each publication's places, not the stored six."""
    four = PublishedResult.objects.filter(publication=publication, block_code="KHOI01").first()
    two = PublishedResult.objects.filter(publication=publication, block_code="KHOI03").first()
    for row, places in ((four, 4), (two, 2)):
        (point,) = unit_history(row, 2019)
        assert point.result.percent == row.percent
        assert point.result.percent.as_tuple().exponent == -places, row.unit_code
