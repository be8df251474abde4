"""The results page warns about units that did not submit, forms whose review is not
approved, and districts that have not forwarded their communes (before 2025)."""

import pytest

from egovrank.assessments.choices import AssessmentState
from egovrank.results.compute import warnings
from egovrank.testing.world import make_period

from .helpers import fill, forward, reviewed

pytestmark = pytest.mark.django_db


def names(participants):
    return [p.unit_name for p in participants]


def test_a_period_with_nothing_submitted_warns_about_every_unit(world):
    found = warnings(world.period)
    assert len(found.not_submitted) == len(world.participants)
    assert found.not_reviewed == []
    assert [d.code for d in found.not_forwarded] == ["326", "325"]  # Văn Giang, Văn Lâm
    assert found.blocking


def test_it_tells_submitted_from_not_submitted_forms(world):
    reviewed(world)
    fill(world.participants["sotc"], AssessmentState.IN_REVIEW)
    fill(world.participants["lacdao"], AssessmentState.RETURNED)
    fill(world.participants["vanlam"], AssessmentState.DRAFT)
    fill(world.participants["chidao"], AssessmentState.NOT_SUBMITTED)
    found = warnings(world.period)
    assert names(found.not_reviewed) == ["Sở Tài chính", "Xã Lạc Đạo"]
    assert names(found.not_submitted) == ["Sở Xây dựng", "UBND huyện Văn Lâm", "Xã Chỉ Đạo"]
    assert found.not_forwarded == []


def test_a_forwarding_sent_back_no_longer_counts(world):
    from django.utils import timezone

    reviewed(world)
    world.period.forwardings.filter(district=world.units["vanlam"]).update(
        sent_back_at=timezone.now(), sent_back_by=world.provincial_reviewer
    )
    assert [d.code for d in warnings(world.period).not_forwarded] == ["325"]


def test_from_2025_no_district_forwards(world):
    period = make_period(world, year=2025, state="review")
    assert warnings(period).not_forwarded == []


def test_no_warning_when_every_unit_is_approved_and_forwarded(world):
    for seed, participant in enumerate(world.participants.values(), start=1):
        fill(participant, seed=seed)
    forward(world)
    assert not warnings(world.period)
