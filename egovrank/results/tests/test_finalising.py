"""The administrator finalises a period's results once every submitted form is
approved and, before 2025, every district has forwarded its communes."""

import pytest
from django.urls import reverse

from egovrank.assessments.choices import AssessmentState
from egovrank.core.models import AuditEvent
from egovrank.periods.choices import PeriodState
from egovrank.results.actions import ResultsRefused, do_finalise
from egovrank.testing.world import make_period

from .helpers import fill, move, reviewed

pytestmark = pytest.mark.django_db


def finalise_url(year=2019):
    return reverse("results:finalise", kwargs={"year": year})


def test_it_finalises_a_reviewed_period_and_records_it(world, client_as):
    reviewed(world)
    response = client_as("administrator").post(finalise_url())
    assert response.status_code == 302
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.FINALISED
    event = AuditEvent.objects.get(action="results.finalised")
    assert event.target_id == str(world.period.pk)
    assert event.actor == world.administrator
    assert event.data == {"before": "review", "after": "finalised"}


def test_units_that_did_not_submit_do_not_stop_it(world):
    reviewed(world)
    fill(world.participants["sotc"], AssessmentState.DRAFT)
    fill(world.participants["chidao"], AssessmentState.NOT_SUBMITTED)
    assert do_finalise(world.period, actor=world.administrator).state == PeriodState.FINALISED


@pytest.mark.parametrize(
    "state", [AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW, AssessmentState.RETURNED]
)
def test_a_form_not_approved_stops_it_and_is_named(world, client_as, state):
    reviewed(world)
    fill(world.participants["sotc"], state)
    fill(world.participants["lacdao"], state)
    response = client_as("administrator").post(finalise_url())
    assert response.status_code == 409
    page = response.content.decode()
    assert "Forms submitted but not approved: Sở Tài chính, Xã Lạc Đạo." in page
    # Listed once, under the message, not repeated inside it.
    assert page.count("Forms submitted but not approved") == 1
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.REVIEW
    assert not AuditEvent.objects.filter(action="results.finalised").exists()


def test_a_district_that_has_not_forwarded_stops_it_before_2025(world):
    reviewed(world)
    world.period.forwardings.filter(district=world.units["vangiang"]).delete()
    with pytest.raises(ResultsRefused) as refused:
        do_finalise(world.period, actor=world.administrator)
    problems = " ".join(refused.value.problems)
    assert "UBND huyện Văn Giang" in problems
    assert "UBND huyện Văn Lâm" not in problems


def test_from_2025_no_forwarding_is_needed(world):
    period = make_period(world, year=2025, state="review")
    assert do_finalise(period, actor=world.administrator).state == PeriodState.FINALISED


@pytest.mark.parametrize(
    "state", [PeriodState.SELF_ASSESSMENT, PeriodState.FINALISED, PeriodState.PUBLISHED]
)
def test_only_a_period_in_review_can_be_finalised(world, client_as, state):
    reviewed(world)
    move(world.period, state)
    response = client_as("administrator").post(finalise_url())
    assert response.status_code == 409
    assert "Only a period in review can be finalised" in response.content.decode()


def test_the_generic_move_no_longer_finalises(world, client_as):
    reviewed(world)
    response = client_as("administrator").post(
        reverse("periods:change_state", kwargs={"year": 2019}), {"to_state": "finalised"}
    )
    assert response.status_code == 400
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.REVIEW


@pytest.mark.parametrize("persona", ["provincial_reviewer", "district_reviewer", "unit_head"])
def test_only_the_administrator_finalises(world, client_as, persona):
    reviewed(world)
    assert client_as(persona).post(finalise_url()).status_code == 403
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.REVIEW
