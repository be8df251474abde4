"""On a 390 px phone the form's header is compact (each fact beside its label, not one
word per line) and the running total stays in sight while the criteria scroll by."""

from __future__ import annotations

import pytest

from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.testing.world import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_form_header_is_compact_and_the_total_stays_in_sight(
    live_server, page, screenshots, world
):
    world.unit_officer.set_password(DEMO_PASSWORD)
    world.unit_officer.save()
    page.set_viewport_size(PHONE)
    sign_in_browser(page, live_server.url, "unit_officer")
    sotc = world.participants["sotc"]
    page.goto(f"{live_server.url}/assessments/{sotc.period.year}/{sotc.unit_code}/")
    facts = page.locator("dl.facts")
    for index in range(facts.locator("dt").count()):
        label = facts.locator("dt").nth(index).bounding_box()
        value = facts.locator("dd").nth(index).bounding_box()
        assert abs(label["y"] - value["y"]) < 6 and label["x"] < value["x"]  # side by side
    assert facts.bounding_box()["height"] < 200
    # Far down the form, the running total is still on screen.
    page.locator(".criterion").last.scroll_into_view_if_needed()
    total = page.locator(".summary__total").bounding_box()
    assert 0 <= total["y"] and total["y"] + total["height"] <= PHONE["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshots.take("phone-form", full_page=False)
