"""An index that only ranks (a set with ``levels: []``, issue 16): results and
publication pages, downloads and the API show no level instead of failing."""

import dataclasses
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.criteria.actions import do_import_version
from egovrank.criteria.versions import criteria_set_of
from egovrank.results.models import PublishedResult
from egovrank.results.tests.helpers import published, reviewed
from egovrank.scoring.fileformat.yaml_io import dump_criteria_set
from egovrank.scoring.levels import LevelScale
from egovrank.scoring.tree import Scoring

pytestmark = pytest.mark.django_db


def ranking_only(world):
    """KHOI01 scored by a copy of its set without levels, with a converted score."""
    period_block = world.period.blocks.get(block__code="KHOI01")
    shipped = criteria_set_of(period_block.version)
    copy = dataclasses.replace(
        shipped,
        meta=dataclasses.replace(shipped.meta, id="khoi01-chi-xep-hang"),
        levels=LevelScale(()),
        scoring=Scoring(converted_scale=Decimal(1000)),
    )
    text = dump_criteria_set(copy)
    version = do_import_version("chi-xep-hang.yaml", text.encode(), actor=world.administrator)
    period_block.version = version
    period_block.save()


def test_a_ranking_only_index_is_published_and_shown_without_levels(world):
    ranking_only(world)
    publication = published(world)
    rows = PublishedResult.objects.filter(publication=publication, block_code="KHOI01")
    assert rows.exists()
    assert {(row.level_code, row.level_name) for row in rows} == {("", "")}
    assert {row.rank for row in rows} != {None}
    public = Client(HTTP_ACCEPT_LANGUAGE="vi")
    pages = [
        reverse("publication:year", kwargs={"year": 2019}),
        reverse("publication:block", kwargs={"year": 2019, "block": "KHOI01"}),
        reverse("publication:unit", kwargs={"year": 2019, "unit": rows[0].unit_code}),
        reverse("publication:csv", kwargs={"year": 2019, "block": "KHOI01"}),
        reverse("publication:json", kwargs={"year": 2019}),
        reverse("publication:xlsx", kwargs={"year": 2019}),
        reverse("publication:pdf", kwargs={"year": 2019}),
        reverse("publication:embed", kwargs={"year": 2019, "block": "KHOI01"}),
        reverse("api:publication", kwargs={"year": 2019, "number": 1}),
    ]
    for url in pages:
        assert public.get(url).status_code == 200, url
    api = public.get(reverse("api:publication", kwargs={"year": 2019, "number": 1})).json()
    table = next(t for t in api["tables"] if t["code"] == "KHOI01")
    assert {row["level"] is None for row in table["rows"]} == {True}


def test_the_results_page_of_a_ranking_only_index_shows_no_level(world):
    ranking_only(world)
    reviewed(world)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.people["administrator"])
    page = client.get(reverse("results:period", kwargs={"year": 2019}))
    assert page.status_code == 200
    api = client.get(reverse("api:results", kwargs={"year": 2019}))
    assert api.status_code == 200


def test_three_decimal_totals_are_published_as_computed(world):
    """DTI tables give totals with three decimals: the published row keeps them."""
    period_block = world.period.blocks.get(block__code="KHOI01")
    shipped = criteria_set_of(period_block.version)
    copy = dataclasses.replace(
        shipped,
        meta=dataclasses.replace(shipped.meta, id="khoi01-ba-so-le"),
        scoring=Scoring(
            precision=dataclasses.replace(
                shipped.scoring.precision, points_decimals=3, rounding="truncate"
            )
        ),
    )
    version = do_import_version(
        "ba-so-le.yaml", dump_criteria_set(copy).encode(), actor=world.administrator
    )
    period_block.version = version
    period_block.save()
    reviewed(world)
    from egovrank.results.compute import compute

    expected = {
        row.unit.code: row.score.points for row, _ in compute(world.period)["KHOI01"].rows()
    }
    assert any(points != points.quantize(Decimal("0.01")) for points in expected.values())
    publication = published(world)
    stored = {
        row.unit_code: row.points
        for row in PublishedResult.objects.filter(publication=publication, block_code="KHOI01")
    }
    assert stored == expected


def test_a_set_rounding_only_the_total_shows_its_groups_with_its_places(world):
    period_block = world.period.blocks.get(block__code="KHOI01")
    shipped = criteria_set_of(period_block.version)
    copy = dataclasses.replace(
        shipped,
        meta=dataclasses.replace(shipped.meta, id="khoi01-lam-tron-tong"),
        scoring=Scoring(
            precision=dataclasses.replace(
                shipped.scoring.precision, points_decimals=3, rounding="truncate", round_at="total"
            )
        ),
    )
    version = do_import_version(
        "lam-tron-tong.yaml", dump_criteria_set(copy).encode(), actor=world.administrator
    )
    period_block.version = version
    period_block.save()
    publication = published(world)
    stored = PublishedResult.objects.filter(publication=publication, block_code="KHOI01")
    # The record keeps the unrounded groups; some have more than three places.
    assert any(
        len(points.partition(".")[2]) > 3 for row in stored for points, _, _ in row.nodes.values()
    )
    public = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = public.get(reverse("publication:block", kwargs={"year": 2019, "block": "KHOI01"}))
    csv_text = public.get(
        reverse("publication:csv", kwargs={"year": 2019, "block": "KHOI01"})
    ).content.decode("utf-8-sig")
    for text in (page.content.decode(), csv_text):
        assert not re.search(r"\d[.,]\d{4,}", text)


def test_the_form_and_the_review_of_a_ranking_only_index_show_no_level_line(world):
    """No empty "Level" line on the form, the review's totals or its approval step."""
    ranking_only(world)
    unit = world.participants["sotc"].unit_code
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.people["administrator"])
    pages = [
        client.get(reverse("assessments:form", kwargs={"year": 2019, "unit": unit})),
        client.get(reverse("review:detail", kwargs={"year": 2019, "unit": unit})),
    ]
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert 'summary__label">Level<' not in text
        assert '<th scope="row">Level</th>' not in text
