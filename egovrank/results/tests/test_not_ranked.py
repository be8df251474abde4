"""A unit evaluated but not ranked (issue 16): the administrator marks it on the period's
page with a reason; it keeps its points and level, has no rank, takes no place in the
others' ranks, and the reason is shown where its rank would be: the results page, the
publication's public pages and downloads, and the API."""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.periods.choices import PeriodState
from egovrank.results.compute import compute
from egovrank.results.models import PublishedResult

from .helpers import move, published, reviewed

pytestmark = pytest.mark.django_db

REASON = "Không có thủ tục hành chính để đánh giá"


def not_ranked(client, participant, reason=REASON, ranked="0"):
    return client.post(
        reverse("periods:ranking", kwargs={"year": participant.period.year}),
        {"participant": participant.pk, "ranked": ranked, "reason": reason},
    )


def ranks(period, block="KHOI01"):
    return {row.unit.code: row.rank for row, _ in compute(period)[block].rows()}


def test_the_administrator_takes_a_unit_out_of_the_ranking_with_a_reason(world, client_as):
    reviewed(world)
    sotc = world.participants["sotc"]
    before = ranks(world.period)
    response = not_ranked(client_as("administrator"), sotc)
    assert response.status_code == 302
    sotc.refresh_from_db()
    assert (sotc.ranked, sotc.not_ranked_reason) == (False, REASON)
    assert AuditEvent.objects.filter(action="participant.ranking").count() == 1
    after = ranks(world.period)
    assert after[sotc.unit_code] is None
    # The others keep their order, closing the gap the unit leaves.
    others = [code for code in before if code != sotc.unit_code]
    for code in others:
        assert after[code] == 1 + sum(1 for other in others if before[other] < before[code])
    page = client_as("administrator").get(reverse("results:period", kwargs={"year": 2019}))
    assert f"not ranked: {REASON}" in page.content.decode()


def test_not_ranking_needs_a_reason_and_changes_nothing_without_one(world, client_as):
    sotc = world.participants["sotc"]
    response = not_ranked(client_as("administrator"), sotc, reason="  ")
    assert response.status_code == 400
    assert "Give the reason why the unit is not ranked." in response.content.decode()
    sotc.refresh_from_db()
    assert sotc.ranked


def test_only_the_administrator_may_and_not_once_final(world, client_as):
    sotc = world.participants["sotc"]
    assert not_ranked(client_as("unit_head"), sotc).status_code == 403
    move(world.period, PeriodState.FINALISED)
    response = not_ranked(client_as("administrator"), sotc)
    sotc.refresh_from_db()
    assert sotc.ranked
    assert response.status_code in (302, 400)


def test_the_reason_is_published_where_the_rank_would_be(world):
    sotc = world.participants["sotc"]
    sotc.ranked, sotc.not_ranked_reason = False, REASON
    sotc.save()
    publication = published(world)
    row = PublishedResult.objects.get(publication=publication, unit_code=sotc.unit_code)
    assert (row.rank, row.not_ranked_reason) == (None, REASON)
    assert row.level_name  # still evaluated: it has its level
    public = Client(HTTP_ACCEPT_LANGUAGE="en")
    block = reverse("publication:block", kwargs={"year": 2019, "block": "KHOI01"})
    assert f"not ranked: {REASON}" in public.get(block).content.decode()
    downloaded = public.get(reverse("publication:csv", kwargs={"year": 2019, "block": "KHOI01"}))
    lines = list(csv.DictReader(io.StringIO(downloaded.content.decode("utf-8-sig"))))
    mine = next(line for line in lines if line["unit_code"] == sotc.unit_code)
    assert (mine["rank"], mine["not_ranked_reason"]) == ("", REASON)
    data = json.loads(public.get(reverse("publication:json", kwargs={"year": 2019})).content)
    units = [u for block in data["blocks"] for u in block["units"]]
    assert next(u for u in units if u["unit_code"] == sotc.unit_code)["not_ranked_reason"] == REASON
    api = public.get(reverse("api:publication", kwargs={"year": 2019, "number": 1})).json()
    rows = [r for table in api["tables"] for r in table["rows"]]
    mine = next(r for r in rows if r["unit_code"] == sotc.unit_code)
    assert (mine["rank"], mine["not_ranked_reason"]) == (None, REASON)
