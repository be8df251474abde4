"""An officer creates an API token in a real browser, copies the secret shown once, uses
it against the API, then revokes it (pages checked with axe-core)."""

from __future__ import annotations

import pytest
import requests

from egovrank.core.demo import DEMO_PASSWORD
from egovrank.core.testing import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def units(base_url: str, secret: str) -> int:
    response = requests.get(
        f"{base_url}/api/v1/units/", headers={"Authorization": f"Token {secret}"}, timeout=10
    )
    return response.status_code


def test_an_officer_creates_uses_and_revokes_a_token(live_server, page, screenshots, world):
    world.unit_officer.set_password(DEMO_PASSWORD)
    world.unit_officer.save()
    sign_in_browser(page, live_server.url, "unit_officer", language="en")
    page.get_by_role("link", name="API tokens").click()
    page.wait_for_url("**/account/api-tokens/")
    screenshots.take("empty")

    page.get_by_label("Name").fill("Cổng dịch vụ công")
    page.get_by_role("button", name="Create the token").click()
    secret = page.get_by_label("Token", exact=True).input_value()
    assert secret.startswith("egv_")
    screenshots.take("created")
    assert units(live_server.url, secret) == 200

    page.get_by_role("button", name="Revoke “Cổng dịch vụ công”").click()
    page.wait_for_url("**/account/api-tokens/")
    assert "is revoked" in page.locator(".messages").inner_text()
    assert secret not in page.content()
    screenshots.take("revoked")
    assert units(live_server.url, secret) == 401
