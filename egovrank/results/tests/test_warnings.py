"""The results page warns about units that did not submit, forms whose review is not
approved, and districts that have not forwarded their communes (before 2025)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from egovrank.assessments.choices import AssessmentState
from egovrank.periods.actions import do_grant_extension
from egovrank.periods.models import Period
from egovrank.results.compute import warnings
from egovrank.testing.world import make_period

from .helpers import fill, forward, reviewed

pytestmark = pytest.mark.django_db


def names(participants):
    return [p.unit_name for p in participants]


def pass_the_deadline(world):
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(days=1)
    )
    world.period.refresh_from_db()


def test_a_period_with_nothing_submitted_warns_about_every_unit(world):
    pass_the_deadline(world)
    found = warnings(world.period)
    assert len(found.not_submitted) == len(world.participants)
    assert found.still_open == []
    assert found.not_reviewed == []
    assert [d.code for d in found.not_forwarded] == ["326", "325"]  # Văn Giang, Văn Lâm
    assert found.blocking


def test_it_tells_submitted_from_not_submitted_forms(world):
    reviewed(world)  # after the deadline
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


def test_units_within_their_deadline_still_have_time_and_did_not_fail(world):
    # Before the deadline nothing submitted is not "did not submit, 0 points".
    found = warnings(world.period)
    assert found.not_submitted == []
    assert len(found.still_open) == len(world.participants)
    pass_the_deadline(world)
    sotc = world.participants["sotc"]
    do_grant_extension(
        sotc, timezone.now() + timedelta(days=5), "Mất điện kéo dài", actor=world.administrator
    )
    found = warnings(world.period)
    assert names(found.still_open) == ["Sở Tài chính"]
    assert "Sở Tài chính" not in names(found.not_submitted)
    # A form the reviewer closed as not submitted is not waiting, whatever its deadline.
    fill(sotc, AssessmentState.NOT_SUBMITTED)
    assert warnings(world.period).still_open == []


def test_the_page_tells_them_apart_in_compact_lists(world, client_as):
    pass_the_deadline(world)
    do_grant_extension(
        world.participants["sotc"],
        timezone.now() + timedelta(days=5),
        "Mất điện kéo dài",
        actor=world.administrator,
    )
    page = client_as("administrator").get(reverse("results:period", kwargs={"year": 2019}))
    html = page.content.decode()
    still = html[html.index('id="still-open"') :].split("</li></ul>")[0]
    assert "still has time" in still and "<li>Sở Tài chính" in still
    failed = html.split("did not submit")[1].split("</ul>")[0]
    assert '<ul class="unit-names">' in failed and "<li>Sở Xây dựng</li>" in failed
    assert "Sở Tài chính" not in failed
    # Its row in the ranking says so too, not "not submitted".
    row = html[html.index('<th scope="row">Sở Tài chính') :].split("</th>")[0]
    assert "still has time" in row and "not submitted" not in row
