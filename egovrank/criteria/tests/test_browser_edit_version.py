"""The administrator amends the criteria in a real browser: copy last year's version,
change a maximum, and see the change side by side with the original."""

import pytest
from django.test import Client

from egovrank.core.testing import make_world
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of, ensure_shipped_versions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def administrator(transactional_db):
    world = make_world()
    ensure_shipped_versions()
    return world.administrator


def sign_in(page, base_url, user):
    """A session made by the test client, handed to the browser (signing in has its own
    browser tests); English, as these pages are checked by their English words."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url},
            {"name": "django_language", "value": "en", "url": base_url},
        ]
    )


def test_the_administrator_copies_khoi_01_raises_a_maximum_and_compares(
    live_server, page, screenshots, administrator
):
    sign_in(page, live_server.url, administrator)
    page.goto(live_server.url + "/criteria/hungyen-2018-khoi01/")
    page.get_by_role("link", name="Copy to a new version").click()
    page.get_by_label("New identifier").fill("hungyen-2021-khoi01")
    page.get_by_label("Version").fill("2021")
    page.get_by_label("Title").fill("Khối 01: Sở, ban, ngành (2021)")
    screenshots.take("copy")
    page.get_by_role("button", name="Copy").click()
    page.wait_for_url("**/criteria/hungyen-2021-khoi01/edit/")
    assert (
        "hungyen-2021-khoi01 is a copy of hungyen-2018-khoi01"
        in page.get_by_role("status").inner_text()
    )
    screenshots.take("tree")

    page.get_by_role("link", name="Edit HT1", exact=True).click()
    page.get_by_label("Maximum points").fill("12")
    screenshots.take("edit-ht1")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/criteria/hungyen-2021-khoi01/edit/#node-HT1")
    assert "HT1 is changed." in page.get_by_role("status").inner_text()
    assert page.locator("#node-HT1 td.num").inner_text() == "12"

    page.get_by_role("link", name="Compare with hungyen-2018-khoi01").click()
    page.wait_for_url("**/criteria/versions/compare/**")
    row = page.locator("tr.compare__row", has=page.locator("th", has_text="HT1"))
    assert row.count() == 1
    cells = row.locator("td").all_inner_texts()
    assert "maximum" in cells[0]
    assert "Maximum: 10" in cells[1]
    assert "Maximum: 12" in cells[2]
    screenshots.take("compare")

    copy = CriteriaVersion.objects.get(set_id="hungyen-2021-khoi01")
    assert criteria_set_of(copy).node("HT1").max_points == 12
    assert copy.revision == 2
