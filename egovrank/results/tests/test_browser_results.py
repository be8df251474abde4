"""The administrator finalises and publishes a period's results in a real browser,
re-opens a unit and publishes the correction; anyone then reads both publications. In
Vietnamese, with the labels looked up in the catalogue: the screenshots illustrate the
administrator's guide."""

from __future__ import annotations

import re

import pytest

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.results.models import Publication
from egovrank.testing.world import sign_in_browser

from .helpers import adjust, reviewed, set_state

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def notice(page):
    return page.locator(".messages").inner_text()


def test_the_administrator_publishes_and_corrects_the_results(
    live_server, page, screenshots, world, vi
):
    reviewed(world)
    world.administrator.set_password(DEMO_PASSWORD)
    world.administrator.save()
    sign_in_browser(page, live_server.url, "administrator")

    page.goto(live_server.url + "/periods/2019/")
    page.get_by_role("main").get_by_role("link", name=vi("Results"), exact=True).click()
    page.wait_for_url("**/results/2019/")
    ranking = page.get_by_role("table", name=vi("Ranking of %(block)s", block="Khối 01"))
    assert ranking.get_by_role("row", name=re.compile("Sở Xây dựng")).inner_text().startswith("3")
    screenshots.take("review")

    page.get_by_role("button", name=vi("Finalise the results")).click()
    finalised = vi("The results are finalised: publish them once the decision is signed.")
    assert finalised in notice(page)
    page.get_by_label(vi("Decision number")).fill("123/QĐ-UBND")
    page.get_by_label(vi("Decision date")).fill("2020-03-20")
    page.get_by_label(vi("Signed by")).fill("Nguyễn Văn Phóng")
    page.get_by_role("button", name=vi("Publish the results")).click()
    page.wait_for_url("**/results/2019/1/")
    assert vi("The results are published.") in notice(page)
    screenshots.take("publication-1")

    page.goto(live_server.url + "/results/2019/")
    page.get_by_text(f"{vi('Re-open')} Sở Tài chính").click()
    row = page.get_by_role("row", name=re.compile("Sở Tài chính"))
    row.get_by_label(vi("Reason for re-opening")).fill("Bổ sung tài liệu kiểm chứng")
    screenshots.take("re-opening")
    row.get_by_role("button", name=vi("Re-open for a correction")).click()
    reopened = vi(
        "%(unit)s is re-opened: the provincial reviewers can now correct its review.",
        unit="Sở Tài chính",
    )
    assert reopened in notice(page)

    # The provincial reviewer corrects and approves the review (the review app's job).
    assessment = Assessment.objects.get(participant=world.participants["sotc"])
    current = assessment.answers.get(code="HT3.1").value
    adjust(assessment, "HT3.1", "no" if current == "yes" else "yes", by=world.provincial_reviewer)
    set_state(assessment, AssessmentState.APPROVED)

    page.reload()
    corrections = page.locator("#corrections-heading").locator("..")
    corrections.get_by_label(vi("Decision number")).fill("150/QĐ-UBND")
    corrections.get_by_label(vi("Decision date")).fill("2020-04-15")
    corrections.get_by_label(vi("Signed by")).fill("Nguyễn Văn Phóng")
    corrections.get_by_label(vi("Reason for the correction")).fill("Phúc tra Sở Tài chính")
    screenshots.take("correcting")
    page.get_by_role("button", name=vi("Publish the corrected results")).click()
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
