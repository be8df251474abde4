"""The province reviews a ward directly in 2026, in a real browser, on the 2026 part of
the demo: Sở Khoa học và Công nghệ's reviewer finds Phường Phố Hiến in the 2026 queue
(no district step: no District column, no forwarding), accepts one criterion, adjusts
another with a reason and approves through the preview and its confirmation; the ward's
officer then reads the approved review in her form. Every page passes axe
(``screenshots.take``)."""

from __future__ import annotations

import re

import pytest

from egovrank.accounts.models import User
from egovrank.assessments.actions import do_submit
from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.declaration import declaration_text
from egovrank.assessments.models import Assessment
from egovrank.assessments.tests.test_browser_self_assessment import finish_the_form, sign_out
from egovrank.demo.hungyen2025 import OPEN_YEAR, PHO_HIEN, load_open_2026, load_registry_2025
from egovrank.periods.models import Participant
from egovrank.review.models import Forwarding
from egovrank.testing.world import sign_in_browser

from .test_browser_journeys import adjust, self_and_verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REVIEW = f"/review/{OPEN_YEAR}/{PHO_HIEN}/"
REASON = "Biên bản kiểm tra: bộ phận một cửa chưa có máy quét để số hóa hồ sơ."


@pytest.fixture
def submitted_ward(transactional_db):
    """The 2025 registry and the open 2026 period of the demo (neither the 2017–2019
    demo nor the published 2025 period: about 2 s instead of 20), Phố Hiến's form
    finished and submitted by its head through the actions the pages call."""
    load_registry_2025()
    load_open_2026()
    phohien = Participant.objects.get(period__year=OPEN_YEAR, unit_code=PHO_HIEN)
    finish_the_form(phohien, actor=None)
    head = User.objects.get(username="lanhdao.phohien")
    do_submit(phohien, actor=head, declaration=declaration_text())
    return phohien


def test_the_province_reviews_a_ward_directly_in_2026(
    live_server, page, screenshots, submitted_ward, vi
):
    sign_in_browser(page, live_server.url, "thamdinh.sokhcn")
    page.locator(".site-nav").get_by_role("link", name=vi("Review"), exact=True).click()
    page.wait_for_url("**/review/")
    assert page.get_by_role("heading", level=1).inner_text().endswith(str(OPEN_YEAR))
    queue = page.locator("table.queue")
    # The province reviews the wards itself: no district column, no districts' forwarding.
    columns = queue.locator("thead th").all_inner_texts()
    assert vi("Unit") in columns and vi("District") not in columns
    assert page.locator(".queue-districts").count() == 0
    assert page.locator("#two-tier-note").count() == 0  # not a district reviewer
    ward = queue.get_by_role("row", name=re.compile("Phường Phố Hiến"))
    assert vi("Submitted") in ward.inner_text()
    screenshots.take("province-queue-2026")

    ward.get_by_role("link", name="Phường Phố Hiến").click()
    page.wait_for_url("**" + REVIEW)
    # Accept the action plan as the ward answered it (issued on time, full points).
    assert self_and_verified(page, "TC1") == ("50/50", "50/50")
    accept = vi('Accept <span class="visually-hidden">%(code)s</span>', code="TC1")
    page.locator("#criterion-TC1").get_by_role("button", name=accept).click()
    page.locator("#criterion-TC1 .review-verdict--accepted").wait_for()
    # Adjust the one-stop shop's equipment: not there on inspection.
    assert self_and_verified(page, "HT4") == ("25/25", "25/25")
    adjust(page, "HT4", REASON, choose=vi("No"))
    assert self_and_verified(page, "HT4") == ("25/25", "0/25")
    page.evaluate("window.scrollTo(0, 0)")
    screenshots.take("province-adjusted-a-ward")

    # The approval shows what the ward will see, and binds only when confirmed.
    page.get_by_role("button", name=vi("Approve the review")).click()
    page.locator("#confirm-verified").wait_for()
    assert Assessment.objects.get(participant=submitted_ward).state == AssessmentState.IN_REVIEW
    screenshots.take("province-confirms-the-approval")
    page.get_by_role("button", name=vi("Confirm the approval")).click()
    assert vi("The review is approved.") in page.locator(".messages").inner_text()
    assert page.locator("#review-state").inner_text().strip() == vi("Approved")
    assert Assessment.objects.get(participant=submitted_ward).state == AssessmentState.APPROVED
    assert not Forwarding.objects.exists()
    sign_out(page)

    # The ward's officer reads the verified result and the reason in her form.
    sign_in_browser(page, live_server.url, "canbo.phohien")
    page.goto(f"{live_server.url}/assessments/{OPEN_YEAR}/{PHO_HIEN}/")
    assert vi("Result of the review") in page.locator("#verified").inner_text()
    note = page.locator("#c-HT4 .review-note--adjusted")
    assert vi("Adjusted by the reviewer") in note.inner_text()
    assert REASON in note.inner_text()
    screenshots.take("ward-reads-the-review")
