"""Importing a version from a YAML or Excel file: all or nothing, every problem placed."""

import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egovrank.core.models import AuditEvent
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of
from egovrank.scoring.catalogue import packaged_set
from egovrank.scoring.fileformat.build import document_of
from egovrank.testing.ziparchive import cost, xlsx_with_sheet

from .helpers import TINY_YAML, shipped_xlsx, shipped_yaml

pytestmark = pytest.mark.usefixtures("english")
URL = "/criteria/versions/import/"


def upload(client, name, content, **fields):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), **fields})


def test_it_imports_a_yaml_file_and_keeps_its_text(administrator_client, world):
    content = shipped_yaml("hungyen-2021-khoi01")

    response = upload(administrator_client, "k01-2021.yaml", content)

    assert response.status_code == 302
    assert response["Location"] == "/criteria/hungyen-2021-khoi01/"
    version = CriteriaVersion.objects.get(set_id="hungyen-2021-khoi01")
    assert version.source_yaml == content.decode()  # comments and all
    assert version.block_code == "KHOI01"
    assert version.created_by == world.administrator
    event = AuditEvent.objects.get(action="criteria_version.imported", target_id=str(version.pk))
    assert event.actor == world.administrator
    assert event.data["file"] == "k01-2021.yaml"
    assert event.data["max_total"] == "500"


def test_it_imports_an_excel_workbook(administrator_client, world):
    response = upload(administrator_client, "k01.xlsx", shipped_xlsx("hungyen-2021-khoi01"))

    assert response.status_code == 302
    version = CriteriaVersion.objects.get(set_id="hungyen-2021-khoi01")
    stored = document_of(criteria_set_of(version))
    expected = document_of(packaged_set("hungyen-2018-khoi01"))
    assert {**stored, "id": "-"} == {**expected, "id": "-"}


def test_a_bad_yaml_file_lists_every_problem_with_its_line_and_saves_nothing(
    administrator_client, world
):
    before = CriteriaVersion.objects.count()

    response = upload(administrator_client, "tiny.yaml", TINY_YAML.encode())

    assert response.status_code == 400
    text = response.content.decode()
    assert "2 problems: nothing was imported." in text
    # The field by its label, the file's name for it kept as a hint.
    assert (
        '<td>tiny.yaml, line 13</td><td class="tree__code">C1</td><td>Rule › Points for yes '
        '<code lang="en" class="field-name">rule.yes_points</code></td>' in text
    )
    assert (
        '<td>tiny.yaml, line 14</td><td class="tree__code">C2</td><td>Maximum points '
        '<code lang="en" class="field-name">max_points</code></td>' in text
    )
    assert "a criterion needs max_points" in text
    assert CriteriaVersion.objects.count() == before
    assert not AuditEvent.objects.filter(action="criteria_version.imported").exists()


def test_a_bad_yaml_files_problems_are_placed_in_vietnamese(world):
    from django.test import Client

    client = Client()  # the default language, Vietnamese
    client.force_login(world.administrator)

    response = upload(client, "tiny.yaml", TINY_YAML.encode())

    assert response.status_code == 400
    text = response.content.decode()
    assert (
        '<td>tiny.yaml, dòng 13</td><td class="tree__code">C1</td><td>Cách tính điểm › '
        'Điểm khi chọn Có <code lang="en" class="field-name">rule.yes_points</code></td>' in text
    )
    assert '<td>tiny.yaml, dòng 14</td><td class="tree__code">C2</td><td>Điểm tối đa ' in text


def test_a_bad_workbook_lists_every_problem_with_its_sheet_row_and_column(
    administrator_client, world
):
    content = shipped_xlsx(
        "hungyen-2021-khoi01",
        cells={("HT1", "Điểm tối đa"): "mười", ("HT2", "Quy tắc"): "guess"},
    )

    response = upload(administrator_client, "k01.xlsx", content)

    assert response.status_code == 400
    text = response.content.decode()
    assert "k01.xlsx, sheet &#x27;Tiêu chí&#x27;, row 7, column E (Điểm tối đa)" in text
    assert "&#x27;mười&#x27; is not a number" in text
    assert "k01.xlsx, sheet &#x27;Tiêu chí&#x27;, row 8, column F (Quy tắc)" in text
    assert ">HT1<" in text and ">HT2<" in text
    assert not CriteriaVersion.objects.filter(set_id="hungyen-2021-khoi01").exists()


def test_a_bad_workbooks_places_and_problems_are_said_in_vietnamese(world):
    from django.test import Client

    client = Client()  # the default language, Vietnamese
    client.force_login(world.administrator)
    content = shipped_xlsx("hungyen-2021-khoi01", cells={("HT1", "Điểm tối đa"): "mười"})

    response = upload(client, "k01.xlsx", content)

    assert response.status_code == 400
    text = response.content.decode()
    assert "k01.xlsx, trang tính &#x27;Tiêu chí&#x27;, dòng 7, cột E (Điểm tối đa)" in text
    assert "&#x27;mười&#x27; không phải là số" in text


def test_a_workbook_number_too_long_to_use_is_a_problem_in_vietnamese_not_a_500(world):
    client = Client()  # the default language, Vietnamese
    client.force_login(world.administrator)
    content = shipped_xlsx("hungyen-2021-khoi01", cells={("HT1", "Điểm tối đa"): "9" * 5000})

    response = upload(client, "k01.xlsx", content)

    assert response.status_code == 400
    text = response.content.decode()
    assert "k01.xlsx, trang tính &#x27;Tiêu chí&#x27;, dòng 7, cột E (Điểm tối đa)" in text
    assert "là số quá dài: tối đa 30 chữ số" in text


def test_a_workbooks_structure_problems_are_said_in_vietnamese(world):
    """The sheet's own shape (a column without a header, an unknown column) too."""
    from io import BytesIO

    from django.test import Client
    from openpyxl import load_workbook

    from egovrank.scoring.fileformat.xlsx_io import NODE_SHEET

    workbook = load_workbook(BytesIO(shipped_xlsx("hungyen-2021-khoi01")))
    sheet = workbook[NODE_SHEET]
    sheet.cell(row=1, column=sheet.max_column + 1, value="Ghi chú riêng")
    sheet.cell(row=2, column=sheet.max_column + 2, value="lạc chỗ")
    out = BytesIO()
    workbook.save(out)
    client = Client()  # the default language, Vietnamese
    client.force_login(world.administrator)

    response = upload(client, "k01.xlsx", out.getvalue())

    assert response.status_code == 400
    text = response.content.decode()
    assert "cột không xác định; các cột hợp lệ là:" in text
    assert "có giá trị ở cột không có tiêu đề" in text
    assert "unknown column" not in text


def test_an_identifier_that_exists_is_refused_with_a_clear_message(administrator_client, world):
    response = upload(administrator_client, "k01.yaml", shipped_yaml("hungyen-2018-khoi01"))

    assert response.status_code == 400
    assert (
        "A version with the identifier hungyen-2018-khoi01 already exists."
        in response.content.decode()
    )
    assert CriteriaVersion.objects.count() == 3


def test_an_identifier_that_cannot_be_an_address_is_refused(administrator_client, world):
    response = upload(administrator_client, "k01.yaml", shipped_yaml("hungyen.2021"))

    assert response.status_code == 400
    assert "may hold only lower-case letters" in response.content.decode()
    assert CriteriaVersion.objects.count() == 3


def test_a_dry_run_checks_the_file_and_saves_nothing(administrator_client, world):
    response = upload(
        administrator_client, "k01.yaml", shipped_yaml("hungyen-2021-khoi01"), dry_run="on"
    )

    assert response.status_code == 200
    assert "hungyen-2021-khoi01 can be imported. Nothing was saved." in response.content.decode()
    assert CriteriaVersion.objects.count() == 3


def test_a_file_of_another_kind_is_refused(administrator_client, world):
    response = upload(administrator_client, "k01.csv", b"code,name\n")

    assert response.status_code == 400
    assert "the file name must end in .yaml, .yml or .xlsx" in response.content.decode()


def test_a_yaml_file_that_is_not_utf8_is_refused(administrator_client, world):
    response = upload(administrator_client, "k01.yaml", b"id: caf\xe9\n")

    assert response.status_code == 400
    assert "the file is not UTF-8 text" in response.content.decode()


def test_a_workbook_that_would_inflate_hugely_is_refused_unread(administrator_client, world):
    sheet = b"<worksheet>" + b" " * (8 << 20) + b"</worksheet>"
    bomb = xlsx_with_sheet(shipped_xlsx("hungyen-2021-khoi01"), sheet)
    administrator_client.get(URL)  # a server that has served pages already

    spent = cost(lambda: upload(administrator_client, "k01.xlsx", bomb, dry_run="on"))

    assert spent.outcome.status_code == 400
    assert "k01.xlsx is refused unread: xl/worksheets/sheet1.xml is compressed more than 100" in (
        spent.outcome.content.decode()
    )
    assert spent.seconds < 1
    assert spent.peak_mb < 50
    assert not CriteriaVersion.objects.filter(set_id="hungyen-2021-khoi01").exists()


def test_a_workbook_of_many_small_cells_is_refused_before_it_is_loaded(administrator_client, world):
    # A ratio an archive guard lets through (about 7) still inflates to 400,000 cells,
    # which the full load costs hundreds of megabytes (a 7 MB file took 1.2 GB and 24 s).
    numbers = random.Random(15)
    rows = (
        "".join(f"<c><v>{numbers.randrange(10_000)}</v></c>" for _ in range(1000))
        for _ in range(400)
    )
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:B2"/><sheetData>'
        + "".join(f'<row r="{r}">{row}</row>' for r, row in enumerate(rows, start=1))
        + "</sheetData></worksheet>"
    ).encode()
    workbook = xlsx_with_sheet(shipped_xlsx("hungyen-2021-khoi01"), sheet)
    administrator_client.get(URL)  # a server that has served pages already

    spent = cost(lambda: upload(administrator_client, "k01.xlsx", workbook, dry_run="on"))

    assert spent.outcome.status_code == 400
    assert "the workbook holds more than 200000 cells" in spent.outcome.content.decode()
    assert spent.peak_mb < 50
    assert spent.seconds < 3
    vietnamese = Client()  # the default language
    vietnamese.force_login(world.administrator)
    said = upload(vietnamese, "k01.xlsx", workbook).content.decode()
    assert "tệp Excel có hơn 200000 ô: một bộ tiêu chí cần ít hơn nhiều" in said


LAUGHS = "lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{n}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(5)
)


def test_billion_laughs_are_refused_fast_on_a_short_page(administrator_client, world):
    # Issue 15: 510 bytes took 4.7 s, +600 MB and a 1.9 MB page echoing the expansion.
    content = (TINY_YAML + LAUGHS).encode()
    administrator_client.get(URL)  # a server that has served pages already

    spent = cost(lambda: upload(administrator_client, "laughs.yaml", content, dry_run="on"))

    assert spent.outcome.status_code == 400
    assert spent.seconds < 1
    assert spent.peak_mb < 20
    text = spent.outcome.content.decode()
    assert "aliases (*name) are not allowed in a criteria file" in text
    assert len(text) < len(administrator_client.get(URL).content) + 10_000


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[" * 1000 + "]" * 1000, "values nested deeper than 64 levels"),
        ("1" * 5000, "not a number the app can use"),
        (".inf", "not a number the app can use"),
        (".nan", "not a number the app can use"),
        ("0x" + "7f" * 40, "not a number the app can use"),
    ],
)
def test_malformed_numbers_and_nesting_are_problems_on_their_line(
    administrator_client, world, value, message
):
    content = TINY_YAML.replace("max_points: 10", f"max_points: {value}").encode()

    response = upload(administrator_client, "bad.yaml", content, dry_run="on")

    assert response.status_code == 400
    text = response.content.decode()
    assert '<td>bad.yaml, line 12</td><td class="tree__code">C1</td>' in text
    assert message in text


def test_a_file_with_thousands_of_long_problems_shows_a_few_kb_of_them(administrator_client, world):
    long = "x" * 1500  # 1.5 MB in all, under the size limit
    nodes = "".join(
        f"      - code: C{n}\n        name: C\n        max_points: {long}\n"
        "        rule: {kind: yes_no}\n"
        for n in range(1000)
    )
    head = TINY_YAML.split("      - code: C1", 1)[0]

    response = upload(administrator_client, "many.yaml", (head + nodes).encode(), dry_run="on")

    assert response.status_code == 400
    text = response.content.decode()
    assert "and 980 more problems, not shown" in text
    assert len(text) < len(administrator_client.get(URL).content) + 10_000


def test_a_workbook_with_a_cell_in_the_far_corner_is_refused_at_once(administrator_client, world):
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(shipped_xlsx("hungyen-2021-khoi01")))
    workbook["Tiêu chí"]["XFD1048576"] = "x"
    out = BytesIO()
    workbook.save(out)
    administrator_client.get(URL)  # a server that has served pages already

    spent = cost(lambda: upload(administrator_client, "k01.xlsx", out.getvalue(), dry_run="on"))

    assert spent.outcome.status_code == 400
    assert "sheet &#x27;Tiêu chí&#x27; spans 1048576 rows and 16384 columns" in (
        spent.outcome.content.decode()
    )
    assert spent.seconds < 2
