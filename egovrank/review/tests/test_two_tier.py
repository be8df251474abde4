"""A two-tier period (2025 and after): the province reviews every participant, nothing
is forwarded, and the district reviewer's pages say why there is nothing to do; the
pages of a three-tier year are as before (the other tests of this folder)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egovrank.api.tests.helpers import api, api_as
from egovrank.assessments.tests.conftest import client_of
from egovrank.periods.rules import period_shape
from egovrank.review.actions import ReviewRefused, do_forward
from egovrank.review.models import Forwarding
from egovrank.testing.two_tier import reform
from egovrank.testing.world import make_period

pytestmark = pytest.mark.django_db

NOTE = "local government has two tiers"


@pytest.fixture
def year_2025(world):
    """The world through the reform, with a 2025 period in review (the 2019 period of
    the world stays as it was)."""
    former = {key: world.units[key] for key in ("vanlam", "vangiang")}
    reform(world)
    world.participants = {}
    period = make_period(world, year=2025, state="review")
    world.former = former
    return period


def district_url(period, code="325", name="district"):
    return reverse(f"review:{name}", kwargs={"year": period.year, "district": code})


def test_the_shape_is_decided_by_the_year_alone():
    assert period_shape(2024).district_review and not period_shape(2024).two_tier
    assert period_shape(2025).two_tier and not period_shape(2025).district_review
    assert period_shape(2026).groups_by_former_district


def test_every_participant_is_reviewed_by_the_province(world, year_2025):
    province = world.units["province"]
    participants = year_2025.participants.all()
    assert sorted(p.unit_name for p in participants if p.block.code == "KHOI03") == [
        "Phường Phố Hiến",
        "Xã Nghĩa Trụ",
    ]
    assert {p.reviewer_unit_id for p in participants} == {province.pk}
    assert sorted(year_2025.blocks.values_list("block__code", flat=True)) == ["KHOI01", "KHOI03"]


def test_the_provincial_reviewer_s_queue_holds_the_wards_and_no_forwarding(world, year_2025):
    response = client_of(world.provincial_reviewer).get(reverse("review:queue"), {"year": 2025})
    assert response.status_code == 200
    names = {row.participant.unit_name for row in response.context["rows"]}
    assert {"Phường Phố Hiến", "Xã Nghĩa Trụ", "Sở Tài chính"} <= names
    assert response.context["district_links"] == []
    page = response.content.decode()
    assert "forwarding to" not in page
    assert '<th scope="col">District</th>' not in page  # no district column either
    assert NOTE not in page  # not a district reviewer: nothing to explain


def test_the_district_reviewer_s_queue_says_why_it_is_empty(world, year_2025):
    response = client_of(world.district_reviewer).get(reverse("review:queue"), {"year": 2025})
    assert response.status_code == 200
    assert response.context["rows"] == [] and response.context["district_links"] == []
    page = response.content.decode()
    assert 'id="two-tier-note"' in page and NOTE in page
    # In 2019 the same person has their district's page to forward from.
    before = client_of(world.district_reviewer).get(reverse("review:queue"), {"year": 2019})
    assert [link.district.code for link in before.context["district_links"]] == ["325"]
    assert NOTE not in before.content.decode()


def test_the_district_page_says_why_and_offers_no_forwarding(world, year_2025):
    response = client_of(world.district_reviewer).get(district_url(year_2025))
    assert response.status_code == 200
    page = response.content.decode()
    assert NOTE in page
    assert "Forward the results to" not in page and "Forwarding history" not in page
    assert response.context["may_forward"] is False


def test_forwarding_and_sending_back_are_refused(world, year_2025):
    district = client_of(world.district_reviewer)
    refused = district.post(district_url(year_2025, name="forward"), {"note": "Kính gửi"})
    assert refused.status_code == 409
    assert NOTE in refused.content.decode()
    with pytest.raises(ReviewRefused, match=NOTE):
        do_forward(year_2025, world.former["vanlam"], actor=world.district_reviewer)
    province = client_of(world.provincial_reviewer)
    back = province.post(district_url(year_2025, name="send_back"), {"reason": "Sai"})
    assert back.status_code == 409
    assert not Forwarding.objects.filter(period=year_2025).exists()


def test_the_api_refuses_the_forwarding_too(world, year_2025):
    district = api_as(world.district_reviewer)
    page = district.get(api("district", year=2025, district="325")).json()
    assert page["may_forward"] is False
    refused = district.post(api("forward", year=2025, district="325"), {"note": "x"})
    assert refused.status_code == 409
    assert NOTE in refused.content.decode()
    assert not Forwarding.objects.filter(period=year_2025).exists()


def workspace_card(person, card_id: str) -> str:
    """The text of one card of ``person``'s workspace (``<section>`` ``card_id``)."""
    page = client_of(person).get(reverse("front:workspace")).content.decode()
    start = page.index(f'aria-labelledby="{card_id}"')
    return page[start : page.index("</section>", start)]


def test_the_workspace_cards_say_what_applies_in_a_three_tier_year(world):
    district = workspace_card(world.district_reviewer, f"card-district-{world.units['vanlam'].pk}")
    assert "rank them and forward the results to" in district
    assert NOTE not in district
    province = workspace_card(world.provincial_reviewer, "card-provincial")
    assert "once their districts forward them" in province


def test_the_workspace_cards_say_only_what_applies_in_a_two_tier_year(world, year_2025):
    district = workspace_card(world.district_reviewer, f"card-district-{world.former['vanlam'].pk}")
    assert NOTE in district
    assert "forward" not in district.replace("nothing is forwarded", "")
    province = workspace_card(world.provincial_reviewer, "card-provincial")
    assert "In 2025 you review every participant directly" in province
    assert "once their districts forward them" not in province
    assert 'id="two-tier-note"' not in province  # the note is the district card's
