"""`compute_results` prints a period's results per block as the core computes them now;
`export_results` writes them (or a publication's stored rows) as CSV, JSON or Excel."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from egovrank.results.tests.helpers import published, reviewed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_it_prints_each_block_s_ranking_and_what_is_not_final(world):
    reviewed(world)
    printed = run("compute_results", "2019", locale="en")
    assert "Period 2019 (review)" in printed
    for header in (
        "KHOI01 — Khối 01 (hungyen-2018-khoi01): 3 units",
        "KHOI02 — Khối 02 (hungyen-2018-khoi02): 2 units",
        "KHOI03 — Khối 03 (hungyen-2018-khoi03): 3 units",
    ):
        assert header in printed
    assert "Rank" in printed and "Xã Lạc Đạo" in printed
    assert "Not submitted: 1 unit(s)." in printed  # Sở Xây dựng


def test_one_block_only(world):
    reviewed(world)
    printed = run("compute_results", "2019", block="KHOI02")
    assert "KHOI02" in printed and "KHOI01 —" not in printed
    with pytest.raises(CommandError, match="no block KHOI09 in this period"):
        run("compute_results", "2019", block="KHOI09")


def test_live_results_as_csv_on_standard_output(world):
    reviewed(world)
    rows = list(csv.DictReader(io.StringIO(run("export_results", "2019"))))
    assert len(rows) == 8
    first = rows[0]
    assert list(first)[:12] == [
        "block",
        "rank",
        "unit_code",
        "unit_name",
        "district",
        "rank_in_district",
        "points",
        "max_points",
        "percent",
        "level",
        "level_name",
        "submitted",
    ]
    assert first["block"] == "KHOI01" and first["rank"] == "1"
    soxd = next(row for row in rows if row["unit_code"] == "K01-09")
    assert (soxd["submitted"], soxd["points"], soxd["level"]) == ("no", "0", "yeu")
    lacdao = next(row for row in rows if row["unit_code"] == "11989")
    assert lacdao["district"] == "UBND huyện Văn Lâm" and lacdao["rank_in_district"]


def test_a_publication_exports_as_stored_and_matches_the_live_results_it_froze(world, tmp_path):
    publication = published(world)
    live = run("export_results", "2019")
    stored = run("export_results", "2019", publication=publication.number)
    assert stored == live

    target = tmp_path / "2019.json"
    run("export_results", "2019", publication=1, output=str(target))
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["results"] == "published"
    assert document["publication"]["decision_number"] == "123/QĐ-UBND"
    unit = document["blocks"][0]["units"][0]
    stored_row = publication.results.get(unit_code=unit["unit_code"])
    assert unit["points"] == format(stored_row.points.normalize(), "f")
    assert unit["percent"] == str(stored_row.percent)


def test_excel_has_one_sheet_per_block_with_numbers_as_numbers(world, tmp_path):
    published(world)
    target = tmp_path / "ket-qua.xlsx"
    printed = run("export_results", "2019", publication=1, output=str(target))
    assert "Wrote 8 units in 3 block(s) (publication 1 of 2019)" in printed
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["KHOI01", "KHOI02", "KHOI03"]
    sheet = workbook["KHOI01"]
    header = [cell.value for cell in sheet[1]]
    first = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert first["rank"] == 1
    assert isinstance(first["points"], int | float)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"publication": 4}, "period 2019 has no publication 4 (publications: 1)"),
        ({"format": "xlsx"}, "An Excel workbook needs --output FILE"),
        ({"block": "KHOI09"}, "no block KHOI09"),
    ],
)
def test_refusals_say_what_to_give(world, options, message):
    published(world)
    with pytest.raises(CommandError) as refusal:
        run("export_results", "2019", **options)
    assert message in str(refusal.value)
    assert refusal.value.returncode == 2
