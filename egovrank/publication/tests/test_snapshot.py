"""A publication's pages are drawn once and served from the cache (publication/snapshot.py)
to whoever asks next, but never in another language, never with another person's header,
and never after a correction or a new succession has changed what they show."""

from types import SimpleNamespace

import pytest
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.urls import reverse

from egovrank.orgs.models import UnitSuccession
from egovrank.publication import snapshot
from egovrank.results.actions import do_publish_correction
from egovrank.results.tests.helpers import DECISION, published
from egovrank.results.tests.test_corrections import correct_sotc

from .helpers import anonymous

pytestmark = pytest.mark.django_db

BLOCK = reverse("publication:block", kwargs={"year": 2019, "block": "KHOI01"})


def test_a_page_read_in_one_language_is_never_served_in_another(world):
    published(world)
    first = anonymous("vi").get(BLOCK).content.decode()
    english = anonymous("en").get(BLOCK).content.decode()
    again = anonymous("vi").get(BLOCK).content.decode()
    assert "Bảng xếp hạng" in first
    assert "Ranking table" in english
    assert "Bảng xếp hạng" not in english
    assert '<html lang="en">' in english
    assert "Bảng xếp hạng" in again
    assert "Ranking table" not in again


def test_a_signed_in_persons_header_is_never_served_to_anyone_else(world):
    published(world)
    administrator = world.administrator
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(administrator)
    own = client.get(BLOCK).content.decode()
    public = anonymous().get(BLOCK).content.decode()
    mine_again = client.get(BLOCK).content.decode()
    name = administrator.get_full_name()
    assert name and name in own and name in mine_again
    assert name not in public
    assert reverse("accounts:sign_in") in public
    assert reverse("accounts:sign_out") not in public
    # The same ranking for both: only the frame is the visitor's.
    assert own.split('<main id="main"')[1] == public.split('<main id="main"')[1]


def test_a_correction_is_served_at_once(world):
    first = published(world)
    old = first.results.get(unit_code="K01-05")
    assert f"{old.points}".replace(".", ",") in anonymous().get(BLOCK).content.decode()
    correct_sotc(world)
    second = do_publish_correction(
        world.period,
        actor=world.administrator,
        reason="Phúc tra",
        **{**DECISION, "decision_number": "150/QĐ-UBND"},
    )
    new = second.results.get(unit_code="K01-05")
    response = anonymous().get(BLOCK)
    assert {row.unit_code: row for row in response.context["rows"]}["K01-05"].points == new.points
    assert "150/QĐ-UBND" in response.content.decode()


def test_a_succession_recorded_or_changed_later_changes_the_key(world):
    before = snapshot.state()
    link = UnitSuccession.objects.create(
        predecessor=world.units["sotc"], successor=world.units["soxd"], kind="renamed", year=2019
    )
    added = snapshot.state()
    link.year = 2020
    link.save()
    changed = snapshot.state()
    assert len({before, added, changed}) == 3


def test_a_download_is_drawn_once_and_still_answers_304(world, django_assert_num_queries):
    published(world)
    url = reverse("publication:xlsx", kwargs={"year": 2019})
    first = anonymous().get(url)
    with django_assert_num_queries(1):
        again = anonymous().get(url)
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]
    with django_assert_num_queries(1):
        unchanged = anonymous().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304


def test_each_visitor_gets_language_links_back_to_their_own_page_and_no_cookie(world):
    published(world)
    anonymous().get(BLOCK)  # the public frame is kept from this first visit
    visitor = Client(HTTP_ACCEPT_LANGUAGE="vi", enforce_csrf_checks=True)
    response = visitor.get(BLOCK + "?from=portal")
    page = response.content.decode()
    back = "%2Fpublished%2F2019%2Fblocks%2FKHOI01%2F%3Ffrom%3Dportal"
    assert f'href="/language/en/?next={back}"' in page
    # Nothing drawn for this visitor alone: no CSRF secret, no cookie, no Vary on it.
    assert "csrfmiddlewaretoken" not in page
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    switched = visitor.get(f"/language/en/?next={back}")
    assert switched.status_code == 302
    assert switched["Location"] == "/published/2019/blocks/KHOI01/?from=portal"
    assert "Ranking table" in visitor.get(BLOCK).content.decode()


def test_a_message_waiting_for_a_visitor_is_shown_on_the_public_page(world):
    """A message kept in the visitor's cookie makes the page drawn for that visitor, not
    the frame every visitor shares (which is told apart by the cookies alone)."""
    published(world)
    anonymous("en").get(BLOCK)  # the shared frame is kept
    visitor = anonymous("en")
    storage = CookieStorage(SimpleNamespace(COOKIES={}))
    visitor.cookies[CookieStorage.cookie_name] = storage._encode(
        [Message(messages.INFO, "Your language is now English.")]
    )
    assert "Your language is now English." in visitor.get(BLOCK).content.decode()
    assert "Your language is now English." not in anonymous("en").get(BLOCK).content.decode()
