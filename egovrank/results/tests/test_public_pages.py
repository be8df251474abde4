"""A publication is public: anyone reads it, straight from its stored rows, with its
decision; the list of a period's publications too. Nothing is public before."""

import pytest
from django.urls import reverse

from egovrank.results.models import PublishedResult

from .conftest import client_of
from .helpers import published, reviewed

pytestmark = pytest.mark.django_db


def publication_url(number=1, year=2019):
    return reverse("results:publication", kwargs={"year": year, "number": number})


def test_anyone_reads_a_publication_with_its_decision(world):
    publication = published(world)
    response = client_of(language="vi").get(publication_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "123/QĐ-UBND" in page
    assert "20/03/2020" in page
    assert "Nguyễn Văn Phóng, Phó Chủ tịch UBND tỉnh" in page
    for result in publication.results.all():
        assert result.unit_name in page
    sotc = publication.results.get(unit_code="K01-05")
    vietnamese = f"{sotc.percent}".replace(".", ",") + "%"
    assert vietnamese in page


def test_the_page_shows_the_stored_rows_not_a_new_computation(world):
    publication = published(world)
    # Later changes to the forms leave the published page as announced.
    from egovrank.assessments.models import Answer

    Answer.objects.filter(assessment__participant__period=world.period).delete()
    response = client_of().get(publication_url())
    tables = response.context["tables"]
    shown = {row.unit_code: (row.rank, row.points) for t in tables for row in t.rows}
    stored = {r.unit_code: (r.rank, r.points) for r in PublishedResult.objects.all()}
    assert shown == stored
    assert publication.results.count() == len(shown)


def test_rows_keep_the_core_s_order(world):
    publication = published(world)
    tables = client_of().get(publication_url()).context["tables"]
    khoi01 = [row.unit_code for row in tables[0].rows]
    assert khoi01 == list(
        publication.results.filter(block_code="KHOI01")
        .order_by("pk")
        .values_list("unit_code", flat=True)
    )
    assert [row.rank for row in tables[0].rows] == sorted(row.rank for row in tables[0].rows)


def test_the_list_of_publications_is_public(world):
    published(world)
    response = client_of().get(reverse("results:publications", kwargs={"year": 2019}))
    assert response.status_code == 200
    assert publication_url() in response.content.decode()


def test_nothing_is_public_before_publication(world):
    reviewed(world)
    anonymous = client_of()
    assert anonymous.get(publication_url()).status_code == 404
    assert anonymous.get(reverse("results:publications", kwargs={"year": 2019})).status_code == 404


def test_a_missing_publication_is_not_found(world):
    published(world)
    assert client_of().get(publication_url(number=2)).status_code == 404
    assert client_of().get(publication_url(year=1999)).status_code == 404
