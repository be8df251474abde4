"""A link to a document is an absolute http:// or https:// address, checked the same way
on the page and in the API: what one refuses, the other refuses too."""

from __future__ import annotations

import pytest

from egovrank.api.tests.helpers import api, api_as, form_kwargs
from egovrank.assessments.models import EvidenceLink
from egovrank.assessments.tests.conftest import form_url

pytestmark = pytest.mark.shared_world

HTMX = {"HTTP_HX_REQUEST": "true"}
REFUSED = [
    "//evil.example",
    "//evil.example/quyet-dinh.pdf",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://hungyen.gov.vn/qd.pdf",
    "file:///etc/passwd",
    "hungyen.gov.vn/qd.pdf",
    "https://",
    "https:///qd.pdf",
    "/assessments/",
    " https://hungyen.gov.vn/\nqd.pdf",
]
ACCEPTED = ["https://hungyen.gov.vn/van-ban/qd-15.pdf", "http://10.0.0.5:8080/qd?id=15"]


def on_the_page(world, officer, url):
    return officer.post(
        form_url(world, name="assessments:add_link", code="HT1"),
        {"title": "Quyết định 15", "url": url},
        **HTMX,
    )


def in_the_api(world, url):
    client = api_as(world.unit_officer)
    return client.post(
        api("links", **form_kwargs(world, "sotc"), code="HT1"),
        {"title": "Quyết định 15", "url": url},
    )


@pytest.mark.parametrize("url", REFUSED)
def test_an_address_that_is_not_absolute_http_is_refused_on_the_page_and_in_the_api(
    world, officer, url
):
    page = on_the_page(world, officer, url)
    assert page.status_code == 400
    assert "http://" in page.content.decode()  # the message says what is expected
    answer = in_the_api(world, url)
    assert answer.status_code == 400
    assert [(e["path"], e["code"]) for e in answer.json()["errors"]] == [("url", "invalid")]
    assert not EvidenceLink.objects.exists()


@pytest.mark.parametrize("url", ACCEPTED)
def test_an_absolute_http_address_is_kept_as_typed_on_the_page_and_in_the_api(world, officer, url):
    assert on_the_page(world, officer, url).status_code == 200
    assert in_the_api(world, url).status_code == 201
    assert list(EvidenceLink.objects.values_list("url", flat=True)) == [url, url]
