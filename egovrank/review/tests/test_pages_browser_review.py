"""The review in a real browser: the provincial reviewer accepts one criterion and
adjusts another, and sees the points and totals move without reloading; the queue and
a district's page pass the accessibility checks too."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.queries import criteria_set_for
from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.review.models import Verification
from egovrank.testing.world import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def with_password(*people):
    for person in people:
        person.set_password(DEMO_PASSWORD)
        person.save()


def submit(participant):
    answers = plausible_answers(criteria_set_for(participant), seed=1)
    fill_demo_form(participant, answers, submit=True)


def test_the_reviewer_accepts_and_adjusts_without_reloading(live_server, page, screenshots, world):
    submit(world.participants["sotc"])
    with_password(world.provincial_reviewer)
    sign_in_browser(page, live_server.url, "provincial_reviewer", language="en")
    page.goto(live_server.url + "/review/")
    page.get_by_role("link", name="Sở Tài chính").click()
    page.locator("#review-totals").wait_for()
    screenshots.take("review-page")

    block = page.locator("#criterion-HT3_1")
    block.get_by_role("button", name="Accept HT3.1").click()
    block.get_by_text("Accepted by Provincial Reviewer").wait_for()
    page.locator("#review-status").get_by_text("HT3.1: the unit's answer is accepted.").wait_for()
    page.locator("#review-state").get_by_text("Under review").wait_for()

    totals_before = page.locator("#review-totals strong").first.inner_text()
    block = page.locator("#criterion-HT1")
    block.locator("summary").get_by_text("Adjust").click()
    block.locator("#adj-num-HT1").fill("0")
    block.get_by_role("button", name="Save the verified answer to HT1").click()
    # The browser refuses the form without the mandatory reason; nothing is posted.
    assert not Verification.objects.filter(code="HT1").exists()
    block.locator("#adj-reason-HT1").fill("Không có danh sách máy tính")
    block.get_by_role("button", name="Save the verified answer to HT1").click()
    page.locator("#criterion-HT1").get_by_text("Adjusted by Provincial Reviewer").wait_for()
    page.locator("#criterion-HT1 .review-verified strong").get_by_text("0/10").wait_for()
    assert page.locator("#review-totals strong").first.inner_text() != totals_before
    screenshots.take("adjusted")
    assert Verification.objects.get(code="HT1").value == "0/150"


def test_the_queue_and_the_district_page_are_accessible(live_server, page, screenshots, world):
    submit(world.participants["lacdao"])
    User = get_user_model()
    with_password(User.objects.get(username="district_reviewer"))
    sign_in_browser(page, live_server.url, "district_reviewer")
    page.goto(live_server.url + "/review/")
    page.get_by_role("link", name="Xã Lạc Đạo").wait_for()
    screenshots.take("queue")
    page.get_by_role("link", name="UBND huyện Văn Lâm").click()
    page.locator("#forwarding-problems").wait_for()
    screenshots.take("district")
