"""An anonymous visitor reads the published results in a real browser: the ranking of a
block, a unit's page, another year through the year switcher; and the portal shows the
ranking widget in a frame, which the browser refuses to show for a site that is not
configured. Every page passes the accessibility checks of ``screenshots.take``.

Locators use data (years, unit names) and structure, so the tests read the same before
and after the Vietnamese catalogue has the pages' new strings."""

from __future__ import annotations

import re

import pytest

from egovrank.results.tests.helpers import DECISION

from .helpers import publish_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PORTAL = "https://portal.example"


def two_years(world):
    """2019 as the results tests publish it (Sở TT&TT first, Sở Tài chính second);
    2020 with Sở Tài chính ahead."""
    publish_year(world, 2019, decision=DECISION)
    return publish_year(world, 2020, quality={"sotc": 0.95, "sotttt": 0.35})


def test_an_anonymous_visitor_reads_the_ranking_a_unit_and_another_year(
    live_server, page, screenshots, world
):
    two_years(world)
    page.goto(live_server.url + "/")
    page.get_by_role("navigation").get_by_role("link", name=re.compile("công bố|Published")).click()
    page.wait_for_url("**/published/")
    screenshots.take("years")

    page.get_by_role("heading", level=2).get_by_role("link", name=re.compile("2020")).click()
    page.wait_for_url("**/published/2020/")
    assert "88/QĐ-UBND" in page.locator("main").inner_text()
    screenshots.take("year-2020")

    page.locator('a[href="/published/2020/blocks/KHOI01/"]').first.click()
    page.wait_for_url("**/published/2020/blocks/KHOI01/")
    table = page.locator("table#ranking")
    first = table.locator("tbody tr").first
    assert "Sở Tài chính" in first.inner_text()
    assert first.locator("td").first.inner_text() == "1"
    assert page.locator("svg.chart--ranking[role=img]").count() == 1
    # Sở Tài chính rose from 2nd in 2019 to 1st, Sở TT&TT fell: the movement column.
    assert "▲ 1" in first.inner_text()
    second = table.get_by_role("row", name=re.compile("Sở Thông tin và Truyền thông"))
    assert "▼ 1" in second.inner_text()
    sotc = first
    screenshots.take("ranking")

    sotc.get_by_role("link", name="Sở Tài chính").click()
    page.wait_for_url("**/published/2020/units/K01-05/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sở Tài chính"
    assert page.locator("svg#profile[role=img]").is_visible()
    assert page.locator("svg#years[role=img]").is_visible()
    page.locator("details.chart-data summary").first.click()
    screenshots.take("unit")

    page.goto(live_server.url + "/published/2020/")
    page.locator("#year-switcher").select_option("2019")
    page.locator(".year-switcher button").click()
    page.wait_for_url("**/published/2019/")
    assert "123/QĐ-UBND" in page.locator("main").inner_text()
    screenshots.take("year-2019")


def open_portal(page, live_server):
    """The portal, at another origin (served by the browser's router), framing the
    widget. The test server listens on localhost, which Chromium shields from public
    sites unless the person allows it (Local Network Access): allowed here, so what the
    frame shows depends on the widget's own frame permission alone."""
    page.context.grant_permissions(["local-network-access"], origin=PORTAL)
    page.route(PORTAL + "/**", lambda route: portal_page(live_server, route))
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(PORTAL + "/")
    return next(r for r in responses if r.url.endswith("/embed/"))


def portal_page(live_server, route):
    """The portal's page showing the widget of 2019's Khối 01 in a frame."""
    html = (
        '<!doctype html><html lang="vi"><head><title>Cổng thông tin</title></head><body>'
        f'<main><h1>Cổng thông tin</h1><iframe title="Xếp hạng" width="600" height="400" '
        f'src="{live_server.url}/published/2019/blocks/KHOI01/embed/"></iframe></main>'
        "</body></html>"
    )
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)


def test_the_portal_shows_the_widget_when_its_origin_is_configured(
    live_server, page, screenshots, settings, world
):
    publish_year(world, 2019, decision=DECISION)
    settings.EMBED_ALLOWED_ORIGINS = [PORTAL]
    page.goto(live_server.url + "/published/2019/blocks/KHOI01/embed/")
    screenshots.take("widget")
    embed = open_portal(page, live_server)
    assert embed.headers["content-security-policy"].endswith(f"; frame-ancestors 'self' {PORTAL}")
    widget = page.frame_locator("iframe")
    assert "Sở Tài chính" in widget.locator("table").inner_text()
    link = widget.locator(".widget__more a")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("href").endswith("/published/2019/blocks/KHOI01/")


def test_the_browser_refuses_the_widget_to_a_site_not_configured(
    live_server, page, settings, world
):
    publish_year(world, 2019, decision=DECISION)
    settings.EMBED_ALLOWED_ORIGINS = ["https://another.example"]
    embed = open_portal(page, live_server)
    assert embed.status == 200  # served, but the browser does not show it in the frame
    frame = next(frame for frame in page.frames if frame != page.main_frame)
    assert not frame.url.endswith("/embed/")
    assert "Sở Tài chính" not in frame.content()
    assert frame.locator("table").count() == 0
