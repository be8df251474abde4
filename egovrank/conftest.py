"""Shared pytest fixtures: the headless Chromium browser for the browser tests.

Browser tests drive the real pages served by pytest-django's ``live_server`` in Debian's
Chromium (``make test`` installs it). A missing browser fails the tests loudly: skipping
them would hide exactly what they are meant to show.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# beside one unless told the code is really synchronous, which it is here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "var" / "screenshots"
# axe-core (npm, pinned in package-lock.json; `make test` installs it) checks each page a
# browser test looks at against WCAG 2 A and AA: labels, landmarks, contrast, names.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def accessibility_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as shown now, one line each."""
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `make test`, which installs it")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})", AXE_RULES
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


class Screenshots:
    """Saves numbered screenshots of what a test saw, under var/screenshots/ (ignored by
    git), and checks each of those pages for accessibility problems."""

    def __init__(self, page: Any, test_name: str) -> None:
        self.page = page
        self.prefix = re.sub(r"[^A-Za-z0-9_-]+", "-", test_name)
        self.count = 0

    def take(self, label: str) -> Path:
        self.count += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.prefix}-{self.count:02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True)
        problems = accessibility_violations(self.page)
        assert not problems, f"{self.page.url} ({label}):\n" + "\n".join(problems)
        return path


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshots(page: Any, request: pytest.FixtureRequest) -> Screenshots:
    return Screenshots(page, request.node.name)


@pytest.fixture
def world(db: Any) -> Any:
    """The shared test world of ``egovrank.core.testing``: units, one person per role, and
    the 2019 period open for self-assessment with every unit of a block taking part."""
    from egovrank.core.testing import make_period, make_world

    world = make_world()
    make_period(world)
    return world


@pytest.fixture
def administrator_client(world: Any) -> Any:
    """A test client signed in as the world's administrator. English messages, so that
    assertions on them read the same whatever the default language."""
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.administrator)
    return client
