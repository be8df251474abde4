"""Text a spreadsheet would run as a formula is written as text by every writer of the
scoring core: the CLI's score report (CSV and Excel) and the criteria-set workbook."""

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from egovrank.cli import main
from egovrank.scoring.catalogue import packaged_set
from egovrank.scoring.fileformat.build import build_criteria_set, document_of
from egovrank.scoring.fileformat.cells import csv_unescape, csv_writer, sheet_row
from egovrank.scoring.fileformat.xlsx_io import criteria_set_from_xlsx, criteria_set_to_xlsx
from egovrank.testing.formulas import (
    HOSTILE_NAMES,
    assert_csv_keeps_as_text,
    assert_xlsx_keeps_as_text,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_csv_writer_prefixes_formulas_and_leaves_numbers_alone():
    out = io.StringIO()
    csv_writer(out).writerow([*HOSTILE_NAMES, "\tx", "\rx", "-2.5", -3, "Xã Lạc Đạo", ""])
    cells = next(csv.reader(io.StringIO(out.getvalue())))
    assert cells[:7] == ["'" + name for name in (*HOSTILE_NAMES, "\tx", "\rx")]
    assert cells[7:] == ["-2.5", "-3", "Xã Lạc Đạo", ""]
    assert [csv_unescape(cell) for cell in cells[:5]] == list(HOSTILE_NAMES)


def test_a_sheet_row_keeps_formulas_as_text_and_numbers_as_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(sheet_row(sheet, [*HOSTILE_NAMES, -2, 1.5]))
    out = io.BytesIO()
    workbook.save(out)
    assert_xlsx_keeps_as_text(out.getvalue())
    assert [cell.data_type for cell in sheet[1]][-2:] == ["n", "n"]


@pytest.fixture
def hostile_answers(tmp_path):
    """The boundary answers with the units renamed to formulas."""
    lines = (FIXTURES / "boundary-answers.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(lines))
    codes = sorted({row[0] for row in rows[1:]})
    names = dict(zip(codes, HOSTILE_NAMES, strict=False))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow([row[0], names.get(row[0], row[1]), *row[2:]])
    path = tmp_path / "answers.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return str(path)


def test_the_score_reports_csv_keeps_unit_names_as_text(capsys, hostile_answers):
    code = main(["score", "--criteria", str(FIXTURES / "boundary.yaml"), "--answers",
                 hostile_answers, "--format", "csv"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert_csv_keeps_as_text(out)


def test_the_score_reports_workbook_keeps_unit_names_as_text(capsys, hostile_answers, tmp_path):
    target = tmp_path / "out.xlsx"
    code = main(["score", "--criteria", str(FIXTURES / "boundary.yaml"), "--answers",
                 hostile_answers, "--format", "xlsx", "--output", str(target)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert_xlsx_keeps_as_text(target.read_bytes())


def test_the_criteria_workbook_keeps_node_names_as_text_and_reads_back():
    document = document_of(packaged_set("hungyen-2018-khoi01"))
    nodes = [node for group in document["nodes"] for node in [group, *group.get("children", [])]]
    for node, name in zip(nodes, HOSTILE_NAMES, strict=False):
        node["name"] = name
    document.pop("max_total", None)
    criteria_set = build_criteria_set(document, lambda path: "here", "x.yaml")

    content = criteria_set_to_xlsx(criteria_set)

    assert_xlsx_keeps_as_text(content)
    again = criteria_set_from_xlsx(content, "x.xlsx")
    assert [again.node(node["code"]).name for node in nodes[:5]] == list(HOSTILE_NAMES)
