"""An anonymous visitor reads 2025, the first year with two tiers, and follows a ward
back to the communes it was formed from (through the successor links: the ward reuses
one of their codes). Every page passes the accessibility checks of ``screenshots.take``."""

from __future__ import annotations

import pytest

from egovrank.results.tests.helpers import DECISION
from egovrank.testing.two_tier import reform

from .helpers import publish_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_follows_a_2025_ward_back_to_its_former_communes(
    live_server, page, screenshots, world, vi
):
    publish_year(world, 2024, decision=DECISION)
    reform(world)
    publish_year(world, 2025)

    page.goto(live_server.url + "/published/2025/blocks/KHOI03/")
    table = page.locator("table#ranking")
    ward = table.get_by_role("row", name=vi("Phường Phố Hiến"))
    assert vi("formed by the reorganisation") in ward.inner_text()
    screenshots.take("ranking-2025")

    ward.get_by_role("link", name="Phường Phố Hiến").click()
    page.wait_for_url("**/published/2025/units/11989/")
    movement = page.locator("#formed-by-reorganisation")
    assert vi("Formed by the reorganisation") in movement.inner_text()
    screenshots.take("ward-2025")

    # The same code in 2024 is the former Xã Lạc Đạo: reached by the link, not the code.
    page.get_by_role("link", name="Xã Lạc Đạo").first.click()
    page.wait_for_url("**/published/2024/units/11989/")
    assert page.get_by_role("heading", level=1).inner_text() == "Xã Lạc Đạo"
    page.go_back()
    page.get_by_role("link", name="Xã Chỉ Đạo").first.click()
    page.wait_for_url("**/published/2024/units/11992/")
    assert page.get_by_role("heading", level=1).inner_text() == "Xã Chỉ Đạo"
    screenshots.take("former-commune-2024")
