"""The administrator prepares and opens the 2020 period in a real browser, grants an
extension, and follows the units on the deadline dashboard, in Vietnamese (the labels are
looked up in the catalogue; the screenshots illustrate the administrator's guide)."""

from __future__ import annotations

import re

import pytest

from egovrank.criteria.versions import ensure_shipped_versions
from egovrank.demo.hungyen import load_demo
from egovrank.periods.models import Period
from egovrank.testing.world import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    load_demo()
    ensure_shipped_versions()


def notice(page):
    return page.locator(".messages").inner_text()


def test_the_administrator_prepares_opens_and_extends_a_period(
    live_server, page, screenshots, demo, vi
):
    sign_in_browser(page, live_server.url, "quantri")
    page.goto(live_server.url + "/periods/")
    page.get_by_role("link", name=vi("New period")).click()
    page.get_by_label(vi("Year")).fill("2020")
    page.get_by_label(vi("Title")).fill("Đánh giá, xếp hạng mức độ Chính quyền điện tử năm 2020")
    screenshots.take("new-period")
    page.get_by_role("button", name=vi("Create the period")).click()
    page.wait_for_url("**/periods/2020/")
    assert vi("The period is created as a draft.") in notice(page)

    for number in (1, 2, 3):
        block = f"Khối 0{number}"
        page.get_by_label(vi("Criteria-set version of %(block)s", block=block)).select_option(
            f"hungyen-2018-khoi0{number}"
        )
        page.get_by_role("button", name=f"{vi('Choose')} ({block})").click()
        assert vi("%(block)s will use the chosen version.", block=block) in notice(page)

    page.get_by_role(
        "button", name=vi("Add every unit of the blocks valid in %(year)s", year=2020)
    ).click()
    added = re.search(vi("%(count)s unit(s) added.", count=r"(\d+)"), notice(page))
    assert int(added.group(1)) > 150

    page.get_by_text(vi("Change the deadlines")).click()
    page.get_by_label(vi("Self-assessment deadline")).fill("2020-03-31T17:00")
    page.get_by_label(vi("Review deadline")).fill("2020-04-30T17:00")
    page.get_by_label(vi("Revision deadline")).fill("2020-05-15T17:00")
    page.get_by_role("button", name=vi("Save the deadlines")).click()
    assert vi("The deadlines are saved.") in notice(page)
    screenshots.take("prepared")

    opened = vi("Open for self-assessment")
    page.get_by_role("button", name=vi("Move on to “%(state)s”", state=opened)).click()
    assert vi("The period is now “%(state)s”.", state=opened) in notice(page)
    assert Period.objects.get(year=2020).state == "self_assessment"

    page.get_by_text(vi("Grant an extension")).click()
    page.get_by_label(vi("Unit") + ":", exact=True).select_option(label="Xã Lạc Đạo (11989)")
    page.get_by_label(vi("New deadline")).fill("2020-04-15T17:00")
    page.get_by_label(vi("Reason") + ":", exact=True).fill("Mất điện kéo dài do bão")
    page.get_by_role("button", name=vi("Grant the extension")).click()
    assert vi("%(unit)s has more time to self-assess.", unit="Xã Lạc Đạo") in notice(page)
    row = page.get_by_role("row", name=re.compile(r"^11989 Xã Lạc Đạo"))
    assert vi("extended to %(until)s", until="15/04/2020 17:00") in row.inner_text()
    assert "Mất điện kéo dài do bão" in row.inner_text()
    assert page.get_by_text("31/03/2020 17:00").first.is_visible()
    screenshots.take("period")

    page.get_by_role("link", name=vi("Deadline dashboard")).click()
    page.wait_for_url("**/periods/2020/dashboard/")
    summary = page.get_by_role("table", name=vi("Summary of %(block)s", block="Khối 03"))
    assert summary.get_by_role("row", name=re.compile("UBND huyện Văn Lâm")).is_visible()
    screenshots.take("dashboard")
