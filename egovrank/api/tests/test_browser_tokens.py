"""An officer creates an API token in a real browser, copies the secret shown once, uses
it against the API, then revokes it (pages checked with axe-core). In Vietnamese, with the
labels looked up in the catalogue: the screenshots illustrate the guides."""

from __future__ import annotations

import pytest
import requests

from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.testing.world import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def units(base_url: str, secret: str) -> int:
    response = requests.get(
        f"{base_url}/api/v1/units/", headers={"Authorization": f"Token {secret}"}, timeout=10
    )
    return response.status_code


def test_an_officer_creates_uses_and_revokes_a_token(live_server, page, screenshots, world, vi):
    world.unit_officer.set_password(DEMO_PASSWORD)
    world.unit_officer.save()
    sign_in_browser(page, live_server.url, "unit_officer")
    page.get_by_role("link", name=vi("API tokens")).click()
    page.wait_for_url("**/account/api-tokens/")
    screenshots.take("empty")

    name = "Cổng dịch vụ công"
    page.get_by_label(vi("Name")).fill(name)
    page.get_by_role("button", name=vi("Create the token")).click()
    secret = page.get_by_label(vi("Token"), exact=True).input_value()
    assert secret.startswith("egv_")
    screenshots.take("created")
    assert units(live_server.url, secret) == 200

    page.get_by_role("button", name=vi("Revoke “%(name)s”", name=name)).click()
    page.wait_for_url("**/account/api-tokens/")
    revoked = vi("The token “%(name)s” is revoked: it no longer opens anything.", name=name)
    assert revoked in page.locator(".messages").inner_text()
    assert secret not in page.content()
    screenshots.take("revoked")
    assert units(live_server.url, secret) == 401
