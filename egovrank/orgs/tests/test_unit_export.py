"""Exporting units to CSV and .xlsx: what import reads back without a change."""

import io

import pytest
from openpyxl import load_workbook

from egovrank.core.models import AuditEvent
from egovrank.orgs.actions import do_import_units
from egovrank.orgs.models import Unit
from egovrank.orgs.unitfile import COLUMNS, units_to_csv, units_to_xlsx
from egovrank.testing.formulas import (
    HOSTILE_NAMES,
    assert_csv_keeps_as_text,
    assert_xlsx_keeps_as_text,
)

from .helpers import make_hungyen_blocks, make_province

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def units():
    blocks = make_hungyen_blocks()
    province = make_province()
    district = Unit.objects.create(
        code="0123",
        name="Huyện Văn Lâm, tỉnh Hưng Yên",
        short_name="Văn Lâm",
        kind="district",
        block=blocks["KHOI02"],
        parent=province,
        valid_from=2010,
    )
    Unit.objects.create(
        code="12097",
        name='Xã "Lạc" Hồng',
        kind="commune",
        block=blocks["KHOI03"],
        parent=district,
        valid_from=2010,
        valid_until=2024,
    )
    # As if imported from a list in this order (an import sets each unit's position).
    for position, code in enumerate(["0123", "12097", "33"], start=1):
        Unit.objects.filter(code=code).update(list_order=position)
    return list(Unit.objects.select_related("block", "parent"))


def rows_of(units):
    return list(Unit.objects.order_by("code").values())


@pytest.mark.django_db
def test_the_csv_export_has_a_bom_the_english_header_and_one_row_per_unit(units):
    text = units_to_csv(units).decode("utf-8")

    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert lines[1] == '1,0123,"Huyện Văn Lâm, tỉnh Hưng Yên",Văn Lâm,KHOI02,district,33,2010,'
    assert len(lines) == 4


@pytest.mark.django_db
def test_the_xlsx_export_has_a_bold_frozen_header_and_text_codes(units):
    sheet = load_workbook(io.BytesIO(units_to_xlsx(units))).worksheets[0]

    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value == 1  # the position, a number
    assert sheet["B2"].value == "0123"
    assert sheet["B2"].number_format == "@"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize(
    ("filename", "export"), [("u.csv", units_to_csv), ("u.xlsx", units_to_xlsx)]
)
def test_a_round_trip_changes_nothing(units, filename, export, language):
    before = rows_of(units), AuditEvent.objects.count()

    report = do_import_units(filename, export(units, language), actor=None)

    assert report.unchanged == ("0123", "12097", "33")
    assert report.created == report.updated == ()
    assert (rows_of(units), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_the_export_keeps_the_unit_lists_order_and_the_import_reads_it_back(units):
    Unit.objects.filter(code="33").update(list_order=1)
    Unit.objects.filter(code="0123").update(list_order=3)
    ordered = list(Unit.objects.select_related("block", "parent").in_list_order())
    lines = units_to_csv(ordered).decode("utf-8").splitlines()[1:]
    assert [line.split(",")[:2] for line in lines] == [["1", "33"], ["2", "12097"], ["3", "0123"]]

    Unit.objects.update(list_order=None)
    do_import_units("u.csv", units_to_csv(ordered), actor=None)

    assert list(Unit.objects.in_list_order().values_list("code", "list_order")) == [
        ("33", 1),
        ("12097", 2),
        ("0123", 3),
    ]


@pytest.mark.django_db
def test_the_export_page_lists_units_in_the_unit_lists_order(world, administrator_client):
    Unit.objects.filter(code="K01-11").update(list_order=1)
    Unit.objects.filter(code="K01-05").update(list_order=2)
    text = administrator_client.get("/units/export.csv").content.decode("utf-8-sig")
    codes = [line.split(",")[1] for line in text.splitlines()[1:]]
    # Listed units first, in their order; the others after them, by code.
    assert codes[:2] == ["K01-11", "K01-05"]
    assert codes[2:] == sorted(codes[2:])
    # The unit's page shows its position.
    page = administrator_client.get("/units/K01-05/").content.decode()
    assert '<dd id="unit-list-order">2</dd>' in page


@pytest.mark.django_db
def test_a_leading_zero_code_survives_the_xlsx_file(units):
    content = units_to_xlsx(units)
    Unit.objects.filter(parent__code="0123").delete()
    Unit.objects.filter(code="0123").delete()

    report = do_import_units("u.xlsx", content, actor=None)

    assert report.created == ("0123", "12097")
    assert Unit.objects.get(code="12097").parent.code == "0123"


@pytest.mark.django_db
def test_a_code_starting_with_a_hash_is_not_read_back_as_a_comment(units):
    Unit.objects.filter(code="12097").update(code="#9")
    units = list(Unit.objects.select_related("block", "parent").in_list_order())

    report = do_import_units("u.csv", units_to_csv(units), actor=None)

    assert "#9" in report.unchanged


@pytest.fixture
def hostile_units(world):
    """The world's units, five of them renamed to text a spreadsheet would run."""
    for unit, name in zip(Unit.objects.order_by("code"), HOSTILE_NAMES, strict=False):
        unit.name = name
        unit.save()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_export_page_writes_formula_like_names_as_text_that_reads_back(
    hostile_units, administrator_client, fmt
):
    before = dict(Unit.objects.values_list("code", "name"))

    response = administrator_client.get(f"/units/export.{fmt}")

    assert response.status_code == 200
    if fmt == "xlsx":
        assert_xlsx_keeps_as_text(response.content)
    else:
        assert_csv_keeps_as_text(response.content.decode("utf-8"))
    do_import_units(f"units.{fmt}", response.content, actor=None)
    assert dict(Unit.objects.values_list("code", "name")) == before


@pytest.mark.django_db
def test_the_vietnamese_file_has_vietnamese_headings_and_kinds(units):
    text = units_to_csv(units, "vi").decode("utf-8")
    header, first = text.lstrip("\ufeff").splitlines()[:2]
    assert header == (
        "STT,Mã,Tên,Tên viết tắt,Khối,Cấp,Mã đơn vị cấp trên,Hiệu lực từ năm,Hiệu lực đến năm"
    )
    assert ",huyện," in first or ",xã," in first or ",sở," in first or ",tỉnh," in first
    sheet = load_workbook(io.BytesIO(units_to_xlsx(units, "vi"))).worksheets[0]
    assert sheet.title == "Đơn vị"
    assert [cell.value for cell in sheet[1]] == header.split(",")
