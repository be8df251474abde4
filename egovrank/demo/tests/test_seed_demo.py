"""seed_demo loads the whole demo: seeded once here for every test of the module;
the tests that need an empty database are in test_seed_demo_accounts.py."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from egovrank.accounts.models import RoleAssignment, User
from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.core.models import AuditEvent
from egovrank.demo.hungyen import DEMO_ACCOUNTS
from egovrank.orgs.models import Unit
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.publication.queries import previous_results
from egovrank.results.models import Publication
from egovrank.review.models import Forwarding
from egovrank.testing.database import rolled_back_at_the_end

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--demo-installation", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo seeded once for the module's tests (about 12 s on SQLite), its output."""
    with rolled_back_at_the_end(django_db_blocker):
        yield seed()


def test_it_loads_the_hungyen_units_and_one_account_per_role(seeded):
    output = seeded
    assert "KHOI01" in output and "max 500" in output
    assert "189 new" in output
    assert Unit.objects.filter(block__code="KHOI01").valid_in(2019).count() == 18
    assert Unit.objects.filter(block__code="KHOI02").count() == 10
    assert Unit.objects.filter(block__code="KHOI03").count() == 161
    assert Unit.objects.get(code="11989").parent.code == "325"
    assert {a.role for a in DEMO_ACCOUNTS} == set(
        RoleAssignment.objects.values_list("role", flat=True)
    )
    assert RoleAssignment.objects.get(user__username="thamdinh.vanlam").unit.code == "325"


def test_it_can_run_twice_and_changes_nothing_the_second_time(seeded):
    people, events = User.objects.count(), AuditEvent.objects.count()
    second = seed()
    assert "0 new, 0 changed, 189 unchanged" in second
    assert User.objects.count() == people
    assert AuditEvent.objects.count() == events


def test_it_publishes_2017_and_2018_through_the_review_and_results_actions(seeded):
    output = seeded
    assert "Period 2017 published (decision 1432/QĐ-UBND of 15/06/2018): 190 units" in output
    assert "Period 2018 published (decision 1510/QĐ-UBND of 05/07/2019): 189 units" in output
    assert Period.objects.get(year=2019).state == PeriodState.SELF_ASSESSMENT
    for year in (2017, 2018):
        period = Period.objects.get(year=year)
        assert period.state == PeriodState.PUBLISHED
        publication = Publication.objects.get(period=period)
        results = list(publication.results.all())
        assert len(results) == period.participants.count()
        assert {r.level_name for r in results} == {"Tốt", "Khá", "Trung bình", "Yếu"}
        states = Counter(
            Assessment.objects.filter(participant__period=period).values_list("state", flat=True)
        )
        assert set(states) == {AssessmentState.APPROVED, AssessmentState.NOT_SUBMITTED}
        assert states[AssessmentState.NOT_SUBMITTED] == sum(not r.submitted for r in results)
        # Every district reviewed and forwarded its communes, as finalising requires.
        assert Forwarding.objects.filter(period=period, sent_back_at__isnull=True).count() == 10
        actions = Counter(
            AuditEvent.objects.filter(
                target_type="assessments.assessment",
                target_id__in=[
                    str(pk) for pk in period.participants.values_list("assessment", flat=True)
                ],
            ).values_list("action", flat=True)
        )
        assert actions["assessment.approved"] == states[AssessmentState.APPROVED]
        assert actions["review.adjusted"] > 0
        assert actions["results.published"] == len(results)


def test_the_published_years_follow_units_across_a_rename_and_a_merger(seeded):
    published = {
        year: {r.unit_code: r for r in Publication.objects.get(period__year=year).results.all()}
        for year in (2017, 2018)
    }
    # Mỹ Hào became a town in 2019: the earlier years keep the names of their time.
    assert published[2018]["328"].unit_name == "UBND huyện Mỹ Hào"
    assert published[2018]["12103"].unit_name == "Thị trấn Bần Yên Nhân"
    assert Unit.objects.get(code="328").name == "UBND thị xã Mỹ Hào"
    # Sở Ngoại vụ took part in 2017 only; its work passed to the office from 2018.
    assert "K01-19" in published[2017] and "K01-19" not in published[2018]
    office = published[2018]["K01-01"]
    assert {r.unit_code for r in previous_results(office, 2018)} == {"K01-01", "K01-19"}
    moved = [
        code
        for code in published[2018]
        if code in published[2017] and published[2018][code].rank != published[2017][code].rank
    ]
    assert len(moved) > len(published[2018]) // 2, "most units moved between the years"
