"""After a correction every download serves the new publication and says it is a
correction, with its reason; until it is published, the downloads keep the first."""

import csv
import io
import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.results.actions import do_open_correction, do_publish_correction
from egovrank.results.tests.helpers import adjust, published, set_state

pytestmark = pytest.mark.django_db

REASON = "Phúc tra theo đơn của Sở Tài chính"
CORRECTION = {
    "decision_number": "150/QĐ-UBND",
    "decision_date": date(2020, 4, 10),
    "signer": "Nguyễn Văn Phóng, Phó Chủ tịch UBND tỉnh",
}


def reopen_sotc(world):
    """Sở Tài chính re-opened, one verified answer changed and approved again (not yet
    published)."""
    participant = world.participants["sotc"]
    do_open_correction(participant, reason=REASON, actor=world.administrator)
    assessment = Assessment.objects.get(participant=participant)
    current = assessment.answers.get(code="HT3.1").value
    adjust(assessment, "HT3.1", "no" if current == "yes" else "yes", by=world.provincial_reviewer)
    set_state(assessment, AssessmentState.APPROVED)


def get(name, **kwargs):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    return client.get(reverse(f"publication:{name}", kwargs={"year": 2019, **kwargs})).content


def sotc_points(content):
    rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    return next(row["points"] for row in rows if row["unit_code"] == "K01-05")


def test_an_open_correction_changes_nothing_downloaded(world):
    first = published(world)
    before = {name: get(name) for name in ("json", "xlsx")}
    before_csv = get("csv", block="KHOI01")
    reopen_sotc(world)
    assert get("json") == before["json"]
    assert sotc_points(get("csv", block="KHOI01")) == sotc_points(before_csv)
    assert json.loads(get("json"))["publication"]["number"] == first.number


def test_every_format_shows_the_published_correction(world):
    first = published(world)
    reopen_sotc(world)
    correction = do_publish_correction(
        world.period, actor=world.administrator, reason=REASON, **CORRECTION
    )
    sotc = correction.results.get(unit_code="K01-05")
    assert sotc.points != first.results.get(unit_code="K01-05").points

    document = json.loads(get("json"))
    assert document["publication"]["number"] == 2
    assert document["publication"]["is_correction"] is True
    assert document["publication"]["correction_reason"] == REASON
    assert document["publication"]["decision_number"] == "150/QĐ-UBND"

    assert sotc_points(get("csv", block="KHOI01")) == format(sotc.points.normalize(), "f")

    sheet = load_workbook(io.BytesIO(get("xlsx")))["KHOI01"]
    assert sheet["A4"].value == f"Correction (publication 2): {REASON}"
    assert "150/QĐ-UBND" in sheet["A3"].value and "10/04/2020" in sheet["A3"].value

    reader = PdfReader(io.BytesIO(get("pdf")))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert f"Correction (publication 2): {REASON}" in text
    assert "150/QĐ-UBND" in text
