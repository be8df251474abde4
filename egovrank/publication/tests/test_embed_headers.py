"""Only the ranking widget may be framed, and only by this site and the origins in
EMBED_ALLOWED_ORIGINS: it says so with CSP frame-ancestors and has no X-Frame-Options;
every other page keeps X-Frame-Options: DENY."""

import pytest
from django.urls import reverse

from egovrank.core.csp import policy
from egovrank.publication.embed import frame_ancestors
from egovrank.results.tests.helpers import published

from .helpers import anonymous

pytestmark = pytest.mark.django_db


def widget(year=2019, block="KHOI01"):
    return anonymous().get(reverse("publication:embed", kwargs={"year": year, "block": block}))


def test_the_widget_names_the_configured_origins(world, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://hungyen.gov.vn", "https://portal.example:8443"]
    published(world)
    response = widget()
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == policy(
        "frame-ancestors 'self' https://hungyen.gov.vn https://portal.example:8443"
    )
    assert "X-Frame-Options" not in response


def test_without_origins_only_this_site_may_frame_it(world, settings):
    settings.EMBED_ALLOWED_ORIGINS = []
    published(world)
    assert widget()["Content-Security-Policy"] == policy("frame-ancestors 'self'")


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("index", {}),
        ("year", {"year": 2019}),
        ("block", {"year": 2019, "block": "KHOI01"}),
        ("unit", {"year": 2019, "unit": "K01-05"}),
    ],
)
def test_every_other_public_page_refuses_frames(world, settings, name, kwargs):
    settings.EMBED_ALLOWED_ORIGINS = ["https://hungyen.gov.vn"]
    published(world)
    response = anonymous().get(reverse(f"publication:{name}", kwargs=kwargs))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors" not in response.get("Content-Security-Policy", "")


def test_an_origin_that_could_break_the_header_is_left_out():
    assert (
        frame_ancestors(
            ["https://ok.example/", "https://x.example; script-src *", "javascript:alert(1)", "*"]
        )
        == "frame-ancestors 'self' https://ok.example"
    )


def test_the_widget_is_a_compact_ranking_with_a_link_out(world):
    publication = published(world)
    response = widget()
    page = response.content.decode()
    assert "site-header" not in page  # none of the site's own frame
    assert "publication-embed.css" in page
    for result in publication.results.filter(block_code="KHOI01"):
        assert result.unit_name in page
    assert 'target="_blank"' in page
    assert (
        "http://testserver" + reverse("publication:block", kwargs={"year": 2019, "block": "KHOI01"})
        in page
    )
