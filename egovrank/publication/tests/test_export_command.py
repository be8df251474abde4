"""`export_results` writes through the same writers as the public downloads: the PDF
announcement, the announcement workbook on request, JSON that validates live or
published."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from pypdf import PdfReader

from egovrank.publication.exports.json import schema
from egovrank.publication.exports.xlsx import HEADER_ROW
from egovrank.results.tests.helpers import published, reviewed

pytestmark = pytest.mark.django_db


def run(*args, **options):
    out = io.StringIO()
    call_command("export_results", *args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_it_writes_the_pdf_announcement_of_a_publication(world, tmp_path):
    published(world)
    target = tmp_path / "ket-qua-2019.pdf"
    printed = run("2019", publication=1, output=str(target), locale="en")
    assert "Wrote 8 units in 3 block(s) (publication 1 of 2019)" in printed
    reader = PdfReader(target)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "RESULTS OF THE EVALUATION AND RANKING" in text and "Xã Lạc Đạo" in text


def test_a_pdf_of_live_results_says_they_are_not_published(world, tmp_path):
    reviewed(world)
    target = tmp_path / "preview.pdf"
    run("2019", format="pdf", output=str(target), block="KHOI01", locale="en")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    assert "not published" in text
    assert "Sở Tài chính" in text and "Xã Lạc Đạo" not in text


def test_a_pdf_needs_a_file(world):
    published(world)
    with pytest.raises(CommandError, match="A PDF needs --output FILE") as refusal:
        run("2019", format="pdf")
    assert refusal.value.returncode == 2


def test_the_announcement_layout_is_the_public_download_s(world, tmp_path):
    published(world)
    target = tmp_path / "ket-qua-2019.xlsx"
    run("2019", publication=1, output=str(target), layout="announcement", locale="en")
    sheet = load_workbook(target)["KHOI01"]
    assert sheet["A1"].value.startswith("RESULTS OF THE EVALUATION AND RANKING")
    assert sheet.cell(HEADER_ROW, 1).value == "No."


def test_one_block_of_a_publication(world):
    published(world)
    printed = run("2019", publication=1, block="KHOI03")
    assert {line.split(",")[0] for line in printed.splitlines()[1:]} == {"KHOI03"}
    with pytest.raises(CommandError, match="no block KHOI09"):
        run("2019", publication=1, block="KHOI09")


@pytest.mark.parametrize("publication", [None, 1])
def test_json_validates_live_or_published(world, tmp_path, publication):
    published(world)
    target = tmp_path / "2019.json"
    options = {"output": str(target)}
    if publication:
        options["publication"] = publication
    run("2019", **options)
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["results"] == ("published" if publication else "live")
    assert all(unit["share"] for block in document["blocks"] for unit in block["units"])
    assert list(Draft202012Validator(schema()).iter_errors(document)) == []
