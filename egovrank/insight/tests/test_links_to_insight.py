"""People find the insight pages from their workspace and from a published form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egovrank.results.tests.helpers import published, reviewed

from .conftest import client_of

pytestmark = pytest.mark.django_db

LOST = reverse("insight:lost_points", kwargs={"year": 2019, "unit": "K01-05"})
WHAT_IF = reverse("insight:what_if", kwargs={"year": 2019, "unit": "K01-05"})
ANALYSIS = reverse("insight:analysis", kwargs={"year": 2019})


def workspace_of(person):
    return client_of(person).get(reverse("front:workspace")).content.decode()


def test_a_unit_s_workspace_links_its_published_years(world):
    published(world)
    html = workspace_of(world.unit_officer)
    assert LOST in html and WHAT_IF in html
    assert ANALYSIS not in html


def test_nothing_is_linked_before_publication(world):
    reviewed(world)
    assert LOST not in workspace_of(world.unit_head)
    assert ANALYSIS not in workspace_of(world.administrator)


def test_sở_tt_tt_s_workspace_links_the_analysis_once(world):
    published(world)
    for person in (world.administrator, world.provincial_reviewer):
        assert workspace_of(person).count(f'href="{ANALYSIS}"') == 1


def test_a_published_form_links_where_the_unit_lost_points_and_what_if(world):
    form = reverse("assessments:form", kwargs={"year": 2019, "unit": "K01-05"})
    reviewed(world)
    assert LOST not in client_of(world.unit_officer).get(form).content.decode()
    published(world)
    html = client_of(world.unit_officer).get(form).content.decode()
    assert LOST in html and WHAT_IF in html
