"""An officer sees the unread count in the header, opens the notices, follows one to
its page and marks the rest read, in a real browser (pages checked with axe-core). In
Vietnamese, with the labels looked up in the catalogue: the screenshots illustrate the
guides."""

from __future__ import annotations

import pytest

from egovrank.accounts.models import User
from egovrank.demo.hungyen import load_demo
from egovrank.notifications.models import Notice
from egovrank.testing.world import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    load_demo()
    officer = User.objects.get(username="canbo.sotc")
    for title, url in [
        ("Bản tự đánh giá năm 2019 bị trả lại để chỉnh sửa", "/workspace/"),
        ("Nhắc hạn: bản tự đánh giá năm 2019 đến hạn trong 3 ngày", "/workspace/"),
    ]:
        Notice.objects.create(recipient=officer, kind="test", title=title, body="Nội dung", url=url)


def test_an_officer_reads_the_notices_from_the_header(live_server, page, screenshots, demo, vi):
    sign_in_browser(page, live_server.url, "canbo.sotc")
    link = page.get_by_role("link", name=vi("Notices: %(number)s unread", number=2))
    assert link.locator(".badge").inner_text() == "2"
    screenshots.take("header")
    link.click()
    page.wait_for_url("**/notices/")
    screenshots.take("list")

    page.get_by_role("button", name="Bản tự đánh giá năm 2019 bị trả lại để chỉnh sửa").click()
    page.wait_for_url("**/workspace/")
    one_unread = vi("Notices: %(number)s unread", number=1)
    assert page.get_by_role("link", name=one_unread).is_visible()

    page.get_by_role("link", name=one_unread).click()
    page.get_by_role("button", name=vi("Mark all as read")).click()
    page.wait_for_url("**/notices/")
    assert vi("All your notices are marked read.") in page.locator(".messages").inner_text()
    assert page.locator(".account__notices").inner_text() == vi("Notices")
    screenshots.take("all-read")
