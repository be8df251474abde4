"""A ward of the two-tier province fills in and submits its 2026 form in a real browser,
on the 2026 part of the demo: Phường Phố Hiến's officer opens the form from her
workspace and answers two criteria of the DTI set for communes and wards (the points
follow as she types); the rest is filled through the actions the pages call; the head
submits through the confirmation page with the declaration ticked. The form then goes
to the province (no district in between). Every page passes axe (``screenshots.take``).
"""

from __future__ import annotations

import pytest

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Answer, Assessment
from egovrank.demo.hungyen2025 import OPEN_YEAR, PHO_HIEN, load_open_2026, load_registry_2025
from egovrank.orgs.choices import UnitKind
from egovrank.periods.models import Participant
from egovrank.periods.rules import period_shape
from egovrank.testing.world import sign_in_browser

from .test_browser_self_assessment import finish_the_form, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM = f"/assessments/{OPEN_YEAR}/{PHO_HIEN}/"


@pytest.fixture
def demo_2026(transactional_db):
    """Only what the journey needs of the demo: the 2025 registry with the ward's
    accounts, and the open 2026 period (Phố Hiến a draft). Neither the 2017–2019 demo
    nor the published 2025 period: about 2 s instead of 20."""
    load_registry_2025()
    load_open_2026()


def test_a_ward_officer_fills_in_and_the_head_submits_in_2026(
    live_server, page, screenshots, demo_2026, vi
):
    assert period_shape(OPEN_YEAR).two_tier
    phohien = Participant.objects.select_related("reviewer_unit").get(
        period__year=OPEN_YEAR, unit_code=PHO_HIEN
    )
    assert phohien.reviewer_unit.kind == UnitKind.PROVINCE
    # What the officer is about to type is not answered yet in the demo's draft.
    assert not Answer.objects.filter(assessment__participant=phohien, code__in=["KX3", "KX4"])

    sign_in_browser(page, live_server.url, "canbo.phohien")
    card = page.locator("section.card").filter(
        has=page.get_by_role("heading", name="Phường Phố Hiến")
    )
    card.get_by_role("link", name=vi("Self-assessment %(year)s", year=OPEN_YEAR)).click()
    page.wait_for_url("**" + FORM)

    # A ratio: 120 of 150 businesses pay without cash, 0.8 × 40 points.
    page.locator("#num-KX3").fill("120")
    page.locator("#den-KX3").fill("150")
    page.locator("#r-KX3 strong").get_by_text("32/40").wait_for()
    # Wait for KX3's save before the next change (its answer must not arrive last).
    page.locator("#save-status").get_by_text("KX3 ").wait_for()
    # A count in bands: 4 products online reach the band of 3 (25 points).
    page.locator("#v-KX4").fill("4")
    page.locator("#r-KX4 strong").get_by_text("25/40").wait_for()
    page.locator("#save-status").get_by_text("KX4 ").wait_for()
    # A figure that comes from a system cannot be typed here.
    assert page.locator("#c-CQ4 fieldset[disabled]").count() == 1
    screenshots.take("ward-officer-typing")
    answers = dict(
        Answer.objects.filter(assessment__participant=phohien).values_list("code", "value")
    )
    assert (answers["KX3"], answers["KX4"]) == ("120/150", "4")
    sign_out(page)

    # The rest of the form, as the officer and the figures import would fill it.
    finish_the_form(phohien, actor=None)

    sign_in_browser(page, live_server.url, "lanhdao.phohien")
    page.goto(live_server.url + FORM)
    page.get_by_role("link", name=vi("Submit the self-assessment")).click()
    page.wait_for_url("**" + FORM + "submit/")
    assert page.locator("#submit-ready").is_visible()
    declaration = vi("I declare that the figures and evidence in this self-assessment are true.")
    page.get_by_label(declaration).check()
    screenshots.take("ward-head-confirms")
    page.get_by_role("button", name=vi("Submit the self-assessment")).click()
    page.wait_for_url("**" + FORM)
    assert vi("The self-assessment is submitted.") in page.locator(".messages").inner_text()
    assessment = Assessment.objects.get(participant=phohien)
    assert assessment.state == AssessmentState.SUBMITTED
    assert assessment.submitted_by.username == "lanhdao.phohien"
    assert assessment.submissions.get().declaration == declaration
    assert page.locator("#lock-reason").is_visible()
    assert page.locator("#c-KX3 fieldset[disabled]").count() == 1
    screenshots.take("ward-head-submitted")
