"""The self-assessment form's live saves (HTMX) under the pages' Content-Security-Policy,
in a real browser: typing in a text field and clicking a choice save as before, and the
browser reports no violation of the policy (no inline script or style, no eval)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from egovrank.assessments.models import Answer
from egovrank.testing.world import make_period, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before the page's own scripts: every violation the browser reports, and every
# refusal of HTMX to evaluate code, is kept for the test to read.
WATCH = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__refused.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sample);
});
document.addEventListener("htmx:evalDisallowedError", function () {
  window.__refused.push("htmx:evalDisallowedError");
});
"""


def test_the_live_form_saves_under_the_policy_without_a_violation(live_server, page):
    world = make_world()
    make_period(world)
    client = Client()
    client.force_login(world.unit_officer)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.add_init_script(WATCH)
    console = []
    page.on("console", lambda message: console.append(message.text))
    response = page.goto(live_server.url + "/assessments/2019/K01-05/")
    assert "script-src 'self'" in response.headers["content-security-policy"]

    # Typing: saved after the pause, the points shown.
    page.locator("#num-HT1").fill("45")
    page.locator("#den-HT1").fill("50")
    page.locator("#r-HT1 strong").get_by_text("9/10").wait_for()
    page.locator("#save-status").get_by_text("HT1 ").wait_for()
    # A click on a choice: saved at once.
    page.locator("#c-HT3_1 input[value=yes]").check()
    page.locator("#r-HT3_1 strong").get_by_text("5/5").wait_for()

    saved = dict(Answer.objects.values_list("code", "value"))
    assert saved == {"HT1": "45/50", "HT3.1": "yes"}
    assert page.evaluate("window.__refused") == []
    assert not [text for text in console if "Content Security Policy" in text]
