"""Shared figures and origins in the Excel workbook: the sheet "Số liệu dùng chung" and
the node columns, read back exactly; problems named by sheet, row and column."""

import io

import openpyxl
import pytest

from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.fileformat.xlsx_io import (
    FIGURE_SHEET,
    NODE_SHEET,
    criteria_set_from_xlsx,
    criteria_set_to_xlsx,
)
from egovrank.scoring.fileformat.yaml_io import loads_criteria_set

from .test_shared_figures import SHARED_YAML


def workbook_of(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def saved(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column_of(sheet, header):
    return next(cell.column for cell in sheet[1] if cell.value == header)


def test_a_set_with_figures_round_trips_through_excel_with_vietnamese_headers():
    criteria_set = loads_criteria_set(SHARED_YAML)
    data = criteria_set_to_xlsx(criteria_set)
    workbook = workbook_of(data)
    assert FIGURE_SHEET in workbook.sheetnames
    figures = workbook[FIGURE_SHEET]
    assert [cell.value for cell in figures[1]] == [
        "Mã",
        "Tên",
        "Tên tiếng Anh",
        "Nguồn gốc số liệu",
        "Hệ thống cung cấp",
    ]
    assert [cell.value for cell in figures[3]] == [
        "HO_SO",
        "Tổng số hồ sơ TTHC",
        None,
        "system",
        "Cổng Dịch vụ công quốc gia",
    ]
    again = criteria_set_from_xlsx(data, "shared.xlsx")
    assert again.figures == criteria_set.figures
    assert again.nodes == criteria_set.nodes


def test_english_field_names_are_accepted_as_headers_of_the_figures_sheet():
    workbook = workbook_of(criteria_set_to_xlsx(loads_criteria_set(SHARED_YAML)))
    figures = workbook[FIGURE_SHEET]
    figures.title = "figures"
    for cell, key in zip(
        figures[1], ("code", "name", "name_en", "origin", "origin_system"), strict=True
    ):
        cell.value = key
    again = criteria_set_from_xlsx(saved(workbook), "shared.xlsx")
    assert again.figure("HO_SO").origin == "system"


def test_every_problem_with_figures_in_a_workbook_names_sheet_row_and_column():
    workbook = workbook_of(criteria_set_to_xlsx(loads_criteria_set(SHARED_YAML)))
    figures = workbook[FIGURE_SHEET]
    figures.cell(2, 1).value = "HT1"  # the figure takes a criterion's code
    figures.cell(3, 5).value = None  # origin system without its system
    nodes = workbook[NODE_SHEET]
    den = column_of(nodes, "Mẫu số dùng chung")
    nodes.cell(3, den).value = "NOPE"  # DVC3 names a figure nobody declared
    with pytest.raises(CriteriaFileError) as refused:
        criteria_set_from_xlsx(saved(workbook), "broken.xlsx")
    text = str(refused.value)
    assert "'origin_system' is a required property" in text
    assert f"sheet '{FIGURE_SHEET}', row 3" in text


def test_semantic_problems_with_figures_name_their_cells():
    workbook = workbook_of(criteria_set_to_xlsx(loads_criteria_set(SHARED_YAML)))
    figures = workbook[FIGURE_SHEET]
    figures.cell(2, 1).value = "HT1"
    nodes = workbook[NODE_SHEET]
    den = column_of(nodes, "Mẫu số dùng chung")
    nodes.cell(3, den).value = "NOPE"
    with pytest.raises(CriteriaFileError) as refused:
        criteria_set_from_xlsx(saved(workbook), "broken.xlsx")
    found = {(p.where, p.code): p.message for p in refused.value.problems}
    letter = openpyxl.utils.get_column_letter(den)
    assert (
        "duplicate code"
        in found[(f"broken.xlsx, sheet '{NODE_SHEET}', row 2, column A (Mã)", "HT1")]
    )
    assert (
        "'NOPE'"
        in found[
            (
                f"broken.xlsx, sheet '{NODE_SHEET}', row 3, column {letter} (Mẫu số dùng chung)",
                "DVC3",
            )
        ]
    )
    assert (
        "used by no criterion"
        in found[(f"broken.xlsx, sheet '{FIGURE_SHEET}', row 3, column A (Mã)", "HO_SO")]
    )
    assert (
        "used by no criterion"
        in found[(f"broken.xlsx, sheet '{FIGURE_SHEET}', row 2, column A (Mã)", "HT1")]
    )
    assert len(refused.value.problems) == 5, refused.value  # HT1 also names an undeclared figure


def test_a_set_without_figures_writes_the_three_sheets_of_before():
    text = (
        SHARED_YAML.split("figures:")[0]
        + "nodes:\n  - {code: A, name: A, max_points: 1, rule: {kind: yes_no}}\n"
    )
    workbook = workbook_of(criteria_set_to_xlsx(loads_criteria_set(text)))
    assert FIGURE_SHEET not in workbook.sheetnames
