"""A shared figure's verdict in a real browser: the reviewer saves the verified staff
count and the criteria using it are scored again in place (HTMX, no reload)."""

from __future__ import annotations

import pytest

from egovrank.assessments.tests.test_shared_figures import shared  # noqa: F401 - fixture
from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.review.models import Verification
from egovrank.testing.world import sign_in_browser

from .test_figure_verdicts import submitted_with_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reviewer_adjusts_a_shared_figure_in_place(live_server, page, screenshots, shared):  # noqa: F811
    submitted_with_staff(shared)
    shared.provincial_reviewer.set_password(DEMO_PASSWORD)
    shared.provincial_reviewer.save()
    sign_in_browser(page, live_server.url, "provincial_reviewer", language="en")
    page.goto(live_server.url + "/review/2019/K01-05/")
    page.locator("#criterion-HT1 .review-verified strong").get_by_text("8/10").wait_for()
    row = page.locator("#figures")
    row.locator("#fig-v-TONG_CBCCVC").fill("80")
    row.locator("#fig-reason-TONG_CBCCVC").fill("Danh sách lương có 80 người")
    row.get_by_role("button", name="Save the verified figure TONG_CBCCVC").click()
    page.locator("#figure-done").get_by_text("TONG_CBCCVC: the verified figure is saved").wait_for()
    page.locator("#criterion-HT1 .review-verified strong").get_by_text("5/10").wait_for()
    assert "#fig-" not in page.url  # swapped in place: the no-JavaScript answer redirects
    screenshots.take("figure-adjusted")
    assert Verification.objects.get(code="TONG_CBCCVC").value == "80"
