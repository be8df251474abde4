"""The administrator amends the criteria in a real browser: copy last year's version,
change a maximum, and see the change side by side with the original. In Vietnamese, with
the labels looked up in the catalogue (the screenshots illustrate the administrator's
guide)."""

import pytest
from django.test import Client

from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of, ensure_shipped_versions
from egovrank.testing.world import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def administrator(transactional_db):
    world = make_world()
    ensure_shipped_versions()
    return world.administrator


def sign_in(page, base_url, user):
    """A session made by the test client, handed to the browser (signing in has its own
    browser tests); Vietnamese, as the guides show these pages."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url},
            {"name": "django_language", "value": "vi", "url": base_url},
        ]
    )


def test_the_administrator_copies_khoi_01_raises_a_maximum_and_compares(
    live_server, page, screenshots, administrator, vi
):
    sign_in(page, live_server.url, administrator)
    page.goto(live_server.url + "/criteria/hungyen-2018-khoi01/")
    page.get_by_role("link", name=vi("Copy to a new version")).click()
    page.get_by_label(vi("New identifier")).fill("hungyen-2021-khoi01")
    page.get_by_label(vi("Version")).fill("2021")
    page.get_by_label(vi("Title")).fill("Khối 01: Sở, ban, ngành (2021)")
    screenshots.take("copy")
    page.get_by_role("button", name=vi("Copy"), exact=True).click()
    page.wait_for_url("**/criteria/hungyen-2021-khoi01/edit/")
    copied = vi(
        "%(new)s is a copy of %(old)s; it can be edited now.",
        new="hungyen-2021-khoi01",
        old="hungyen-2018-khoi01",
    )
    assert copied in page.get_by_role("status").inner_text()
    screenshots.take("tree")

    page.get_by_role("link", name=f"{vi('Edit')} HT1", exact=True).click()
    page.locator("#id_max_points").fill("12")  # the group's maximum is on the form too
    screenshots.take("edit-ht1")
    page.get_by_role("button", name=vi("Save"), exact=True).click()
    page.wait_for_url("**/criteria/hungyen-2021-khoi01/edit/#node-HT1")
    assert vi("%(code)s is changed.", code="HT1") in page.get_by_role("status").inner_text()
    assert page.locator("#node-HT1 td.num").inner_text() == "12"

    compare = vi("Compare with %(source)s", source="hungyen-2018-khoi01")
    page.get_by_role("link", name=compare).click()
    page.wait_for_url("**/criteria/versions/compare/**")
    row = page.locator("tr.compare__row", has=page.locator("th", has_text="HT1"))
    assert row.count() == 1
    cells = row.locator("td").all_inner_texts()
    assert vi("maximum") in cells[0]
    assert f"{vi('Maximum')}: 10" in cells[1]
    assert f"{vi('Maximum')}: 12" in cells[2]
    screenshots.take("compare")

    copy = CriteriaVersion.objects.get(set_id="hungyen-2021-khoi01")
    assert criteria_set_of(copy).node("HT1").max_points == 12
    assert copy.revision == 2
