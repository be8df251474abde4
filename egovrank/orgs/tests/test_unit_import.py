"""Importing a unit list: all rows or none, every problem named with its row and column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape
from openpyxl import Workbook

from egovrank.conftest import vietnamese
from egovrank.core.models import AuditEvent
from egovrank.orgs.actions import do_import_units
from egovrank.orgs.models import Unit
from egovrank.orgs.unitfile import UnitFileError, parse_unit_file
from egovrank.testing.ziparchive import cost, xlsx_with_sheet

from .helpers import DEMO, make_hungyen_blocks

pytestmark = pytest.mark.usefixtures("english")


def csv_bytes(*lines):
    return ("\n".join(lines) + "\n").encode("utf-8")


def refused(content, filename="units.csv"):
    with pytest.raises(UnitFileError) as caught:
        do_import_units(filename, content, actor=None)
    return caught.value


def places(error):
    return {(problem.row, problem.column) for problem in error.problems}


def snapshot():
    return list(Unit.objects.order_by("code").values()), AuditEvent.objects.count()


@pytest.mark.django_db
def test_it_imports_the_hungyen_demo_file(registry):
    report = do_import_units(DEMO.name, DEMO.read_bytes(), actor=None)

    assert len(report.created) == 189
    assert report.updated == report.unchanged == ()
    assert Unit.objects.count() == 190  # with the province, which the file leaves out
    assert Unit.objects.filter(block=registry["KHOI01"], kind="department").count() == 18
    assert Unit.objects.filter(block=registry["KHOI02"], kind="district").count() == 10
    assert Unit.objects.filter(block=registry["KHOI03"], kind="commune").count() == 161
    commune = Unit.objects.filter(kind="commune").select_related("parent").first()
    assert commune.parent.kind == "district"
    assert commune.parent.parent.code == "33"


@pytest.mark.django_db
def test_it_records_one_event_per_new_unit_with_its_values(registry):
    report = do_import_units(DEMO.name, DEMO.read_bytes(), actor=None)

    events = AuditEvent.objects.filter(action="unit.created")
    assert events.count() == len(report.created) == 189
    lac_dao = Unit.objects.get(code="11989")
    event = events.get(target_id=str(lac_dao.pk))
    assert event.data["file"] == DEMO.name
    assert event.data["after"]["parent"] == "325"
    assert event.data["after"]["block"] == "KHOI03"


@pytest.mark.django_db
def test_an_update_records_what_changed_before_and_after(registry):
    do_import_units(
        "a.csv", csv_bytes("code,name,block,parent", "K01-05,Sở Tài chính,KHOI01,33"), actor=None
    )
    do_import_units(
        "b.csv",
        csv_bytes("code,name,block", "K01-05,Sở Tài chính tỉnh Hưng Yên,KHOI01"),
        actor=None,
    )

    event = AuditEvent.objects.get(action="unit.updated")
    assert event.data == {
        "file": "b.csv",
        "changed": {"name": ["Sở Tài chính", "Sở Tài chính tỉnh Hưng Yên"]},
    }


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(registry):
    do_import_units(DEMO.name, DEMO.read_bytes(), actor=None)
    before = snapshot()

    report = do_import_units(DEMO.name, DEMO.read_bytes(), actor=None)

    assert len(report.unchanged) == 189
    assert report.created == report.updated == ()
    assert snapshot() == before  # and no audit event for an import that changed nothing


@pytest.mark.django_db
def test_it_updates_existing_units_and_leaves_absent_columns_alone(registry):
    do_import_units(
        "units.csv",
        csv_bytes(
            "code,name,short_name,block,parent,valid_from",
            "D1,Huyện Một,H1,KHOI02,33,2010",
            "D2,Huyện Hai,H2,KHOI02,33,2010",
        ),
        actor=None,
    )

    report = do_import_units(
        "units.csv",
        csv_bytes("code,name,block", "D1,Huyện Một mới,KHOI02", "D2,Huyện Hai,KHOI02"),
        actor=None,
    )

    assert report.updated == ("D1",)
    assert report.unchanged == ("D2",)
    unit = Unit.objects.get(code="D1")
    assert unit.name == "Huyện Một mới"
    assert (unit.short_name, unit.parent.code, unit.valid_from) == ("H1", "33", 2010)


@pytest.mark.django_db
def test_an_empty_cell_in_a_present_column_clears_the_value(registry):
    do_import_units(
        "units.csv", csv_bytes("code,name,block,parent", "D1,Huyện Một,KHOI02,33"), actor=None
    )

    do_import_units(
        "units.csv", csv_bytes("code,name,block,parent", "D1,Huyện Một,KHOI02,"), actor=None
    )

    assert Unit.objects.get(code="D1").parent is None


@pytest.mark.django_db
def test_a_parent_may_come_later_in_the_file_than_its_children(registry):
    report = do_import_units(
        "units.csv",
        csv_bytes(
            "code,name,block,parent",
            "X1,Xã Một,KHOI03,D9",
            "X2,Xã Hai,KHOI03,D9",
            "D9,Huyện Chín,KHOI02,33",
        ),
        actor=None,
    )

    assert report.created == ("X1", "X2", "D9")
    assert Unit.objects.get(code="X1").parent.code == "D9"


@pytest.mark.django_db
def test_the_province_may_be_in_the_file_instead_of_the_database():
    make_hungyen_blocks()

    do_import_units(
        "units.csv",
        csv_bytes(
            "code,name,block,kind,parent",
            "K01-01,Sở Nội vụ,KHOI01,,33",
            "33,Tỉnh Hưng Yên,,province,",
        ),
        actor=None,
    )

    assert Unit.objects.get(code="K01-01").parent.kind == "province"


@pytest.mark.django_db
def test_a_kind_cell_overrides_the_blocks_kind(registry):
    do_import_units(
        "units.csv", csv_bytes("code,name,block,kind", "TP,Thành phố,KHOI02,Huyện"), actor=None
    )

    assert Unit.objects.get(code="TP").kind == "district"


def test_it_reads_vietnamese_headers_and_a_bom():
    content = "\ufeffMã,Tên,Tên ngắn,Khối,Loại,Đơn vị cấp trên,Hiệu lực từ,hieu luc den\n"
    content += "D1,Huyện Một,H1,KHOI02,district,33,2010,2019\n"

    (row,), problems = parse_unit_file("don-vi.csv", content.encode("utf-8"))

    assert problems == []
    assert (row.code, row.name, row.short_name, row.block, row.kind, row.parent) == (
        "D1",
        "Huyện Một",
        "H1",
        "KHOI02",
        "district",
        "33",
    )
    assert (row.valid_from, row.valid_until) == (2010, 2019)


def test_comment_lines_count_in_row_numbers():
    content = csv_bytes("# a comment", "code,name,block", "# another", "", "D1,Huyện Một,KHOI02")

    (row,), problems = parse_unit_file("units.csv", content)

    assert problems == []
    assert row.row == 5


@pytest.mark.django_db
def test_it_imports_an_xlsx_file(registry):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "name", "block", "parent", "valid_from"])
    sheet.append(["D1", "Huyện Một", "KHOI02", 33, 2019])  # numbers typed as numbers
    sheet.append([None, None, None, None, None])
    sheet.append(["X1", "Xã Một", "KHOI03", "D1", None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    report = do_import_units("units.xlsx", buffer.getvalue(), actor=None)

    assert report.created == ("D1", "X1")
    unit = Unit.objects.get(code="D1")
    assert (unit.parent.code, unit.valid_from) == ("33", 2019)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lines", "row", "column", "message"),
    [
        (["D1,Huyện Một,KHOI02,33", ",Huyện Hai,KHOI02,33"], 3, "code", "a code is needed"),
        (["D1,,KHOI02,33"], 2, "name", "a name is needed"),
        (["D1,Huyện Một,KHOI09,33"], 2, "block", "unknown block 'KHOI09'"),
        (["D1,Huyện Một,,33"], 2, "kind", "a kind is needed"),
        (["D1,Huyện Một,KHOI02,999"], 2, "parent", "unknown parent unit '999'"),
        (["D1,Huyện Một,KHOI02,D1"], 2, "parent", "cannot be its own parent"),
        (["D1,Huyện Một,KHOI02,33", "X1,Xã,KHOI03,33"], 3, "parent", "must be a district"),
        (["D1,Huyện Một,KHOI02,33", "D1,Huyện Hai,KHOI02,33"], 3, "code", "also on row 2"),
        (["D1,Huyện Một,KHOI02,33,extra"], 2, "", "expected 4 cells, found 5"),
        ([f"D1,{'x' * 256},KHOI02,33"], 2, "name", "too long: 256 characters, at most 255"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_row_and_column(
    registry, lines, row, column, message
):
    error = refused(csv_bytes("code,name,block,parent", *lines))

    assert [(p.row, p.column) for p in error.problems] == [(row, column)]
    assert message in error.problems[0].message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ("D1,Huyện Một,KHOI02,town,,", "kind", "unknown kind 'town'"),
        ("D1,Huyện Một,KHOI02,,20x9,", "valid_from", "'20x9' is not a year"),
        ("D1,Huyện Một,KHOI02,,2019.5,", "valid_from", "is not a year"),
        ("D1,Huyện Một,KHOI02,,2019,2018", "valid_until", "is before valid from 2019"),
    ],
)
def test_bad_kinds_and_years_are_reported(registry, cells, column, message):
    error = refused(csv_bytes("code,name,block,kind,valid_from,valid_until", cells))

    assert [(p.row, p.column) for p in error.problems] == [(2, column)]
    assert message in error.problems[0].message


@pytest.mark.django_db
def test_a_cycle_of_parents_is_reported_on_each_unit_in_it(registry):
    error = refused(
        csv_bytes(
            "code,name,block,parent",
            "D1,Huyện Một,KHOI02,D2",
            "D2,Huyện Hai,KHOI02,D1",
            "D3,Huyện Ba,KHOI02,D1",
        )
    )

    assert places(error) == {(2, "parent"), (3, "parent")}
    assert "D1 → D2 → D1" in error.problems[0].message


@pytest.mark.django_db
def test_a_cycle_through_a_unit_already_in_the_database_is_reported(registry):
    do_import_units(
        "units.csv",
        csv_bytes("code,name,block,parent", "D1,Huyện Một,KHOI02,33", "X1,Xã,KHOI03,D1"),
        actor=None,
    )

    error = refused(csv_bytes("code,name,block,parent", "D1,Huyện Một,KHOI02,X1"))

    assert places(error) == {(2, "parent")}


@pytest.mark.django_db
def test_a_problem_reads_as_file_row_column_and_message(registry):
    good = [f"D{n},Huyện {n},KHOI02,33" for n in range(1, 6)]
    error = refused(csv_bytes("code,name,block,parent", *good, "D7,Huyện Bảy,KHOI02,999"))

    (problem,) = error.problems
    assert str(problem) == "units.csv, row 7, column parent: unknown parent unit '999'"
    assert str(problem) in str(error)


@pytest.mark.django_db
def test_a_file_with_one_good_and_several_bad_rows_changes_nothing(registry):
    before = snapshot()

    error = refused(
        csv_bytes(
            "code,name,block,parent",
            "D1,Huyện Một,KHOI02,33",
            "D2,,KHOI02,33",
            "D3,Huyện Ba,KHOI09,33",
            "X1,Xã Một,KHOI03,999",
        )
    )

    assert places(error) == {(3, "name"), (4, "block"), (5, "parent")}
    assert snapshot() == before


@pytest.mark.django_db
def test_a_bad_update_leaves_the_existing_units_as_they_were(registry):
    do_import_units("units.csv", csv_bytes("code,name,block", "D1,Huyện Một,KHOI02"), actor=None)
    before = snapshot()

    refused(csv_bytes("code,name,block", "D1,Huyện Một mới,KHOI02", "D2,Huyện Hai,NOPE"))

    assert snapshot() == before


@pytest.mark.django_db
def test_a_file_without_units_is_refused(registry):
    error = refused(csv_bytes("# only a comment", "code,name,block"))

    assert [p.message for p in error.problems] == ["no units in the file"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("units.txt", b"code,name,block\n", "must be a .csv or .xlsx file"),
        ("units.csv", "code,name,block\nD1,Hưng Yên,KHOI02\n".encode("cp1258"), "not UTF-8"),
        ("units.xlsx", b"PK\x03\x04 not really a zip", "not an Excel workbook"),
        ("units.xlsx", b"code,name,block\n", "not an Excel workbook"),
        ("units.csv", b"", "the file is empty"),
        ("units.csv", b"code,name\nD1,x\n", "missing column(s): block or kind"),
        ("units.csv", b"code,name,block,colour\n", "unknown column 'colour'"),
    ],
)
def test_files_that_cannot_be_read_as_a_unit_list_are_named_as_such(filename, content, message):
    error = refused(content, filename)

    assert message in str(error)


@pytest.mark.django_db
def test_a_non_utf8_csv_names_the_line_of_the_first_bad_byte():
    content = b"code,name,block\nD1,Huyen,KHOI02\nD2,Huy\xe1\xbb\x87n,KHOI02\nD3,Hu\xffy,KHOI02\n"

    error = refused(content)

    assert error.problems[0].row == 4


def units_xlsx_with_sheet(sheet_xml):
    workbook = Workbook()
    workbook.active.append(["code", "name", "block"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return xlsx_with_sheet(buffer.getvalue(), sheet_xml)


def sheet_with_cell(text):
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>' + text + b"</t></is></c>"
        b"</row></sheetData></worksheet>"
    )


@pytest.mark.django_db
def test_a_units_workbook_with_one_huge_cell_is_refused_unread_on_the_page(world):
    # Issue 15: a 307 KB workbook with a 300 MB cell added 230 MB to the server.
    content = units_xlsx_with_sheet(sheet_with_cell(b"A" * (20 << 20)))
    assert len(content) < 100_000
    client = Client(HTTP_ACCEPT_LANGUAGE="vi")
    client.force_login(world.administrator)
    upload = SimpleUploadedFile("don-vi.xlsx", content)
    client.get("/units/import/")  # a server that has served pages already

    spent = cost(lambda: client.post("/units/import/", {"file": upload, "dry_run": "on"}))

    assert spent.outcome.status_code == 400
    assert spent.seconds < 1
    assert spent.peak_mb < 50
    expected = vietnamese(
        "%(name)s is refused unread: a part of it is compressed more than %(limit)s "
        "times, as only a “zip bomb” is.",
        name="don-vi.xlsx",
        limit=100,
    )
    assert "bị từ chối" in expected
    assert escape(expected) in spent.outcome.content.decode()


@pytest.mark.django_db
def test_openpyxl_reads_workbooks_through_defusedxml_so_an_entity_bomb_is_refused(registry):
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML  # openpyxl uses defusedxml whenever it is installed
    laughs = b"".join(
        b'<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">'
        % ((n,) + (n - 1,) * 10)
        for n in range(1, 10)
    )
    sheet = b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "lol">' + laughs + b"]>"
    sheet += sheet_with_cell(b"&l9;")

    spent = cost(lambda: refused(units_xlsx_with_sheet(sheet), "units.xlsx"))

    assert "not an Excel workbook (.xlsx) that can be read" in str(spent.outcome)
    assert spent.seconds < 1


@pytest.mark.django_db
def test_a_csv_cell_longer_than_the_reader_takes_is_a_problem_on_its_row():
    content = csv_bytes("code,name,block", "D1,Huyện Một,KHOI02", f"D2,{'x' * 200_000},KHOI02")

    error = refused(content)

    assert [(p.row, p.message) for p in error.problems] == [
        (3, "a cell is longer than 100000 characters")
    ]


@pytest.mark.django_db
def test_a_table_of_more_than_100000_rows_is_refused_at_the_limit():
    content = b"code,name,block\n" + b"\n" * 100_001

    error = refused(content)

    assert "more than 100000 rows: split the file" in str(error)


FAR_CORNER = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:XFD1048576"/><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>'
    + b"".join(
        b'<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
        for n in range(2, 2000)
    )
    + b"</sheetData></worksheet>"
)


@pytest.mark.django_db
def test_a_small_workbook_whose_cells_sit_in_the_far_corner_is_refused_at_once(registry):
    # 2,000 rows of one cell in column XFD: 33 million cells once rows are padded.
    content = units_xlsx_with_sheet(FAR_CORNER)
    assert len(content) < 20_000

    spent = cost(lambda: refused(content, "units.xlsx"))

    assert "the sheet holds more than 2000000 cells" in str(spent.outcome)
    assert spent.seconds < 2
    assert spent.peak_mb < 50
