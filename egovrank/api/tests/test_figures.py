"""Figures from other systems through the API: the administrator sends a CSV or Excel
file of figures per unit and criterion; it is saved into the period's forms all or
nothing, every problem named with its row and column, each figure in the history with
its source."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from egovrank.assessments.models import Answer
from egovrank.core.models import AuditEvent

from .helpers import api, api_as, codes_of

pytestmark = pytest.mark.django_db

SOURCE = "Cổng dịch vụ công, thống kê 2019"


def send(client, content, **extra):
    upload = SimpleUploadedFile("so-lieu.csv", content, content_type="text/csv")
    return client.upload(api("figures", year=2019), {"file": upload, "source": SOURCE, **extra})


def test_it_saves_the_figures_into_the_forms(world):
    response = send(
        api_as(world.administrator),
        b"unit_code,criterion,value\nK01-05,HT3.1,yes\n11989,TT1,12\n",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["changed"] == 2 and body["dry_run"] is False
    assert [(r["row"], r["unit_code"], r["after"]) for r in body["rows"]] == [
        (2, "K01-05", "yes"),
        (3, "11989", "12"),
    ]
    saved = Answer.objects.get(assessment__participant=world.participants["sotc"], code="HT3.1")
    assert saved.value == "yes"
    assert AuditEvent.objects.filter(action="figures.imported", data__source=SOURCE).exists()


def test_a_dry_run_changes_nothing(world):
    body = send(
        api_as(world.administrator), b"unit_code,criterion,value\nK01-05,HT3.1,yes\n", dry_run=True
    ).json()
    assert body["dry_run"] is True and body["changed"] == 1
    assert not Answer.objects.exists()


def test_it_names_the_row_and_column_of_every_problem(world):
    response = send(
        api_as(world.administrator),
        b"unit_code,criterion,value\nNOPE,HT3.1,yes\nK01-05,XX9,1\nK01-05,HT3.1,maybe\n",
    )
    assert response.status_code == 400
    assert codes_of(response) == [
        ("file.2.unit_code", "figure_refused"),
        ("file.3.criterion", "figure_refused"),
        ("file.4.value", "figure_refused"),
    ]
    assert not Answer.objects.exists()


def test_it_asks_for_the_source(world):
    upload = SimpleUploadedFile(
        "so-lieu.csv", b"unit_code,criterion,value\n", content_type="text/csv"
    )
    response = api_as(world.administrator).upload(api("figures", year=2019), {"file": upload})
    assert codes_of(response) == [("source", "required")]


def test_only_the_administrator_imports_figures(world):
    response = send(api_as(world.provincial_reviewer), b"unit_code,criterion,value\n")
    assert response.status_code == 403
