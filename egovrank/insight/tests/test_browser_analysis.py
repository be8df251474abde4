"""The provincial reviewer reads the analysis of the year just published against the year
before, from the workspace. Screenshots (var/screenshots/) are checked with axe."""

from __future__ import annotations

import pytest

from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.testing.world import sign_in_browser

from .helpers import hand_checked, last_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overflowing_tables(page):
    """The analysis tables wider than their box (cut, to be scrolled sideways)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main .table-scroll")]
            .filter(box => box.scrollWidth > box.clientWidth + 1)
            .map(box => box.querySelector("table").className)"""
    )


def test_the_provincial_reviewer_reads_the_analysis(live_server, page, screenshots, world):
    # A common office screen: every table fits, none is cut.
    page.set_viewport_size({"width": 1366, "height": 768})
    last_year(world)
    hand_checked(world)
    world.provincial_reviewer.set_password(DEMO_PASSWORD)
    world.provincial_reviewer.save()
    sign_in_browser(page, live_server.url, "provincial_reviewer")

    page.locator('a[href="/insight/2019/analysis/"]').click()
    page.wait_for_url("**/insight/2019/analysis/")
    weakest = page.locator("#weakest-table-khoi01 tbody tr").first
    assert weakest.inner_text().startswith("HT3.1")
    assert "33,33%" in weakest.inner_text()
    assert "98,67%" in page.locator("#average-khoi01").inner_text()
    page.locator("#block-khoi01 .analysis-more summary").click()
    assert overflowing_tables(page) == []
    page.locator("#block-khoi01 .analysis-more summary").click()
    screenshots.take("analysis")

    page.locator("#block-khoi01 .analysis-more summary").click()
    assert page.locator("#weakest-more-khoi01").is_visible()
    page.locator('a[href="/insight/2018/analysis/"]').first.click()
    page.wait_for_url("**/insight/2018/analysis/")
    screenshots.take("analysis-last-year")
