"""The Atom feed has an entry for each publication and each correction: title, decision,
date, a link to the year's public page, and for a correction its reason."""

import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from egovrank.results.actions import do_publish_correction
from egovrank.results.tests.helpers import DECISION, published, reviewed
from egovrank.results.tests.test_corrections import correct_sotc

from .helpers import anonymous

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
REASON = "Điều chỉnh kết quả của Sở Tài chính sau phúc tra"


def read_feed(language="en"):
    response = anonymous(language).get(reverse("publication:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def test_the_feed_is_valid_atom_with_an_entry_per_publication(world):
    published(world)
    correct_sotc(world)
    do_publish_correction(
        world.period,
        actor=world.administrator,
        reason=REASON,
        **{**DECISION, "decision_number": "150/QĐ-UBND"},
    )
    feed = read_feed()
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text
    assert feed.find(f"{ATOM}id").text
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    correction, first = entries  # newest first
    year_page = "http://testserver" + reverse("publication:year", kwargs={"year": 2019})
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href") == year_page
        assert entry.find(f"{ATOM}updated").text
        assert entry.find(f"{ATOM}id").text.startswith("tag:")
    assert "150/QĐ-UBND" in correction.find(f"{ATOM}summary").text
    assert REASON in correction.find(f"{ATOM}summary").text
    assert "Corrected results 2019" in correction.find(f"{ATOM}title").text
    assert "123/QĐ-UBND" in first.find(f"{ATOM}summary").text
    assert "20/03/2020" in first.find(f"{ATOM}summary").text
    assert "Results 2019 published" == first.find(f"{ATOM}title").text
    assert correction.find(f"{ATOM}id").text != first.find(f"{ATOM}id").text


def test_nothing_unpublished_is_in_the_feed(world):
    reviewed(world)
    assert read_feed().findall(f"{ATOM}entry") == []


def test_the_public_pages_announce_the_feed(world):
    published(world)
    page = anonymous().get(reverse("publication:year", kwargs={"year": 2019})).content.decode()
    head = page.split("</head>")[0]
    assert re.search(
        rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
        rf'href="{re.escape(reverse("publication:feed"))}">',
        head,
    )
