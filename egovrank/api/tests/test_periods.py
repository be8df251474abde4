"""Periods through the API: every role holder reads them, with their blocks and
participants; the reasons for extensions only for the province's staff, as on the page."""

from __future__ import annotations

from datetime import timedelta

import pytest

from egovrank.periods.actions import do_grant_extension

from .helpers import api, api_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def extended(world):
    until = world.period.self_assessment_deadline + timedelta(days=7)
    do_grant_extension(world.participants["lacdao"], until, "Lũ lụt", actor=world.administrator)


def participant(body, code):
    return next(p for p in body["participants"] if p["unit_code"] == code)


def test_it_lists_the_periods(world):
    body = api_as(world.commune_officer).get(api("periods")).json()
    assert [(p["year"], p["state"], p["participant_count"]) for p in body["results"]] == [
        (2019, "self_assessment", 8)
    ]
    empty = api_as(world.commune_officer).get(api("periods"), {"state": "published"}).json()
    assert empty["count"] == 0


def test_it_shows_blocks_participants_and_extensions_to_the_administrator(world, extended):
    body = api_as(world.administrator).get(api("period", year=2019)).json()
    assert [(b["code"], b["version"]) for b in body["blocks"]] == [
        ("KHOI01", "hungyen-2018-khoi01"),
        ("KHOI02", "hungyen-2018-khoi02"),
        ("KHOI03", "hungyen-2018-khoi03"),
    ]
    lacdao = participant(body, "11989")
    assert lacdao["reviewer_unit"] == "325"
    assert lacdao["extension_reason"] == "Lũ lụt"
    assert lacdao["deadline"] == lacdao["extended_until"]


def test_it_hides_the_reasons_for_extensions_from_others(world, extended):
    body = api_as(world.district_reviewer).get(api("period", year=2019)).json()
    assert participant(body, "11989")["extension_reason"] is None
    assert participant(body, "11989")["extended_until"] is not None
