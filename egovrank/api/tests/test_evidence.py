"""Evidence through the API: files checked by their content as on the page, downloaded
through the page's own download (the same access check and headers), links to documents,
and removal (a removed file stays readable to those who may see the form)."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from egovrank.assessments.models import EvidenceFile, EvidenceLink
from egovrank.testing.ziparchive import BOMB_ODT, cost

from .helpers import PDF_BYTES, api, api_as, codes_of, form_kwargs, page_as, submit_demo

pytestmark = pytest.mark.django_db

HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Cache-Control",
)


def pdf(name="quyet-dinh.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload(client, world, code="HT1", **data):
    url = api("files", **form_kwargs(world, "sotc"), code=code)
    return client.upload(url, {"file": pdf(), **data})


def test_it_attaches_a_file_and_answers_with_its_digest(world):
    response = upload(api_as(world.unit_officer), world)
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "quyet-dinh.pdf"
    assert body["content_type"] == "application/pdf"
    assert body["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()
    assert body["url"] == api("file", **form_kwargs(world, "sotc"), pk=body["id"])


def test_it_refuses_a_file_whose_content_is_not_what_its_name_says(world):
    url = api("files", **form_kwargs(world, "sotc"), code="HT1")
    response = api_as(world.unit_officer).upload(url, {"file": pdf("bang-tinh.xlsx")})
    assert response.status_code == 400
    assert codes_of(response) == [("file", "evidence_refused")]
    assert not EvidenceFile.objects.exists()


def test_it_asks_for_a_file(world):
    url = api("files", **form_kwargs(world, "sotc"), code="HT1")
    response = api_as(world.unit_officer).upload(url, {})
    assert response.status_code == 400
    assert codes_of(response) == [("file", "required")]


def test_it_refuses_a_file_on_a_submitted_form(world):
    submit_demo(world.participants["sotc"])
    response = upload(api_as(world.unit_officer), world)
    assert response.status_code == 409
    assert codes_of(response) == [("", "form_locked")]


def test_it_downloads_a_file_exactly_as_the_page_does(world):
    file_id = upload(api_as(world.unit_officer), world).json()["id"]
    kwargs = {**form_kwargs(world, "sotc"), "pk": file_id}
    through_api = api_as(world.provincial_reviewer).get(api("file", **kwargs))
    through_page = page_as(world.provincial_reviewer).get(
        reverse("assessments:download", kwargs=kwargs)
    )
    assert through_api.status_code == through_page.status_code == 200
    assert b"".join(through_api.streaming_content) == PDF_BYTES
    for header in HEADERS:
        assert through_api[header] == through_page[header], header
    assert through_api["Content-Disposition"].startswith("inline")
    attachment = api_as(world.unit_officer).get(api("file", **kwargs), {"download": ""})
    assert attachment["Content-Disposition"].startswith("attachment")


def test_it_answers_404_for_a_file_of_a_form_out_of_reach(world):
    file_id = upload(api_as(world.unit_officer), world).json()["id"]
    url = api("file", **form_kwargs(world, "sotc"), pk=file_id)
    assert api_as(world.commune_officer).get(url).status_code == 404
    other_form = api("file", **form_kwargs(world, "soxd"), pk=file_id)
    assert api_as(world.administrator).get(other_form).status_code == 404


def test_it_removes_a_file_which_stays_readable(world):
    officer = api_as(world.unit_officer)
    file_id = upload(officer, world).json()["id"]
    url = api("file", **form_kwargs(world, "sotc"), pk=file_id)
    assert officer.delete(url).status_code == 204
    assert EvidenceFile.objects.get(pk=file_id).removed_at is not None
    assert officer.get(url).status_code == 200
    assert officer.delete(url).status_code == 404
    detail = officer.get(api("assessment", **form_kwargs(world, "sotc"))).json()
    assert all(not item["files"] for item in detail["criteria"])


def test_it_adds_and_removes_a_link(world):
    officer = api_as(world.unit_officer)
    url = api("links", **form_kwargs(world, "sotc"), code="HT1")
    response = officer.post(
        url,
        {
            "number": "15/QĐ-STC",
            "date": "2019-03-01",
            "title": "Quyết định trang bị máy tính",
            "url": "https://stc.hungyen.gov.vn/qd15",
        },
    )
    assert response.status_code == 201
    link = response.json()
    assert link["date"] == "2019-03-01"
    assert link["added_by"] == "Unit Officer"
    detail = officer.get(api("assessment", **form_kwargs(world, "sotc"))).json()
    ht1 = next(item for item in detail["criteria"] if item["code"] == "HT1")
    assert [item["id"] for item in ht1["links"]] == [link["id"]]
    removal = officer.delete(api("link", **form_kwargs(world, "sotc"), pk=link["id"]))
    assert removal.status_code == 204
    assert EvidenceLink.objects.get(pk=link["id"]).removed_at is not None


def test_a_reviewer_reads_evidence_but_cannot_attach_any(world):
    response = upload(api_as(world.provincial_reviewer), world)
    assert response.status_code == 403


def test_it_refuses_an_odt_that_inflates_to_1_gb_at_once(world):
    # Issue 15: the API answered 201 after 10.9 s while the server grew by 2 GB.
    url = api("files", **form_kwargs(world, "sotc"), code="HT1")
    client = api_as(world.unit_officer)
    bomb = SimpleUploadedFile("bien-ban.odt", BOMB_ODT.read_bytes())

    spent = cost(lambda: client.upload(url, {"file": bomb}))

    assert spent.outcome.status_code == 400
    assert codes_of(spent.outcome) == [("file", "evidence_refused")]
    assert spent.seconds < 1
    assert spent.peak_mb < 50
    assert not EvidenceFile.objects.exists()
