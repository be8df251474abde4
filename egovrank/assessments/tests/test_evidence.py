"""Evidence files: checked by content, stored privately, downloaded only through the
access checks; links to documents; every change in the history."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from egovrank.assessments.models import EvidenceFile, EvidenceLink
from egovrank.assessments.tests.conftest import PDF_BYTES, client_of, form_url, pdf
from egovrank.conftest import vietnamese
from egovrank.core.models import AuditEvent
from egovrank.testing.ziparchive import BOMB_ODT, cost

# The head ticks the declaration on the confirmation step.
DECLARED = {"declaration": "yes"}

HTMX = {"HTTP_HX_REQUEST": "true"}


def upload(client, world, file, code="HT1", **extra):
    return client.post(
        form_url(world, name="assessments:upload", code=code), {"file": file}, **extra
    )


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_it_stores_a_pdf_with_a_safe_name_and_its_checksum(world, officer):
    response = upload(officer, world, pdf("../../Quyết định 12/QĐ.pdf"), **HTMX)
    assert response.status_code == 200
    evidence = EvidenceFile.objects.get()
    assert evidence.original_name == "QĐ.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF_BYTES)
    assert len(evidence.sha256) == 64
    assert evidence.file.name.startswith("evidence/2019/") and "QĐ" not in evidence.file.name
    assert "QĐ.pdf" in response.content.decode()
    assert AuditEvent.objects.filter(action="evidence.file_added").count() == 1


def test_it_recognises_a_word_file_by_its_content(world, officer):
    word = SimpleUploadedFile("bao-cao.docx", docx_bytes())
    upload(officer, world, word, **HTMX)
    assert EvidenceFile.objects.get().content_type.endswith("wordprocessingml.document")


def test_it_refuses_a_program_named_like_a_pdf(world, officer):
    fake = SimpleUploadedFile("quyet-dinh.pdf", b"MZ\x90\x00 this is a program")
    response = upload(officer, world, fake, **HTMX)
    assert response.status_code == 400
    assert "checked by its content" in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_it_refuses_a_pdf_whose_name_says_otherwise(world, officer):
    response = upload(officer, world, SimpleUploadedFile("bang.xlsx", PDF_BYTES), **HTMX)
    assert response.status_code == 400
    assert "is a PDF file by its content" in response.content.decode()


@override_settings(EVIDENCE_MAX_MEGABYTES=1)
def test_it_refuses_a_file_over_the_size_limit(world, officer):
    big = SimpleUploadedFile("lon.pdf", PDF_BYTES + b"0" * (1024 * 1024))
    response = upload(officer, world, big, **HTMX)
    assert response.status_code == 400
    assert "larger than 1 MB" in response.content.decode()


def test_the_unit_downloads_its_file_inline_in_a_sandbox(world, officer):
    upload(officer, world, pdf())
    evidence = EvidenceFile.objects.get()
    response = officer.get(form_url(world, name="assessments:download", pk=evidence.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"


def test_another_units_officer_cannot_download_by_direct_url(world, officer):
    upload(officer, world, pdf())
    evidence = EvidenceFile.objects.get()
    stranger = client_of(world.commune_officer)
    # Through its own form's URL or this unit's: 404 either way, as if it did not exist.
    assert (
        stranger.get(form_url(world, name="assessments:download", pk=evidence.pk)).status_code
        == 404
    )
    own = form_url(world, "lacdao", name="assessments:download", pk=evidence.pk)
    assert stranger.get(own).status_code == 404


def test_the_file_is_never_under_a_public_url(world, officer, client):
    upload(officer, world, pdf())
    evidence = EvidenceFile.objects.get()
    for path in (
        f"/media/{evidence.file.name}",
        f"/static/{evidence.file.name}",
        f"/{evidence.file.name}",
    ):
        assert client.get(path).status_code == 404


def test_removing_a_file_keeps_it_for_the_history(world, officer):
    upload(officer, world, pdf())
    evidence = EvidenceFile.objects.get()
    response = officer.post(form_url(world, name="assessments:remove_file", pk=evidence.pk), **HTMX)
    assert response.status_code == 200
    evidence.refresh_from_db()
    assert evidence.removed_at is not None and evidence.removed_by == world.unit_officer
    assert evidence.file.storage.exists(evidence.file.name)
    assert AuditEvent.objects.filter(action="evidence.file_removed").exists()
    page = officer.get(form_url(world)).content.decode()
    assert "quyet-dinh.pdf" not in page


def test_a_link_to_a_document_counts_as_evidence(world, officer):
    response = officer.post(
        form_url(world, name="assessments:add_link", code="HT1"),
        {
            "number": "15/QĐ-STC",
            "date": "2019-03-01",
            "title": "Quyết định trang bị máy tính",
            "url": "https://stc.hungyen.gov.vn/qd15",
        },
        **HTMX,
    )
    assert response.status_code == 200
    link = EvidenceLink.objects.get()
    assert (link.number, link.date.isoformat()) == ("15/QĐ-STC", "2019-03-01")
    html = response.content.decode()
    assert "Quyết định trang bị máy tính" in html
    assert "Evidence is required" not in html


def test_a_link_needs_a_title(world, officer):
    response = officer.post(
        form_url(world, name="assessments:add_link", code="HT1"), {"title": ""}, **HTMX
    )
    assert response.status_code == 400
    assert not EvidenceLink.objects.exists()


def test_evidence_cannot_change_once_submitted(world, officer, head):
    from egovrank.assessments.tests.helpers import fill_in

    upload(officer, world, pdf())
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    head.post(form_url(world, name="assessments:submit"), DECLARED)
    evidence = EvidenceFile.objects.get()
    response = officer.post(form_url(world, name="assessments:remove_file", pk=evidence.pk), **HTMX)
    assert response.status_code == 400
    assert EvidenceFile.objects.get().removed_at is None
    assert upload(officer, world, pdf("b.pdf"), **HTMX).status_code == 400
    assert EvidenceFile.objects.count() == 1


def test_a_1_kb_odt_that_inflates_to_1_gb_is_refused_at_once_in_vietnamese(world):
    # Issue 15: this file was accepted after 10.9 s while the server grew by 2 GB.
    officer = Client(HTTP_ACCEPT_LANGUAGE="vi")
    officer.force_login(world.unit_officer)
    bomb = SimpleUploadedFile("bien-ban.odt", BOMB_ODT.read_bytes())
    officer.get(form_url(world))  # a server that has served pages already

    spent = cost(lambda: upload(officer, world, bomb, **HTMX))

    response = spent.outcome
    assert response.status_code == 400
    assert spent.seconds < 1
    assert spent.peak_mb < 50
    expected = vietnamese(
        "%(name)s is refused unread: it is compressed in a way Excel, Word and "
        "OpenDocument files never are.",
        name="bien-ban.odt",
    )
    assert "bị từ chối" in expected  # said in Vietnamese, not left in English
    assert expected in response.content.decode()
    assert not EvidenceFile.objects.exists()


def test_an_upload_replaces_the_saving_status_with_what_happened(world, officer):
    # The page says "Saving…" while the file goes up; the answer must replace it.
    saved = upload(officer, world, pdf(), **HTMX).content.decode()
    status = saved[saved.index('id="save-status"') :]
    assert 'hx-swap-oob="true"' in saved[saved.rindex("<p", 0, saved.index('id="save-status"')) :]
    assert "Evidence of HT1 saved at" in status.split("</p>")[0]
    refused = upload(officer, world, SimpleUploadedFile("x.exe", b"MZ"), **HTMX)
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "HT1 was not saved" in text[text.index('id="save-status"') :].split("</p>")[0]
