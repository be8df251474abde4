"""The results page: the administrator and the provincial reviewers see each block's
ranking (embargoed until publication), the warnings, and the administrator's forms for
the state the period is in. Nobody else sees it."""

import pytest
from django.urls import reverse

from egovrank.assessments.choices import AssessmentState
from egovrank.periods.choices import PeriodState
from egovrank.results.actions import do_finalise
from egovrank.results.compute import compute
from egovrank.scoring.numbers import format_percent

from .conftest import client_of
from .helpers import fill, published, reviewed

pytestmark = pytest.mark.django_db


def page_url(year=2019):
    return reverse("results:period", kwargs={"year": year})


@pytest.mark.parametrize("persona", ["administrator", "provincial_reviewer"])
def test_the_province_s_staff_see_every_block_ranked(world, client_as, persona):
    reviewed(world)
    response = client_as(persona).get(page_url())
    assert response.status_code == 200
    tables = response.context["tables"]
    assert [t.code for t in tables] == ["KHOI01", "KHOI02", "KHOI03"]
    expected = compute(world.period)["KHOI01"].result.rows
    assert [(r.rank, r.unit_code) for r in tables[0].rows] == [
        (row.rank, row.unit.code) for row in expected
    ]
    page = response.content.decode()
    assert "Embargoed" in page
    assert "Rank in the district" in page  # Khối 03


@pytest.mark.parametrize(
    "persona", ["outsider", "district_reviewer", "unit_officer", "unit_head", "commune_officer"]
)
def test_everyone_else_is_refused_even_after_publication(world, client_as, persona):
    published(world)
    assert client_as(persona).get(page_url()).status_code == 403


def test_anonymous_people_are_sent_to_sign_in(world):
    response = client_of().get(page_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_a_missing_period_is_not_found(world, client_as):
    assert client_as("administrator").get(page_url(1999)).status_code == 404


def test_shares_are_written_the_vietnamese_way_and_levels_coloured(world):
    reviewed(world)
    response = client_of(world.administrator, language="vi").get(page_url())
    page = response.content.decode()
    row = compute(world.period)["KHOI01"].result.rows[0]
    vietnamese = format_percent(row.score.share, "vi")
    assert "," in vietnamese and vietnamese in page
    assert f'class="level level--{row.score.level.code}"' in page


def test_the_warnings_name_the_units(world, client_as):
    reviewed(world)
    fill(world.participants["sotc"], AssessmentState.IN_REVIEW)
    page = client_as("administrator").get(page_url()).content.decode()
    assert "Sở Xây dựng" in page.split("did not submit")[1].split("</li>")[0]
    assert "Sở Tài chính" in page.split("submitted but not approved")[1].split("</li>")[0]
    assert "not reviewed" in page


def test_the_finalise_button_is_offered_in_review_to_the_administrator(world, client_as):
    reviewed(world)
    finalise = reverse("results:finalise", kwargs={"year": 2019})
    assert finalise in client_as("administrator").get(page_url()).content.decode()
    assert finalise not in client_as("provincial_reviewer").get(page_url()).content.decode()


def test_the_publish_form_is_offered_once_finalised(world, client_as):
    reviewed(world)
    do_finalise(world.period, actor=world.administrator)
    response = client_as("administrator").get(page_url())
    page = response.content.decode()
    assert reverse("results:publish", kwargs={"year": 2019}) in page
    assert 'name="decision_number"' in page and 'name="signer"' in page
    assert reverse("results:finalise", kwargs={"year": 2019}) not in page
    reviewer = client_as("provincial_reviewer").get(page_url()).content.decode()
    assert reverse("results:publish", kwargs={"year": 2019}) not in reviewer


def test_once_published_it_lists_publications_and_offers_corrections(world, client_as):
    published(world)
    response = client_as("administrator").get(page_url())
    page = response.content.decode()
    assert "Embargoed" not in page
    assert reverse("results:publication", kwargs={"year": 2019, "number": 1}) in page
    assert reverse("results:open_correction", kwargs={"year": 2019, "code": "K01-05"}) in page
    assert "No correction is open." in page
    reviewer = client_as("provincial_reviewer").get(page_url()).content.decode()
    assert "results:open_correction" not in reviewer
    assert reverse("results:open_correction", kwargs={"year": 2019, "code": "K01-05"}) not in (
        reviewer
    )


def test_the_period_page_links_to_the_results_from_the_review_on(world, client_as):
    detail = reverse("periods:detail", kwargs={"year": 2019})
    admin = client_as("administrator")
    assert page_url() not in admin.get(detail).content.decode()
    reviewed(world)
    assert page_url() in admin.get(detail).content.decode()
    assert page_url() in client_as("provincial_reviewer").get(detail).content.decode()
    assert page_url() not in client_as("unit_head").get(detail).content.decode()
    world.period.state = PeriodState.PUBLISHED
    world.period.save()
    publications = reverse("results:publications", kwargs={"year": 2019})
    assert publications in client_as("unit_head").get(detail).content.decode()
