"""A visitor reads the criteria sets in a real browser."""

import pytest

from egovrank.criteria.versions import ensure_shipped_versions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def stored_sets(transactional_db):
    """The pages read the stored versions; the live server sees only committed rows."""
    ensure_shipped_versions()


def test_a_visitor_finds_the_departments_set_and_its_500_points(live_server, page, screenshots):
    page.goto(live_server.url + "/")
    assert (
        page.locator("h1").inner_text()
        == "Đánh giá, xếp hạng mức độ Chính quyền điện tử của các cơ quan hành chính nhà nước"
    )
    # The app's own stylesheet is applied (served by the app, no CDN).
    header = page.locator(".site-header")
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(11, 61, 145)"
    screenshots.take("home")
    page.get_by_role("link", name="Khối 01: Sở, ban, ngành", exact=False).first.click()
    page.wait_for_url("**/criteria/hungyen-2018-khoi01/")
    assert "500" in page.locator(".facts").inner_text()
    rows = page.locator("tr.tree__row--depth0")
    assert rows.count() == 7  # the information section and six groups
    screenshots.take("khoi01")


def test_a_visitor_switches_to_english_and_back(live_server, page, screenshots):
    page.goto(live_server.url + "/criteria/")
    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Criteria sets"
    screenshots.take("english")
    page.get_by_role("navigation", name="Language").locator("a[lang=vi]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Bộ tiêu chí"
