"""The public pages print as clean A4 pages (navigation, forms and buttons hidden) and
fit a phone (wide tables scroll in their own box, charts scale)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from egovrank.results.tests.helpers import published

from .helpers import anonymous

CSS = Path(__file__).resolve().parents[2] / "static" / "egovrank" / "css" / "publication.css"


def print_rules():
    css = CSS.read_text()
    start = css.index("@media print")
    return css[start:]


def test_the_print_stylesheet_gives_a4_pages():
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", print_rules())


@pytest.mark.parametrize(
    "selector",
    [".site-nav", ".site-header", "form", "button", ".button", ".downloads", ".year-switcher"],
)
def test_printing_hides_navigation_forms_and_buttons(selector):
    hidden = print_rules().split("{ display: none !important; }")[0]
    assert re.search(rf"(^|[\s,]){re.escape(selector)}([\s,]|$)", hidden)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("index", {}),
        ("year", {"year": 2019}),
        ("block", {"year": 2019, "block": "KHOI01"}),
        ("districts", {"year": 2019, "block": "KHOI03"}),
        ("unit", {"year": 2019, "unit": "K01-05"}),
    ],
)
def test_every_table_scrolls_in_its_own_box_on_a_phone(world, name, kwargs):
    published(world)
    page = anonymous().get(reverse(f"publication:{name}", kwargs=kwargs)).content.decode()
    assert 'name="viewport"' in page
    assert "egovrank/css/publication.css" in page
    main = page.split('<main id="main"')[1].split("</main>")[0]
    tables = main.count("<table")
    assert tables
    # Each table of the page sits in a scrolling region (the small level tables too,
    # which are narrow by design, are counted apart).
    narrow = main.count('class="data data--narrow')
    assert main.count('class="table-scroll"') >= tables - narrow
