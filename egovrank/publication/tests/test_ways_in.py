"""People find the public results: a menu entry for everyone, signed in or not, a link
on the front page, and a link from each publication's page."""

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.results.tests.helpers import published
from egovrank.testing.world import PERSONAS

from .helpers import anonymous

pytestmark = pytest.mark.django_db


def nav(page):
    return page.split('<nav class="site-nav"')[1].split("</nav>")[0]


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_has_the_published_results_in_the_menu(world, persona):
    client = Client()
    if persona != "anonymous":
        client.force_login(world.people[persona])
    page = client.get(reverse("front:home")).content.decode()
    assert f'href="{reverse("publication:index")}"' in nav(page)


def test_the_menu_marks_the_public_pages_as_current(world):
    published(world)
    page = anonymous().get(reverse("publication:year", kwargs={"year": 2019})).content.decode()
    assert f'<a href="{reverse("publication:index")}" aria-current="page">' in nav(page)


def test_the_front_page_links_to_the_published_results(world):
    page = anonymous().get(reverse("front:home")).content.decode()
    main = page.split('<main id="main"')[1]
    assert f'href="{reverse("publication:index")}"' in main


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("results:publications", {"year": 2019}),
        ("results:publication", {"year": 2019, "number": 1}),
    ],
)
def test_a_publication_links_to_its_public_pages(world, name, kwargs):
    published(world)
    page = anonymous().get(reverse(name, kwargs=kwargs)).content.decode()
    assert f'href="{reverse("publication:year", kwargs={"year": 2019})}"' in page
