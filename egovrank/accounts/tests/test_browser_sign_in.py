"""People sign in to the real pages in Chromium and see what their roles open."""

from __future__ import annotations

import pytest

from egovrank.demo.hungyen import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_MENU = ["Trang chủ", "Kết quả đã công bố", "Bộ tiêu chí", "Khung đánh giá"]
SIGNED_IN_MENU = [
    "Trang chủ",
    "Bàn làm việc",
    "Tự đánh giá",
    "Kỳ đánh giá",
    "Kết quả đã công bố",
    "Bộ tiêu chí",
    "Khung đánh giá",
    "Đơn vị",
]
# Reviewers also have their queue; the province's staff also the results.
DISTRICT_MENU = [*SIGNED_IN_MENU[:3], "Thẩm định", *SIGNED_IN_MENU[3:]]
PROVINCE_MENU = [*SIGNED_IN_MENU[:3], "Thẩm định", "Kết quả", *SIGNED_IN_MENU[3:]]

# Demo account → (its menu, the heading of its workspace card, what the card says)
DEMO_ROLES = {
    "quantri": ([*PROVINCE_MENU, "Người dùng"], "Quản trị hệ thống", "Nhập danh sách đơn vị"),
    "thamdinh.tinh": (PROVINCE_MENU, "Thẩm định cấp tỉnh", "190 đơn vị"),
    "thamdinh.vanlam": (DISTRICT_MENU, "Thẩm định cấp huyện: UBND huyện Văn Lâm", "11 xã"),
    "canbo.sotc": (SIGNED_IN_MENU, "Sở Tài chính", "Cán bộ đơn vị:"),
    "lanhdao.sotc": (SIGNED_IN_MENU, "Sở Tài chính", "Lãnh đạo đơn vị:"),
    "canbo.lacdao": (SIGNED_IN_MENU, "Xã Lạc Đạo", "Cán bộ đơn vị:"),
}


@pytest.fixture
def demo(transactional_db):
    load_demo()


def menu(page):
    return page.locator(".site-nav__menu a").all_inner_texts()


def sign_in(page, base_url, username, password):
    page.goto(base_url + "/account/sign-in/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("username", list(DEMO_ROLES))
def test_each_demo_role_signs_in_and_sees_its_menu(live_server, page, screenshots, demo, username):
    page.goto(live_server.url + "/")
    assert menu(page) == PUBLIC_MENU
    sign_in(page, live_server.url, username, DEMO_PASSWORD)
    page.wait_for_url("**/workspace/")
    expected_menu, heading, says = DEMO_ROLES[username]
    assert menu(page) == expected_menu
    card = page.locator(".card").filter(has=page.get_by_role("heading", name=heading, exact=True))
    assert card.count() == 1
    assert says in card.inner_text()
    screenshots.take("workspace")
    page.locator(".site-nav").get_by_role("link", name="Đơn vị", exact=True).click()
    page.wait_for_url("**/units/")
    screenshots.take("units")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()
    assert menu(page) == PUBLIC_MENU


def test_the_administrator_opens_the_people_page(live_server, page, screenshots, demo):
    sign_in(page, live_server.url, "quantri", DEMO_PASSWORD)
    page.locator(".site-nav").get_by_role("link", name="Người dùng").click()
    page.wait_for_url("**/people/")
    assert page.get_by_role("link", name="canbo.sotc").is_visible()
    screenshots.take("people")
    page.get_by_role("link", name="canbo.sotc").click()
    assert page.locator("h1").inner_text().startswith("Cán bộ Sở Tài chính")
    screenshots.take("person")


def test_a_wrong_password_gets_a_clear_vietnamese_message(live_server, page, screenshots, demo):
    page.goto(live_server.url + "/account/sign-in/")
    screenshots.take("sign-in")
    sign_in(page, live_server.url, "canbo.sotc", "not-the-password")
    alert = page.get_by_role("alert")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in alert.inner_text()
    assert "Còn 4 lần thử" in alert.inner_text()
    assert page.get_by_label("Tên đăng nhập").input_value() == "canbo.sotc"
    screenshots.take("wrong-password")


def test_repeated_failures_lock_the_account_even_for_the_right_password(
    live_server, page, screenshots, demo
):
    for _ in range(5):
        sign_in(page, live_server.url, "lanhdao.sotc", "wrong")
    assert "tài khoản bị tạm khoá" in page.get_by_role("alert").inner_text()
    screenshots.take("locked")
    sign_in(page, live_server.url, "lanhdao.sotc", DEMO_PASSWORD)
    assert "tài khoản bị tạm khoá" in page.get_by_role("alert").inner_text()
    assert "/account/sign-in/" in page.url
    screenshots.take("still-locked")


def test_a_signed_in_person_switches_to_english(live_server, page, screenshots, demo):
    sign_in(page, live_server.url, "thamdinh.vanlam", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert menu(page) == [
        "Home",
        "Workspace",
        "Self-assessments",
        "Review",
        "Periods",
        "Published results",
        "Criteria sets",
        "Frameworks",
        "Units",
    ]
    assert page.get_by_role("heading", name="District reviewer: UBND huyện Văn Lâm").is_visible()
    screenshots.take("english")
