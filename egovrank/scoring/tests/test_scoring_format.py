"""The ``scoring`` block and the level fields (strict, none at all) in YAML, Excel and the
JSON Schema: they round-trip, and a broken file lists every problem with its place."""

import io

import openpyxl
import pytest

from egovrank.scoring.fileformat.build import schema
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.fileformat.xlsx_io import (
    INFO_SHEET,
    LEVEL_SHEET,
    criteria_set_from_xlsx,
    criteria_set_to_xlsx,
)
from egovrank.scoring.fileformat.yaml_io import dump_criteria_set, loads_criteria_set

DTI = """\
format: egovrank/criteria-set/1
id: dti-mau
title: Chỉ số chuyển đổi số (mẫu)
scoring:
  points_decimals: 3
  percent_decimals: 2
  rounding: truncate
  round_at: total
  converted_scale: 1000
  tie_order: unit_list
levels:
  - {code: muc4, name: "Mức IV", name_en: "Level IV", min_percent: 75, strict: true}
  - {code: muc3, name: "Mức III", name_en: "Level III", min_percent: 50}
  - {code: muc2, name: "Mức II", name_en: "Level II", min_percent: 25}
  - {code: muc1, name: "Mức I", name_en: "Level I", min_percent: 0}
nodes:
  - {code: A, name: Tỷ lệ, max_points: 10.125, rule: {kind: ratio}}
"""

BROKEN = """\
format: egovrank/criteria-set/1
id: dti-hong
title: Hỏng
scoring:
  points_decimals: 4
  rounding: bankers
  round_at: leaf
  converted_scale: 0
  tie_order: random
levels:
  - {code: muc2, name: "Mức II", min_percent: 50, strict: "có"}
  - {code: muc1, name: "Mức I", min_percent: 0, strict: true}
nodes:
  - {code: A, name: Tỷ lệ, max_points: 10, rule: {kind: ratio}}
"""


def refused_yaml(text):
    with pytest.raises(CriteriaFileError) as caught:
        loads_criteria_set(text, "dti.yaml")
    return caught.value


def test_the_new_fields_survive_yaml_and_excel():
    criteria_set = loads_criteria_set(DTI)
    assert criteria_set.scoring.precision.points_decimals == 3
    assert criteria_set.levels.levels[0].strict
    assert loads_criteria_set(dump_criteria_set(criteria_set)) == criteria_set
    back = criteria_set_from_xlsx(criteria_set_to_xlsx(criteria_set), "dti.xlsx")
    assert back == criteria_set
    assert back.scoring == criteria_set.scoring


def test_an_index_without_levels_survives_yaml_and_excel():
    criteria_set = loads_criteria_set(
        DTI.split("levels:")[0] + "levels: []\nnodes:" + DTI.split("nodes:")[1]
    )
    assert criteria_set.levels.levels == ()
    data = criteria_set_to_xlsx(criteria_set)
    sheet = openpyxl.load_workbook(io.BytesIO(data))[INFO_SHEET]
    assert ["Mức xếp loại", "Không"] in [[c.value for c in row] for row in sheet.iter_rows()]
    assert criteria_set_from_xlsx(data, "dti.xlsx") == criteria_set


def test_every_broken_yaml_field_is_listed_with_its_line():
    problems = [str(problem) for problem in refused_yaml(BROKEN).problems]
    for line, word in [(5, "4"), (6, "bankers"), (7, "leaf"), (8, "0"), (9, "random"), (11, "có")]:
        assert any(p.startswith(f"dti.yaml, line {line}:") and word in p for p in problems), (
            line,
            problems,
        )


def test_a_strict_lowest_level_and_points_finer_than_the_set_are_refused_with_their_place():
    text = DTI.replace("points_decimals: 3", "points_decimals: 2").replace(
        "min_percent: 0}", "min_percent: 0, strict: true}"
    )
    problems = [str(problem) for problem in refused_yaml(text).problems]
    assert (
        "dti.yaml, line 15: levels.3.strict: the lowest level takes every share from 0: not strict"
        in problems
    )
    assert any(
        "line 17: [A] max_points: points have at most two decimal places" in p for p in problems
    )


def test_every_broken_excel_field_is_listed_with_sheet_row_and_column():
    workbook = openpyxl.load_workbook(io.BytesIO(criteria_set_to_xlsx(loads_criteria_set(DTI))))
    info = workbook[INFO_SHEET]
    rows = {row[0].value: row[0].row for row in info.iter_rows(min_row=2)}
    info[f"B{rows['Số chữ số thập phân của điểm']}"] = "2,5"
    info[f"B{rows['Cách làm tròn']}"] = "làm tròn lên"
    levels = workbook[LEVEL_SHEET]
    strict_column = next(c.column_letter for c in levels[1] if c.value == "Chỉ trên ngưỡng")
    levels[f"{strict_column}2"] = "hơi hơi"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(CriteriaFileError) as caught:
        criteria_set_from_xlsx(buffer.getvalue(), "dti.xlsx")
    problems = [str(problem) for problem in caught.value.problems]
    row = rows["Số chữ số thập phân của điểm"]
    assert any(
        f"sheet '{INFO_SHEET}', row {row}, column B" in p and "whole number" in p for p in problems
    ), problems
    row = rows["Cách làm tròn"]
    assert any(
        f"sheet '{INFO_SHEET}', row {row}, column B" in p and "làm tròn lên" in p for p in problems
    ), problems
    assert any(f"sheet '{LEVEL_SHEET}', row 2, column {strict_column}" in p for p in problems), (
        problems
    )


def test_the_json_schema_documents_the_new_fields():
    properties = schema()["properties"]
    assert set(properties["scoring"]["properties"]) == {
        "points_decimals",
        "percent_decimals",
        "rounding",
        "round_at",
        "converted_scale",
        "tie_order",
    }
    assert "strict" in properties["levels"]["items"]["properties"]
    assert "minItems" not in properties["levels"]
