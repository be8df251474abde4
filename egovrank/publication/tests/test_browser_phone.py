"""On a 390 px phone a ranking keeps the unit's name in sight while its figures scroll
under it, so total, share and level are read against the name (issue 18)."""

from __future__ import annotations

import pytest

from egovrank.results.tests.helpers import DECISION

from .helpers import publish_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_ranking_keeps_the_unit_name_beside_total_share_and_level(
    live_server, page, screenshots, world
):
    publish_year(world, 2019, decision=DECISION)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/published/2019/blocks/KHOI01/")
    row = page.locator("table#ranking tbody tr").first
    name, level = row.locator("th[scope=row]"), row.locator(".level")
    level.scroll_into_view_if_needed()
    scrolled = page.locator("table#ranking").evaluate("table => table.parentElement.scrollLeft")
    assert scrolled > 0  # the figures did scroll
    region = page.locator(".table-scroll:has(table#ranking)").bounding_box()
    name_box, level_box = name.bounding_box(), level.bounding_box()
    # The name stayed at the box's left edge; the level (after total and share) is on
    # screen beside it.
    assert abs(name_box["x"] - region["x"]) < 4
    assert name_box["x"] + name_box["width"] <= level_box["x"]
    assert level_box["x"] + level_box["width"] <= PHONE["width"]
    # The page itself does not scroll sideways: only the table's box does.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshots.take("phone-ranking", full_page=False)
