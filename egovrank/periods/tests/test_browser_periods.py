"""The administrator prepares and opens the 2020 period in a real browser, grants an
extension, and follows the units on the deadline dashboard."""

from __future__ import annotations

import re

import pytest

from egovrank.core.demo import load_demo
from egovrank.core.testing import sign_in_browser
from egovrank.criteria.versions import ensure_shipped_versions
from egovrank.periods.models import Period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    load_demo()
    ensure_shipped_versions()


def notice(page):
    return page.locator(".messages").inner_text()


def test_the_administrator_prepares_opens_and_extends_a_period(
    live_server, page, screenshots, demo
):
    sign_in_browser(page, live_server.url, "quantri", language="en")
    page.goto(live_server.url + "/periods/")
    page.get_by_role("link", name="New period").click()
    page.get_by_label("Year").fill("2020")
    page.get_by_label("Title").fill("Đánh giá, xếp hạng mức độ Chính quyền điện tử năm 2020")
    page.get_by_role("button", name="Create the period").click()
    page.wait_for_url("**/periods/2020/")
    assert "The period is created as a draft." in notice(page)

    for number in (1, 2, 3):
        block = f"Khối 0{number}"
        page.get_by_label(f"Criteria-set version of {block}").select_option(
            f"hungyen-2018-khoi0{number}"
        )
        page.get_by_role("button", name=f"Choose ({block})").click()
        assert f"{block} will use the chosen version." in notice(page)

    page.get_by_role("button", name="Add every unit of the blocks valid in 2020").click()
    added = int(re.search(r"(\d+) unit\(s\) added", notice(page)).group(1))
    assert added > 150

    page.get_by_text("Change the deadlines").click()
    page.get_by_label("Self-assessment deadline").fill("2020-03-31T17:00")
    page.get_by_label("Review deadline").fill("2020-04-30T17:00")
    page.get_by_label("Revision deadline").fill("2020-05-15T17:00")
    page.get_by_role("button", name="Save the deadlines").click()
    assert "The deadlines are saved." in notice(page)

    page.get_by_role("button", name="Move on to “Open for self-assessment”").click()
    assert "The period is now “Open for self-assessment”." in notice(page)
    assert Period.objects.get(year=2020).state == "self_assessment"

    page.get_by_text("Grant an extension").click()
    page.get_by_label("Unit:", exact=True).select_option(label="Xã Lạc Đạo (11989)")
    page.get_by_label("New deadline").fill("2020-04-15T17:00")
    page.get_by_label("Reason").fill("Mất điện kéo dài do bão")
    page.get_by_role("button", name="Grant the extension").click()
    assert "Xã Lạc Đạo has more time to self-assess." in notice(page)
    row = page.get_by_role("row", name=re.compile(r"^11989 Xã Lạc Đạo"))
    assert "extended to 15/04/2020 17:00" in row.inner_text()
    assert "Mất điện kéo dài do bão" in row.inner_text()
    assert page.get_by_text("31/03/2020 17:00").first.is_visible()
    screenshots.take("period")

    page.get_by_role("link", name="Deadline dashboard").click()
    page.wait_for_url("**/periods/2020/dashboard/")
    summary = page.get_by_role("table", name="Summary of Khối 03")
    assert summary.get_by_role("row", name=re.compile("UBND huyện Văn Lâm")).is_visible()
    screenshots.take("dashboard")
