"""seed_demo loads the whole demo: seeded once here for every test of the module (the
2017–2019 demo, then the merged Hưng Yên of 2025: the shipped registry and its links,
2025 published on the DTI sets, 2026 open, the ward's and Sở KH&CN's accounts); the
tests that need an empty database are in test_seed_demo_accounts.py."""

import io
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from egovrank.accounts.models import RoleAssignment, User
from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.core.models import AuditEvent
from egovrank.demo.hungyen import DEMO_ACCOUNTS, DEMO_PASSWORD
from egovrank.demo.hungyen2025 import DEMO_ACCOUNTS_2025, PHO_HIEN, open_deadline
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Unit, UnitSuccession
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant, Period
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
    """The demo seeded once for the module's tests (about 20 s on SQLite), its output."""
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
    units, links = Unit.objects.count(), UnitSuccession.objects.count()
    participants = Participant.objects.count()
    second = seed()
    # The 2019 list has no years: once the 2025 units reuse its codes it is not
    # imported again (it would rename them), and the 2025 files are imported once.
    assert "the 2019 list is in, and the 2025 registry after it" in second
    assert Unit.objects.get(code="11953", valid_until__isnull=True).name == "Phường Phố Hiến"
    assert User.objects.count() == people
    assert AuditEvent.objects.count() == events
    assert (Unit.objects.count(), UnitSuccession.objects.count()) == (units, links)
    assert Participant.objects.count() == participants


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


# --- the merged Hưng Yên of 2025 ---------------------------------------------------


def signed_in(client, username):
    person = authenticate(username=username, password=DEMO_PASSWORD)
    assert person is not None, username
    client.force_login(person)
    return person


def test_the_shipped_2025_registry_is_loaded_with_its_successor_links(seeded):
    assert "117 new units, 386 successor links" in seeded
    new = Unit.objects.filter(valid_from=2025)
    assert new.filter(kind=UnitKind.DEPARTMENT, block__code="SBN").count() == 13
    assert new.filter(kind=UnitKind.COMMUNE, block__code="XP").count() == 104
    # The reused code: Phố Hiến from 2025, Hiến Nam (the 2019 demo's unit) until 2024.
    pho_hien, hien_nam = Unit.objects.filter(code=PHO_HIEN).latest_first()
    assert (pho_hien.name, pho_hien.valid_from) == ("Phường Phố Hiến", 2025)
    assert (hien_nam.name, hien_nam.valid_until) == ("Phường Hiến Nam", 2024)
    assert UnitSuccession.objects.filter(successor=pho_hien, predecessor=hien_nam).exists()
    # The 2019 demo keeps its units of the time.
    assert Unit.objects.valid_in(2019).filter(block__code="KHOI03").count() == 161


def test_2025_is_published_with_two_blocks_and_117_units_reviewed_by_the_province(seeded):
    assert "Period 2025 published (decision 856/QĐ-UBND of 20/05/2026): 117 units" in seeded
    period = Period.objects.get(year=2025)
    assert period.state == PeriodState.PUBLISHED
    assert {b.block.code: b.version.set_id for b in period.blocks.select_related("block")} == {
        "SBN": "dti-2025-sbn",
        "XP": "dti-2025-xp",
    }
    assert period.participants.count() == 117
    assert set(period.participants.values_list("reviewer_unit__code", flat=True)) == {"33"}
    assert not Forwarding.objects.filter(period=period).exists()
    publication = Publication.objects.get(period=period)
    assert set(publication.blocks) == {"SBN", "XP"}
    results = list(publication.results.all())
    assert Counter(r.block_code for r in results) == {"SBN": 13, "XP": 104}
    assert all(r.rank_in_district is None and not r.district_code for r in results)
    states = Counter(
        Assessment.objects.filter(participant__period=period).values_list("state", flat=True)
    )
    assert set(states) == {AssessmentState.APPROVED, AssessmentState.NOT_SUBMITTED}
    assert states[AssessmentState.NOT_SUBMITTED] == sum(not r.submitted for r in results) > 0
    # The DTI sets have no levels: ranked only.
    assert {r.level_name for r in results} == {""}


def test_2026_is_open_with_its_deadline_ahead_and_phohien_a_draft(seeded):
    period = Period.objects.get(year=2026)
    assert period.state == PeriodState.SELF_ASSESSMENT
    assert period.self_assessment_deadline > timezone.now()
    assert period.self_assessment_deadline == open_deadline(timezone.now())
    assert period.participants.count() == 117
    assert {b.block.code for b in period.blocks.select_related("block")} == {"SBN", "XP"}
    pho_hien = period.participants.get(unit_code=PHO_HIEN)
    assert pho_hien.unit.valid_from == 2025
    assert pho_hien.assessment.state == AssessmentState.DRAFT
    assert "Period 2026 open for self-assessment until" in seeded


def test_the_ward_officer_and_head_sign_in_and_work_on_their_2026_form(seeded, client):
    for username in ("canbo.phohien", "lanhdao.phohien"):
        signed_in(client, username)
        listing = client.get("/assessments/").content.decode()
        assert "/assessments/2026/11953/" in listing
        assert client.get("/assessments/2026/11953/").status_code == 200
        # Another ward's form is not theirs.
        other = Period.objects.get(year=2026).participants.exclude(unit_code=PHO_HIEN)
        other_code = other.filter(block__code="XP").first().unit_code
        assert client.get(f"/assessments/2026/{other_code}/").status_code in (403, 404)
        client.logout()


def test_the_skhcn_reviewer_signs_in_and_reviews_every_2026_unit(seeded, client):
    person = signed_in(client, "thamdinh.sokhcn")
    assert person.unit.name == "Sở Khoa học và Công nghệ"
    period = Period.objects.get(year=2026)
    submitted = period.participants.filter(assessment__state=AssessmentState.SUBMITTED)
    ward = submitted.filter(block__code="XP").first()
    queue = client.get("/review/?year=2026").content.decode()
    assert ward.unit_name in queue
    assert client.get(f"/review/2026/{ward.unit_code}/").status_code == 200


def test_the_2025_accounts_are_bound_to_the_units_of_2025(seeded):
    for account in DEMO_ACCOUNTS_2025:
        person = authenticate(username=account.username, password=DEMO_PASSWORD)
        assert person is not None, account.username
        assert person.unit.valid_from == 2025
        role = RoleAssignment.objects.select_related("unit").get(user=person)
        assert role.role == account.role
        if account.unit is None:
            assert role.unit is None
        else:  # Phố Hiến of 2025, not Hiến Nam, whose code it reuses
            assert (role.unit.code, role.unit.valid_from) == (account.unit, 2025)
