"""Every public page costs the same number of queries whatever the number of units: a
160-unit block (the size of Hưng Yên's Khối 03) and a much larger one read alike.

A publication is read only from its stored rows, so the tests grow a published block by
appending snapshot rows as a publication writes them (with successor links for some),
which is quick even for a thousand units."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from egovrank.orgs.models import Unit, UnitSuccession
from egovrank.periods.models import Period
from egovrank.results.models import Publication, PublishedResult
from egovrank.results.tests.helpers import DECISION, published
from egovrank.testing.world import make_period

from .helpers import anonymous

pytestmark = pytest.mark.django_db

SIZES = [160, 1200]
# The queries of each page the first time it is drawn (anonymous visitor, so no session
# or user queries), the first of them the state of the publications its snapshot is
# keyed by (publication/snapshot.py). The block and unit pages read the year before for
# the movement; the unit page asks whether a reorganisation formed the unit that year.
# Asked again, a page is served from its snapshot: that one query alone.
EXPECTED = {
    "index": 4,
    "year": 5,
    "block": 8,
    "districts": 3,
    "unit": 16,
    "embed": 3,
    "feed": 2,
}
AGAIN = 1


def communes(prefix: str, count: int, world, *, two_tier: bool = False) -> list[Unit]:
    Unit.objects.bulk_create(
        Unit(
            code=f"{prefix}{n}",
            name=f"Xã Thử {prefix}{n}",
            kind="commune",
            block=world.blocks["KHOI03"],
            parent=world.units["province" if two_tier else ("vanlam" if n % 2 else "vangiang")],
        )
        for n in range(count)
    )
    # The units in force: a code of 2024 reused from 2025 names two units.
    found = Unit.objects.filter(code__startswith=prefix, valid_until__isnull=True)
    return list(found.order_by("pk"))


def grow(
    publication: Publication,
    units: list[Unit],
    *,
    two_tier: bool = False,
    like: Publication | None = None,
) -> None:
    """The units as more communes of Khối 03 in ``publication``, with every node of a
    real row, written as a publication writes them (with no district in a two-tier
    year)."""
    model = (like or publication).results.filter(block_code="KHOI03").first()
    assert model is not None
    PublishedResult.objects.bulk_create(
        [
            PublishedResult(
                publication=publication,
                block_code="KHOI03",
                unit_code=unit.code,
                unit_name=unit.name,
                unit_id=unit.pk,
                district_code="" if two_tier else ("325" if n % 2 else "326"),
                district_name=""
                if two_tier
                else ("UBND huyện Văn Lâm" if n % 2 else "UBND huyện Văn Giang"),
                submitted=True,
                rank=4 + n,
                rank_in_district=None if two_tier else 1 + n // 2,
                points=Decimal("300.50"),
                max_points=Decimal(500),
                share_numerator=601,
                share_denominator=1000,
                percent=Decimal("60.10"),
                level_code="trung_binh",
                level_name="Trung bình",
                self_points=Decimal("480.25"),
                nodes=model.nodes,
            )
            for n, unit in enumerate(units)
        ],
        batch_size=500,
    )


def two_years(world, size: int) -> None:
    """2019 and 2020 published, Khối 03 with ``size`` more communes each year; in 2020 a
    tenth of them continue a commune of 2019 under a new code (renamed)."""
    first = published(world)
    before = communes("A", size, world)
    grow(first, before)
    make_period(world, year=2020)
    second = Publication.objects.create(
        period=world.period,
        number=1,
        decision_number="88/QĐ-UBND",
        decision_date=DECISION["decision_date"],
        signer="A",
        published_by=world.administrator,
        blocks=first.blocks,
    )
    PublishedResult.objects.bulk_create(
        PublishedResult(**{
            field.name: getattr(row, field.name)
            for field in PublishedResult._meta.concrete_fields
            if field.name not in ("id", "publication")
        }, publication=second)
        for row in first.results.filter(unit_id__in=[u.pk for u in world.units.values()])
    )  # fmt: skip
    renamed = communes("B", size // 10, world)
    UnitSuccession.objects.bulk_create(
        UnitSuccession(predecessor=old, successor=new, kind="renamed", year=2020)
        for old, new in zip(before, renamed, strict=False)
    )
    grow(second, renamed + before[len(renamed) :])


def across_the_reform(world, size: int) -> None:
    """2024 published with districts and 2025 with two tiers, Khối 03 with ``size`` more
    communes each year; in 2025 each pair of communes of 2024 is merged into one ward
    (the first of the pair's code reused, as the 2025 reform reused codes), the other
    half of the block new communes of the province."""
    Period.objects.filter(pk=world.period.pk).update(year=2024)
    world.period.refresh_from_db()
    first = published(world)
    before = communes("A", size, world)
    grow(first, before)
    Unit.objects.filter(pk__in=[unit.pk for unit in before]).update(valid_until=2024)
    make_period(world, year=2025)
    second = Publication.objects.create(
        period=world.period,
        number=1,
        decision_number="88/QĐ-UBND",
        decision_date=DECISION["decision_date"],
        signer="A",
        published_by=world.administrator,
        blocks=first.blocks,
    )
    merged = communes("A", size // 2, world, two_tier=True)  # codes A0… reused
    Unit.objects.filter(pk__in=[unit.pk for unit in merged]).update(valid_from=2025)
    assert not {unit.pk for unit in merged} & {unit.pk for unit in before}
    UnitSuccession.objects.bulk_create(
        UnitSuccession(predecessor=old, successor=merged[n // 2], kind="merged", year=2025)
        for n, old in enumerate(before)
    )
    others = communes("C", size - len(merged), world, two_tier=True)
    PublishedResult.objects.bulk_create(
        PublishedResult(**{
            field.name: getattr(row, field.name)
            for field in PublishedResult._meta.concrete_fields
            if field.name not in ("id", "publication")
        }, publication=second)
        for row in first.results.filter(block_code="KHOI01")
    )  # fmt: skip
    grow(second, merged + others, two_tier=True, like=first)


def urls(year: int = 2020, unit: str = "B1") -> dict[str, str]:
    return {
        "index": reverse("publication:index"),
        "year": reverse("publication:year", kwargs={"year": year}),
        "block": reverse("publication:block", kwargs={"year": year, "block": "KHOI03"}),
        "districts": reverse("publication:districts", kwargs={"year": year, "block": "KHOI03"}),
        "unit": reverse("publication:unit", kwargs={"year": year, "unit": unit}),
        "embed": reverse("publication:embed", kwargs={"year": year, "block": "KHOI03"}),
        "feed": reverse("publication:feed"),
    }


# A two-tier year has no district table: its block page links none, and the districts
# page is not found (one query fewer: the block's rows are read, no district among them).
TWO_TIER = {page: count for page, count in EXPECTED.items() if page != "districts"}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", list(TWO_TIER))
def test_a_two_tier_year_s_page_does_not_grow_with_the_units(
    world, django_assert_num_queries, size, page
):
    across_the_reform(world, size)
    url = urls(2025, "A1")[page]
    client = anonymous()
    with django_assert_num_queries(TWO_TIER[page]):
        response = client.get(url)
    assert response.status_code == 200
    if page == "block":
        rows = {row.unit_code: row for row in response.context["rows"]}
        assert rows["A1"].movement.reorganised
        assert {item.unit_code for item in rows["A1"].movement.earlier} == {"A2", "A3"}
    if page == "unit":
        assert response.context["reorganised"]
        assert [point.result.unit_code for point in response.context["history"]] == [
            "A2",
            "A3",
            "A1",
        ]
    with django_assert_num_queries(AGAIN):
        again = anonymous().get(url)
    assert again.status_code == 200


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", list(EXPECTED))
def test_a_public_page_does_not_grow_with_the_units(world, django_assert_num_queries, size, page):
    two_years(world, size)
    url = urls()[page]
    client = anonymous()
    with django_assert_num_queries(EXPECTED[page]):
        response = client.get(url)
    assert response.status_code == 200
    if page in ("block", "embed"):
        assert len(response.context["rows"]) == 3 + size
    if page == "block":
        assert response.context["rows"][4].movement.renamed  # B1, once A1
    if page == "unit":
        assert [item.unit_code for item in response.context["movement"].earlier] == ["A1"]
    with django_assert_num_queries(AGAIN):
        again = anonymous().get(url)
    assert again.status_code == 200
    assert _without_csrf(again.content) == _without_csrf(response.content)


def _without_csrf(content: bytes) -> bytes:
    """The page without the CSRF token of the language form, which is each visitor's."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)
