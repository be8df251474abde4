"""A figure with more digits than the scoring can carry is a problem the person reads,
on the page, in the API, in the offline form and in a figures import: never a 500.
Found probing issue 15's inputs: 28 digits made decimal arithmetic fail
(InvalidOperation), 400 made it inexact, on any unit officer's save."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from egovrank.api.tests.helpers import api_as
from egovrank.assessments.models import Answer

from .conftest import client_of, form_url
from .test_workbook import download, fill, saved

LONG = ["9" * 28, "9" * 400, "1" + "0" * 15, "0." + "0" * 15 + "1"]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize("value", LONG, ids=lambda v: f"{len(v)} characters")
def test_the_page_and_the_api_say_the_figure_is_too_long(world, value):
    officer = client_of(world.unit_officer)
    page = officer.post(
        form_url(world, name="assessments:save", code="UD5"),
        {"value": value, "revision": "0"},
        **HTMX,
    )
    assert page.status_code in (200, 400)
    assert "too many digits: at most 15" in page.content.decode()
    api = api_as(world.unit_officer)
    answer = api.post(
        "/api/v1/assessments/2019/K01-05/answers/HT1/",
        {"numerator": value, "denominator": "50", "revision": 0},
    )
    assert answer.status_code in (200, 400)
    # The API takes at most 100 characters a figure before reading it.
    expected = "too many digits: at most 15" if len(value) <= 100 else "max_length"
    assert expected in answer.content.decode()


def test_the_offline_form_and_a_figures_import_name_the_too_long_figure(world):
    officer = client_of(world.unit_officer)
    workbook = saved(fill(download(officer, world), UD5={"F": "9" * 400}))
    shown = officer.post(
        form_url(world, name="assessments:workbook_upload"),
        {"file": SimpleUploadedFile("p.xlsx", workbook)},
    )
    assert shown.status_code == 400
    assert "too many digits: at most 15" in shown.content.decode()
    admin = client_of(world.administrator)
    figures = admin.post(
        reverse("assessments:figures_import", kwargs={"year": 2019}),
        {
            "file": SimpleUploadedFile(
                "f.csv", f"unit_code,criterion,value\nK01-05,UD5,{'9' * 28}\n".encode()
            ),
            "source": "x",
        },
    )
    assert figures.status_code == 400
    assert "too many digits: at most 15" in figures.content.decode()
    assert not Answer.objects.exists()


def test_fifteen_digits_are_still_a_figure(world):
    api = api_as(world.unit_officer)
    answer = api.post(
        "/api/v1/assessments/2019/K01-05/answers/HT1/",
        {"numerator": "9" * 15, "denominator": "9" * 15, "revision": 0},
    )
    assert answer.status_code == 200
    assert Answer.objects.get(code="HT1").value == f"{'9' * 15}/{'9' * 15}"
