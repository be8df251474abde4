"""The unit registry in a real browser: a district reviewer's share, and an import."""

from __future__ import annotations

import pytest

from egovrank.demo.hungyen import load_demo
from egovrank.orgs.models import Unit
from egovrank.testing.world import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_the_van_lam_reviewer_sees_only_van_lam_and_its_communes(
    live_server, page, screenshots, demo
):
    sign_in_browser(page, live_server.url, "thamdinh.vanlam")
    page.goto(live_server.url + "/units/")
    codes = page.locator("table.data tbody tr td:first-child").all_inner_texts()
    assert len(codes) == 12  # the district and its 11 communes
    assert "325" in codes and "11989" in codes and "12019" not in codes
    screenshots.take("van-lam-units")
    page.goto(live_server.url + "/units/12019/")
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    screenshots.take("another-district-not-found")


def test_an_import_with_bad_rows_lists_them_and_changes_nothing(
    live_server, page, screenshots, demo, tmp_path
):
    bad = tmp_path / "units.csv"
    bad.write_text(
        "code,name,block,parent\n"
        "K01-19,Sở Ngoại vụ,KHOI01,33\n"
        "K01-20,,KHOI01,33\n"
        "99999,Xã Mới,KHOI09,325\n"
        "99998,Xã Khác,KHOI03,999\n",
        encoding="utf-8",
    )
    before = Unit.objects.count()
    sign_in_browser(page, live_server.url, "quantri")
    page.goto(live_server.url + "/units/import/")
    page.get_by_label("Danh sách đơn vị").set_input_files(str(bad))
    page.get_by_role("button", name="Nhập", exact=True).click()
    alert = page.get_by_role("alert")
    rows = alert.locator("tbody tr").all_inner_texts()
    assert [row.split("\t")[:2] for row in rows] == [["3", "name"], ["4", "block"], ["5", "parent"]]
    assert "không có đơn vị nào được nhập" in alert.inner_text().lower()
    screenshots.take("refused")
    assert Unit.objects.count() == before
    assert not Unit.objects.filter(code="K01-19").exists()


def test_the_unit_list_fits_a_phone_screen(live_server, browser, demo):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in_browser(page, live_server.url, "quantri")
    for path in ("/workspace/", "/units/", "/people/"):
        page.goto(live_server.url + path)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path} is wider than the phone: {widths}"
    context.close()
