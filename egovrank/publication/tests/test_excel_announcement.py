"""The Excel download in the layout of a province's announcement: on each block's sheet
the title, the decision, the count per level, then the table under its headers, with
numbers stored as numbers, a frozen header and an A4 landscape print setup."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from egovrank.publication.exports.xlsx import HEADER_ROW
from egovrank.results.tests.helpers import published

pytestmark = pytest.mark.django_db


def workbook(language="en"):
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(
        reverse("publication:xlsx", kwargs={"year": 2019})
    )
    return load_workbook(io.BytesIO(response.content))


def table(sheet):
    """The sheet's table as dicts by header, one per unit."""
    rows = sheet.iter_rows(min_row=HEADER_ROW, values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_it_has_one_sheet_per_block_with_the_title_and_the_decision(world):
    published(world)
    book = workbook()
    assert book.sheetnames == ["KHOI01", "KHOI02", "KHOI03"]
    sheet = book["KHOI01"]
    assert sheet["A1"].value == (
        "RESULTS OF THE EVALUATION AND RANKING OF THE E-GOVERNMENT LEVEL IN 2019"
    )
    assert sheet["A2"].value == "Khối 01"
    decision = sheet["A3"].value
    assert "123/QĐ-UBND" in decision and "20/03/2020" in decision
    assert "Nguyễn Văn Phóng" in decision
    assert sheet["A4"].value is None  # not a correction
    assert sheet["A5"].value == "Units per level: Tốt: 0 · Khá: 0 · Trung bình: 2 · Yếu: 1"
    assert "A1:N1" in {str(merged) for merged in sheet.merged_cells.ranges}


def test_the_date_and_headers_are_vietnamese_for_a_vietnamese_reader(world):
    published(world)
    sheet = workbook("vi")["KHOI03"]
    assert "20/03/2020" in sheet["A3"].value
    header = [cell.value for cell in sheet[HEADER_ROW]]
    for words in ("Đơn vị", "Huyện", "Tổng điểm", "Điểm tối đa", "Thứ hạng"):
        assert words in header
    assert any(str(h).startswith("Hạ tầng kỹ thuật công nghệ thông tin (") for h in header)


def test_the_columns_follow_the_announcement(world):
    publication = published(world)
    sheet = workbook()["KHOI01"]
    groups = [
        f"{name} (max {maximum})" for _c, name, maximum in publication.blocks["KHOI01"]["groups"]
    ]
    assert [cell.value for cell in sheet[HEADER_ROW]] == [
        "No.",
        "Unit",
        *groups,
        "Total",
        "Maximum",
        "Share (%)",
        "Level",
        "Rank",
        "Notes",
    ]


def test_numbers_are_stored_as_numbers_equal_to_the_published_ones(world):
    publication = published(world)
    sheet = workbook()["KHOI01"]
    rows = table(sheet)
    stored = list(publication.results.filter(block_code="KHOI01").order_by("pk"))
    assert [row["Unit"] for row in rows] == [result.unit_name for result in stored]
    for number, (row, result) in enumerate(zip(rows, stored, strict=True), start=1):
        assert row["No."] == number
        assert isinstance(row["Total"], int | float)
        assert Decimal(str(row["Total"])) == result.points
        assert Decimal(str(row["Maximum"])) == result.max_points
        assert Decimal(str(row["Share (%)"])) == result.percent
        assert row["Rank"] == result.rank and isinstance(row["Rank"], int)
        assert row["Level"] == result.level_name
    first = sheet.cell(HEADER_ROW + 1, 1)
    assert first.data_type == "n"
    formats = {cell.number_format for cell in sheet[HEADER_ROW + 1]}
    assert {"#,##0.00", "0.00", "0"} <= formats


def test_a_unit_that_did_not_submit_says_so(world):
    published(world)
    soxd = next(row for row in table(workbook()["KHOI01"]) if row["Unit"] == "Sở Xây dựng")
    assert (soxd["Total"], soxd["Level"], soxd["Notes"]) == (0, "Yếu", "Did not submit")


def test_a_block_with_districts_has_the_district_and_the_rank_in_it(world):
    publication = published(world)
    rows = table(workbook()["KHOI03"])
    assert len(rows) == 3
    for row in rows:
        result = publication.results.get(unit_name=row["Unit"])
        assert row["District"] == result.district_name
        assert row["Rank in the district"] == result.rank_in_district
    assert "District" not in table(workbook()["KHOI01"])[0]


def test_levels_are_coloured_as_on_the_pages(world):
    published(world)
    sheet = workbook()["KHOI03"]
    level_column = [cell.value for cell in sheet[HEADER_ROW]].index("Level") + 1
    cell = sheet.cell(HEADER_ROW + 1, level_column)
    assert cell.value == "Tốt"
    assert cell.fill.fgColor.rgb == "FF1B7F3B"


def test_it_is_ready_to_print_on_a4_landscape(world):
    published(world)
    sheet = workbook()["KHOI02"]
    assert sheet.freeze_panes == f"C{HEADER_ROW + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert sheet.column_dimensions["B"].width >= 25
