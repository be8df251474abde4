"""The header shows how many notices the signed-in person has not read, at the cost
of one COUNT; anonymous pages make no query for it."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .conftest import client_of, notice_for

pytestmark = pytest.mark.django_db


def home():
    return reverse("front:home")


def header(response):
    return response.content.decode().split('<nav class="site-nav"')[0]


def test_it_shows_the_number_of_unread_notices(world):
    for _ in range(3):
        notice_for(world.unit_officer)
    notice_for(world.unit_officer, read_at=timezone.now())
    notice_for(world.unit_head)
    top = header(client_of(world.unit_officer).get(home()))
    link = re.search(r'<a href="/notices/"[^>]*aria-label="([^"]*)"[^>]*>(.*?)</a>', top)
    assert link is not None
    assert link.group(1) == "Notices: 3 unread"
    assert '<span class="badge badge--warn">3</span>' in link.group(2)
    text = re.sub(r"<[^>]+>", "", link.group(2))
    assert " ".join(text.split()) == "Notices (3)"


def test_it_shows_a_plain_link_when_all_are_read(world):
    notice_for(world.unit_officer, read_at=timezone.now())
    top = header(client_of(world.unit_officer).get(home()))
    assert '<a href="/notices/" class="account__notices">Notices</a>' in top
    assert "badge" not in top


def test_it_costs_one_count_query(world):
    notice_for(world.unit_officer)
    client = client_of(world.unit_officer)
    with CaptureQueriesContext(connection) as queries:
        client.get(home())
    counts = [q["sql"] for q in queries if "notifications_notice" in q["sql"]]
    assert len(counts) == 1
    assert "COUNT(" in counts[0].upper()


def test_anonymous_pages_make_no_query_for_it(world):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(home())
    assert "/notices/" not in header(response)
    assert not [q for q in queries if "notifications_notice" in q["sql"]]
