"""The administrator's figures import as a page: upload, a dry run's preview, confirm;
all or nothing, and a preview is refused once a figure it changes was saved since."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from egovrank.assessments.models import Answer
from egovrank.core.models import AuditEvent

from .conftest import client_of
from .helpers import save

pytestmark = pytest.mark.django_db

SOURCE = "Cổng dịch vụ công, thống kê 2019"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin(world):
    return client_of(world.administrator)


def csv_file(*lines):
    return SimpleUploadedFile("dvc.csv", ("\n".join(lines) + "\n").encode())


def preview(admin, world, *lines):
    url = reverse("assessments:figures_import", kwargs={"year": world.period.year})
    return admin.post(url, {"file": csv_file(*lines), "source": SOURCE})


def token_of(response):
    html = response.content.decode()
    start = html.index('name="token" value="') + len('name="token" value="')
    return html[start : html.index('"', start)]


def confirm(admin, world, token):
    url = reverse("assessments:figures_confirm", kwargs={"year": world.period.year})
    return admin.post(url, {"token": token})


def test_upload_preview_confirm_saves_the_figures_with_their_source(world, admin):
    shown = preview(admin, world, "unit_code,criterion,value", "K01-05,DVC1,12/40", "K01-05,UD5,7")
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "What the file changes" in html and "12/40" in html
    assert not Answer.objects.exists()  # the preview is a dry run

    done = confirm(admin, world, token_of(shown))

    assert done.status_code == 302
    saved = dict(Answer.objects.values_list("code", "value"))
    assert saved == {"DVC1": "12/40", "UD5": "7"}
    event = AuditEvent.objects.filter(action="answer.changed", data__code="UD5").get()
    assert event.data["source"] == SOURCE
    assert AuditEvent.objects.filter(action="figures.imported").count() == 1


def test_a_refused_row_is_named_and_nothing_is_saved(world, admin):
    shown = preview(admin, world, "unit_code,criterion,value", "K01-05,UD5,7", "K01-05,DVC1,lots")
    assert shown.status_code == 400
    assert "row 3, column value: [DVC1]" in shown.content.decode()
    assert not Answer.objects.exists()


def test_a_preview_is_refused_once_a_figure_it_changes_was_saved_since(world, admin):
    shown = preview(admin, world, "unit_code,criterion,value", "K01-05,UD5,7")
    save(world.participants["sotc"], "UD5", "3", actor=world.unit_officer)

    refused = confirm(admin, world, token_of(shown))

    assert refused.status_code == 409
    assert "the forms changed after the preview" in refused.content.decode()
    assert Answer.objects.get(code="UD5").value == "3"


def test_an_altered_preview_is_refused(world, admin):
    token = token_of(preview(admin, world, "unit_code,criterion,value", "K01-05,UD5,7"))
    assert confirm(admin, world, token[:-3] + "abc").status_code == 400
    assert not Answer.objects.exists()


def test_a_locked_form_is_refused_with_its_unit(world, admin):
    world.period.state = "review"
    world.period.save()
    shown = preview(admin, world, "unit_code,criterion,value", "K01-05,UD5,7")
    assert shown.status_code == 400
    assert "K01-05: Self-assessment is over" in shown.content.decode()


def test_a_zip_bomb_is_refused_unread(world, admin):
    from egovrank.testing.ziparchive import xlsx_with_sheet

    from .test_import_figures import xlsx_bytes

    bomb = xlsx_with_sheet(
        xlsx_bytes(("unit_code", "criterion", "value")), b"<a>" + b" " * (8 << 20) + b"</a>"
    )
    url = reverse("assessments:figures_import", kwargs={"year": world.period.year})
    shown = admin.post(url, {"file": SimpleUploadedFile("dvc.xlsx", bomb), "source": SOURCE})
    assert shown.status_code == 400
    assert "refused unread" in shown.content.decode()
