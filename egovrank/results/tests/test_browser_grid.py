"""The reviewer's grid and the dashboard's "remind now" in a real browser, in
Vietnamese: sorting by a column and switching to the verified points by plain links,
the marks with their reasons, and both pages passing axe."""

from __future__ import annotations

import pytest
from django.utils import translation

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.notifications.models import Notice
from egovrank.testing.world import sign_in_browser

from .helpers import adjust
from .test_grid import ALIKE, submitted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def vi_plural(singular, plural, count, **values):
    with translation.override("vi"):
        return translation.ngettext(singular, plural, count) % values


def with_password(person):
    person.set_password(DEMO_PASSWORD)
    person.save()


def test_the_reviewer_sorts_and_switches_the_grid(live_server, page, screenshots, world, vi):
    submitted(world.participants["lacdao"], {**ALIKE, "WEB2": "1"}, AssessmentState.IN_REVIEW)
    submitted(world.participants["chidao"], {**ALIKE, "WEB2": "5"})
    adjust(
        Assessment.objects.get(participant=world.participants["lacdao"]),
        "WEB2",
        "9",
        by=world.district_reviewer,
    )
    with_password(world.provincial_reviewer)
    sign_in_browser(page, live_server.url, "provincial_reviewer")
    page.goto(live_server.url + "/review/")
    page.get_by_role(
        "link", name=vi("All units × all criteria, block by block (the reviewer's grid)")
    ).click()
    page.locator("#grid-block").select_option("KHOI03")
    page.get_by_role("button", name=vi("Show"), exact=True).click()
    table = page.locator("table.review-grid")
    # Xuân Quan has not submitted: nothing of it is marked; the others lack evidence.
    assert table.locator("tr", has_text="Xã Xuân Quan").locator("td.grid-cell").count() == 0
    marked = table.locator("tr", has_text="Xã Lạc Đạo").locator("td.grid-cell--missing-evidence")
    assert marked.first.get_attribute("title") == vi("Required evidence is missing.")
    screenshots.take("grid")

    table.get_by_role("link", name="WEB2", exact=True).click()  # ascending
    table.get_by_role("link", name="WEB2", exact=True).click()  # then descending
    page.wait_for_url("**sort=WEB2&order=desc**")
    names = table.locator("tbody th").all_inner_texts()
    assert names == ["Xã Chỉ Đạo", "Xã Lạc Đạo", "Xã Xuân Quan"]

    page.get_by_role("link", name=vi("verified points")).click()
    page.wait_for_url("**show=verified**")
    names = table.locator("tbody th").all_inner_texts()
    assert names == ["Xã Lạc Đạo", "Xã Chỉ Đạo", "Xã Xuân Quan"]  # 9 verified above 5
    screenshots.take("grid-verified")


def test_the_administrator_reminds_a_late_unit_after_seeing_who(
    live_server, page, screenshots, world, vi
):
    with_password(world.administrator)
    sign_in_browser(page, live_server.url, "administrator")
    page.goto(live_server.url + "/periods/2019/dashboard/")
    page.get_by_role("link", name=vi("Remind every late unit…")).click()
    screenshots.take("remind-confirm")
    assert not Notice.objects.exists()
    send = vi_plural(
        "Send the reminder to %(counter)s unit",
        "Send the reminder to %(counter)s units",
        2,
        counter=2,
    )
    page.get_by_role("button", name=send).click()
    page.wait_for_url("**/periods/2019/dashboard/")
    sent = vi_plural(
        "Reminder sent to %(units)d unit (%(people)d notices).",
        "Reminders sent to %(units)d units (%(people)d notices).",
        2,
        units=2,
        people=3,
    )
    page.get_by_text(sent).wait_for()
    assert Notice.objects.filter(kind="reminder").count() == 3
