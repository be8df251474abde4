"""A unit officer, in Vietnamese, tries answers in the what-if simulator of the year just
published: the points, the level and the rank change live as the answers change, a
refused figure is named beside its criterion, and nothing is saved (a reload shows the
published values). Screenshots (var/screenshots/) are checked with axe."""

from __future__ import annotations

import re

import pytest

from egovrank.assessments.models import Answer
from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.testing.world import sign_in_browser

from .helpers import CLOSE, hand_checked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_unit_officer_tries_answers_without_saving_them(live_server, page, screenshots, world):
    hand_checked(world, CLOSE)  # Sở Tài chính: 420/500, Khá, 3rd of 3
    answers = list(Answer.objects.order_by("pk").values_list("pk", "value", "revision"))
    world.unit_officer.set_password(DEMO_PASSWORD)
    world.unit_officer.save()
    sign_in_browser(page, live_server.url, "unit_officer")

    page.locator('a[href="/insight/2019/units/K01-05/what-if/"]').first.click()
    page.wait_for_url("**/insight/2019/units/K01-05/what-if/")
    points, level, rank = (page.locator(f"#what-if-{name}") for name in ("points", "level", "rank"))
    assert points.inner_text().startswith("420 / 500")
    assert "Khá" in level.inner_text()
    assert rank.inner_text().startswith("3 / 3")
    screenshots.take("what-if-published")

    # A mark on the page survives only if the results come without reloading it.
    page.evaluate("window.stillTheSamePage = true")
    page.locator('input[name="v-HT3.1"][value="yes"]').check()
    # (Waiting on a locator, not a JavaScript expression: the page's policy refuses eval.)
    page.locator("#what-if-rank", has_text=re.compile(r"^\s*2 / 3")).wait_for()
    assert points.inner_text().startswith("425 / 500")
    assert "Tốt" in level.inner_text()
    assert "85,00%" in page.locator("#what-if-share").inner_text()
    assert "+5" in page.locator("#wi-HT3_1").inner_text()
    assert page.evaluate("window.stillTheSamePage") is True
    screenshots.take("what-if-changed")

    page.locator("#num-HT1").fill("mười")
    page.wait_for_selector("#what-if-refused")
    assert re.search(r"HT1", page.locator("#what-if-refused").inner_text())
    assert page.locator("#wi-HT1 .criterion__error").inner_text()
    screenshots.take("what-if-refused")

    page.locator("#num-HT1").fill("1")
    page.wait_for_selector("#what-if-rank")
    assert page.evaluate("window.stillTheSamePage") is True

    page.reload()
    assert points.inner_text().startswith("420 / 500")
    assert rank.inner_text().startswith("3 / 3")
    assert page.locator('input[name="v-HT3.1"][value="no"]').is_checked()
    assert list(Answer.objects.order_by("pk").values_list("pk", "value", "revision")) == answers

    page.goto(live_server.url + "/insight/2019/units/K01-05/lost-points/")
    assert "Biên bản kiểm tra" in page.locator("#lost-UD6_1").inner_text()
    screenshots.take("lost-points")
