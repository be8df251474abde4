"""The administrator finalises and publishes a period's results in a real browser,
re-opens a unit and publishes the correction; anyone then reads both publications."""

from __future__ import annotations

import re

import pytest

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.core.demo import DEMO_PASSWORD
from egovrank.core.testing import sign_in_browser
from egovrank.results.models import Publication

from .helpers import adjust, reviewed, set_state

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def notice(page):
    return page.locator(".messages").inner_text()


def test_the_administrator_publishes_and_corrects_the_results(
    live_server, page, screenshots, world
):
    reviewed(world)
    world.administrator.set_password(DEMO_PASSWORD)
    world.administrator.save()
    sign_in_browser(page, live_server.url, "administrator", language="en")

    page.goto(live_server.url + "/periods/2019/")
    page.get_by_role("main").get_by_role("link", name="Results").click()
    page.wait_for_url("**/results/2019/")
    ranking = page.get_by_role("table", name="Ranking of Khối 01")
    assert ranking.get_by_role("row", name=re.compile("Sở Xây dựng")).inner_text().startswith("3")
    screenshots.take("review")

    page.get_by_role("button", name="Finalise the results").click()
    assert "The results are finalised" in notice(page)
    page.get_by_label("Decision number").fill("123/QĐ-UBND")
    page.get_by_label("Decision date").fill("2020-03-20")
    page.get_by_label("Signed by").fill("Nguyễn Văn Phóng")
    page.get_by_role("button", name="Publish the results").click()
    page.wait_for_url("**/results/2019/1/")
    assert "The results are published." in notice(page)
    screenshots.take("publication-1")

    page.goto(live_server.url + "/results/2019/")
    page.get_by_text("Re-open Sở Tài chính").click()
    row = page.get_by_role("row", name=re.compile("Sở Tài chính"))
    row.get_by_label("Reason for re-opening").fill("Bổ sung tài liệu kiểm chứng")
    row.get_by_role("button", name="Re-open for a correction").click()
    assert "Sở Tài chính is re-opened" in notice(page)

    # The provincial reviewer corrects and approves the review (the review app's job).
    assessment = Assessment.objects.get(participant=world.participants["sotc"])
    current = assessment.answers.get(code="HT3.1").value
    adjust(assessment, "HT3.1", "no" if current == "yes" else "yes", by=world.provincial_reviewer)
    set_state(assessment, AssessmentState.APPROVED)

    page.reload()
    corrections = page.locator("#corrections-heading").locator("..")
    corrections.get_by_label("Decision number").fill("150/QĐ-UBND")
    corrections.get_by_label("Decision date").fill("2020-04-15")
    corrections.get_by_label("Signed by").fill("Nguyễn Văn Phóng")
    corrections.get_by_label("Reason for the correction").fill("Phúc tra Sở Tài chính")
    screenshots.take("correcting")
    page.get_by_role("button", name="Publish the corrected results").click()
    page.wait_for_url("**/results/2019/2/")
    assert Publication.objects.count() == 2

    anonymous = page.context.browser.new_context(locale="vi-VN")
    public = anonymous.new_page()
    public.goto(live_server.url + "/results/2019/1/")
    assert "150/QĐ-UBND" in public.locator("main").inner_text()  # the notice of the later one
    screenshots.page = public
    screenshots.take("public-1")
    public.goto(live_server.url + "/results/2019/2/")
    assert "Phúc tra Sở Tài chính" in public.locator("main").inner_text()
    screenshots.take("public-2")
    anonymous.close()
