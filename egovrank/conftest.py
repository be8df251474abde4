"""Shared pytest fixtures: the headless Chromium browser for the browser tests, and the
screenshots they take, which also illustrate the user guides.

Browser tests drive the real pages served by pytest-django's ``live_server`` in Debian's
Chromium (``make test`` installs it). A missing browser fails the tests loudly: skipping
them would hide exactly what they are meant to show.

The guides under docs/huong-dan/ show screenshots the browser tests take, so they stay
current: docs/huong-dan/anh/manifest.toml names, for each guide image, the test and the
screenshot label that produce it. When a test takes that screenshot, the guide's version
is captured beside it (the visible window, by default, which makes a smaller file than the
whole page) under var/screenshots/guides/; ``make guide-images`` (pytest's
``--update-guide-images``) copies those of the tests that passed into docs/huong-dan/anh/.
``tests/test_guides.py`` checks the manifest against the tests' sources.

The test world (``world``) is built for each test, or once per module in modules marked
``shared_world`` (see ``module_world``).
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from egovrank.testing.database import rolled_back_at_the_end

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
        # Run through the browser's debugging protocol: a <script> added to the page
        # would be refused by the pages' Content-Security-Policy, as it should be.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})", AXE_RULES
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]


GUIDE_IMAGES = ROOT / "docs" / "huong-dan" / "anh"
GUIDE_MANIFEST = GUIDE_IMAGES / "manifest.toml"
GUIDE_CAPTURES = SCREENSHOTS / "guides"
GUIDE_IMAGE_FIELDS = {"test", "label", "full_page", "scroll_to", "element"}


@dataclass(frozen=True)
class GuideImage:
    """One image of the guides: the browser test (its node id, as pytest prints it) and
    the label of the screenshot that shows it, and how to frame it: the visible window
    (the default), scrolled first so that ``scroll_to`` is near its top; the whole page;
    or only the ``element`` a CSS selector names."""

    file: str
    test: str
    label: str
    full_page: bool = False
    scroll_to: str = ""
    element: str = ""


def read_guide_manifest(path: Path = GUIDE_MANIFEST) -> list[GuideImage]:
    """The guide images the manifest names, in its order."""
    if not path.exists():
        return []
    entries = tomllib.loads(path.read_text(encoding="utf-8"))
    return [GuideImage(file=name, **fields) for name, fields in entries.items()]


def _guide_images_by_shot() -> dict[tuple[str, str], list[GuideImage]]:
    by_shot: dict[tuple[str, str], list[GuideImage]] = {}
    for image in read_guide_manifest():
        by_shot.setdefault((image.test, image.label), []).append(image)
    return by_shot


# Guide images captured by the running test, and those of the tests that passed: only a
# passing test shows the pages as they should be.
_captured: dict[str, dict[str, Path]] = {}
_confirmed: dict[str, Path] = {}


def capture_for_guide(page: Any, image: GuideImage) -> Path:
    """Save the guide's version of what the page shows now, as the manifest frames it,
    under var/screenshots/guides/, and leave the page scrolled as it was."""
    GUIDE_CAPTURES.mkdir(parents=True, exist_ok=True)
    path = GUIDE_CAPTURES / image.file
    if image.element:
        page.locator(image.element).first.screenshot(path=str(path))
    elif image.full_page:
        page.screenshot(path=str(path), full_page=True)
    else:
        scrolled = page.evaluate("() => window.scrollY")
        if image.scroll_to:
            # A little space above the element, so its heading is not cut.
            page.locator(image.scroll_to).first.evaluate(
                "e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 24)"
            )
        page.screenshot(path=str(path))
        page.evaluate("y => window.scrollTo(0, y)", scrolled)
    return path


class Screenshots:
    """Saves numbered screenshots of what a test saw, under var/screenshots/ (ignored by
    git), checks each of those pages for accessibility problems, and captures the guide
    images the manifest asks of this test."""

    def __init__(self, page: Any, test_name: str, node_id: str = "") -> None:
        self.page = page
        self.prefix = re.sub(r"[^A-Za-z0-9_-]+", "-", test_name)
        self.count = 0
        self.node_id = node_id
        self.guide_images = _guide_images_by_shot()

    def take(self, label: str, *, full_page: bool = True) -> Path:
        """Screenshot the page (the whole page, or only the visible window), check it
        with axe, and capture the guide images named after this moment."""
        self.count += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.prefix}-{self.count:02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        for image in self.guide_images.get((self.node_id, label), []):
            captured = capture_for_guide(self.page, image)
            _captured.setdefault(self.node_id, {})[image.file] = captured
        problems = accessibility_violations(self.page)
        assert not problems, f"{self.page.url} ({label}):\n" + "\n".join(problems)
        return path


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    captured = _captured.pop(report.nodeid, {})
    if report.passed:
        _confirmed.update(captured)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-guide-images",
        action="store_true",
        help="copy the guide images the passing browser tests captured into "
        "docs/huong-dan/anh/ (`make guide-images`)",
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With --update-guide-images, copy the guide images of the tests that passed into
    docs/huong-dan/anh/, where the guides show them (they are committed). Only on
    request: a test run leaves the working tree as it found it."""
    if not session.config.getoption("update_guide_images"):
        _confirmed.clear()
        return
    for file, captured in sorted(_confirmed.items()):
        shutil.copyfile(captured, GUIDE_IMAGES / file)
    _confirmed.clear()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshots(page: Any, request: pytest.FixtureRequest) -> Screenshots:
    return Screenshots(page, request.node.name, request.node.nodeid)


def vietnamese(message: str, **values: object) -> str:
    """``message`` as the pages show it in Vietnamese: translated by the catalogue, its
    placeholders filled, its markup (visually hidden spans) dropped as in an accessible
    name. Browser tests find labels with it, so they follow the translations as they
    change, and their screenshots show the guides' language."""
    from django.utils import translation

    with translation.override("vi"):
        text = translation.gettext(message)
    if values:
        text = text % values
    return re.sub(r"<[^>]+>", "", text)


@pytest.fixture
def vi() -> Any:
    """:func:`vietnamese`, for browser tests that read the pages in Vietnamese."""
    return vietnamese


def _build_world() -> Any:
    from egovrank.testing.world import make_period, make_world

    world = make_world()
    make_period(world)
    return world


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return (
        "live_server" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or bool(marker and marker.kwargs.get("transaction"))
    )


@pytest.fixture(scope="module")
def module_world(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any
) -> Iterator[Any]:
    """In a module marked ``shared_world``, the world built once for all its tests; else
    None. Built once instead of for each of thousands of tests (the permission matrix
    alone has over 3,000), it saves minutes; the marker keeps it to modules that ask for
    it, since every test of such a module sees the world's rows."""
    if request.node.get_closest_marker("shared_world") is None:
        yield None
        return
    with rolled_back_at_the_end(django_db_blocker):
        yield _build_world()


@pytest.fixture
def world(request: pytest.FixtureRequest, module_world: Any, db: Any) -> Any:
    """The shared test world of ``egovrank.testing.world``: units, one person per role, and
    the 2019 period open for self-assessment with every unit of a block taking part.

    Each test gets its own copy of the objects, so what one test changes in them (or in
    the database, rolled back after it) never reaches the next."""
    if module_world is None:
        return _build_world()
    if _is_transactional(request):
        pytest.fail("a shared_world module holds its world in a transaction: no live server")
    return copy.deepcopy(module_world)


@pytest.fixture
def administrator_client(world: Any) -> Any:
    """A test client signed in as the world's administrator. English messages, so that
    assertions on them read the same whatever the default language."""
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.administrator)
    return client
