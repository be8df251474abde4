"""Each participant is reviewed by its district while districts exist (2018–2024) and
by the province after the 2025 two-tier reform."""

import pytest
from django.urls import reverse

from egovrank.periods.actions import do_create_period

pytestmark = pytest.mark.django_db


def add_everyone(client, year):
    client.post(reverse("periods:add_participants", kwargs={"year": year}), {"all": "1"})


def reviewers(period):
    return {
        participant.unit_code: participant.reviewer_unit.code
        for participant in period.participants.select_related("reviewer_unit")
    }


def test_a_commune_is_reviewed_by_its_district_in_2019(world):
    assert reviewers(world.period) == {
        "K01-11": "33",
        "K01-05": "33",
        "K01-09": "33",
        "325": "33",
        "326": "33",
        "11989": "325",
        "11992": "325",
        "12022": "326",
    }


def test_a_commune_added_to_a_2020_draft_is_reviewed_by_its_district(world, client_as, draft):
    add_everyone(client_as("administrator"), 2020)
    assert reviewers(draft)["11989"] == "325"


def test_every_unit_is_reviewed_by_the_province_from_2025(world, client_as):
    period = do_create_period(2025, "Năm 2025", actor=world.administrator)
    add_everyone(client_as("administrator"), 2025)
    assert set(reviewers(period).values()) == {"33"}
    page = client_as("administrator").get(reverse("periods:detail", kwargs={"year": 2025}))
    # No district reviews anyone, so the communes are not grouped by district.
    khoi03 = next(entry for entry in page.context["blocks"] if entry.block.code == "KHOI03")
    assert [group.reviewer for group in khoi03.groups] == [None]
