"""The Excel criteria-set format: round trips, exact numbers, and refusals that name the
sheet, row and column of every problem."""

import io
import re
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egovrank.scoring.fileformat.build import FORMAT, build_criteria_set
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.fileformat.xlsx_io import (
    INFO_SHEET,
    LEVEL_SHEET,
    NODE_SHEET,
    criteria_set_from_xlsx,
    criteria_set_to_xlsx,
)
from egovrank.scoring.fileformat.yaml_io import load_criteria_set, loads_criteria_set

SETS = Path(__file__).resolve().parents[1] / "sets"

EXAMPLE = """\
format: egovrank/criteria-set/1
id: test-set
title: Test
max_total: 100
nodes:
  - code: A
    name: Group A
    max_points: 50
    children:
      - {code: A1, name: Ratio, max_points: 20, rule: {kind: ratio, mode: proportional}}
      - {code: A2, name: Bands, max_points: 10, rule: {kind: ratio, mode: bands,
         bands: [{at_least: 50, points: 7}, {at_least: 80, points: 9},
                 {at_least: 100, points: 10}]}}
      - {code: A3, name: yn, max_points: 30, rule: {kind: yes_no}, allow_na: true}
  - code: B
    name: Group B
    children:
      - {code: B1, name: best, max_points: 25, rule: {kind: relative_to_best}}
      - {code: B2, name: opt, max_points: 25, rule: {kind: option,
         options: [{code: A, label: Full, points: 25}, {code: B, label: Half, points: 12.5}]}}
"""

VIETNAMESE = """\
format: egovrank/criteria-set/1
id: hungyen-2018-mau
title: Bộ tiêu chí đánh giá mức độ ứng dụng CNTT, chính quyền điện tử
province: Hưng Yên
block: {code: KHOI01, name: "Khối sở, ban, ngành"}
version: "2018"
valid_from: 2018
legal_basis: {number: 1234/QĐ-UBND, date: "2018-05-10", issuer: Ủy ban nhân dân tỉnh Hưng Yên}
reconstructed: true
provenance: Dựng lại từ văn bản gốc; phần in nghiêng là suy luận.
sources: [Quyết định 1234/QĐ-UBND, "Phụ lục II: Bảng điểm"]
levels:
  - {code: tot, name: Tốt, min_percent: 85, colour: "#1b7f3b"}
  - {code: kha, name: Khá, min_percent: 66.667}
  - {code: yeu, name: Yếu, min_percent: 0}
nodes:
  - code: "1"
    name: Hạ tầng kỹ thuật
    name_en: Infrastructure
    children:
      - code: "1.1"
        name: Tỷ lệ cán bộ, công chức có máy tính
        max_points: 12.5
        rule: {kind: ratio, mode: bands, numerator: Số máy tính, denominator: Số cán bộ,
               zero_denominator: not_applicable,
               bands: [{at_least: 33.333, points: 2.25}, {at_least: 90, points: 12.5}]}
        evidence: {required: true, documents: "Danh sách máy tính\\nBiên bản kiểm kê",
                   verifier: Sở Thông tin và Truyền thông}
        guidance: |
          Đếm cả máy tính xách tay.
          Không đếm máy hỏng.
        status: read
        source: Mục 1.1, Phụ lục II
      - code: "1.10"
        name: "=Tự đánh giá (bắt đầu bằng dấu bằng)"
        max_points: 7.5
        rule: {kind: manual, step: 0.25}
        required: false
        note: Chấm theo hướng dẫn.
  - code: "2"
    name: Thông tin chung
    children:
      - code: "2.1"
        name: Ghi chú của đơn vị
        rule: {kind: info, value_type: text, label: Ý kiến}
"""


def refused(data: bytes, filename: str = "giay.xlsx") -> CriteriaFileError:
    with pytest.raises(CriteriaFileError) as caught:
        criteria_set_from_xlsx(data, filename)
    return caught.value


def workbook_of(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def bytes_of(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def letter_of(sheet: Any, header: str) -> str:
    """The column letter under ``header`` in row 1 (tests do not hard-code the layout)."""
    for cell in sheet[1]:
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(f"no column {header!r}")


def row_of(sheet: Any, code: str) -> int:
    for cell in sheet["A"]:
        if cell.value == code:
            return cell.row
    raise AssertionError(f"no row {code!r}")


def cell_at(sheet: Any, code: str, header: str) -> Any:
    return sheet[f"{letter_of(sheet, header)}{row_of(sheet, code)}"]


def edited(criteria_set: Any, edit: Any) -> bytes:
    """The set's workbook after ``edit(workbook)``, as a drafter would change it."""
    workbook = workbook_of(criteria_set_to_xlsx(criteria_set))
    edit(workbook)
    return bytes_of(workbook)


# -- round trips


def test_the_example_set_survives_the_round_trip():
    original = loads_criteria_set(EXAMPLE)
    assert criteria_set_from_xlsx(criteria_set_to_xlsx(original), "t.xlsx") == original


def test_a_set_using_every_metadata_field_survives_the_round_trip():
    original = loads_criteria_set(VIETNAMESE)
    assert criteria_set_from_xlsx(criteria_set_to_xlsx(original), "mau.xlsx") == original


SHIPPED = sorted([*SETS.rglob("*.yaml"), *SETS.rglob("*.yml")])


@pytest.mark.parametrize("path", SHIPPED, ids=[path.name for path in SHIPPED])
def test_every_shipped_set_survives_the_round_trip(path):
    original = load_criteria_set(path)
    assert criteria_set_from_xlsx(criteria_set_to_xlsx(original), path.name) == original


def test_the_shipped_sets_are_found():
    # Guards the glob above: an empty list would make the round trip pass vacuously.
    assert SHIPPED


# Vietnamese letters, a few signs drafters type, and "=" and "|" which the format must
# keep as text.
LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
ALPHABET = LETTERS + LETTERS.upper() + "0123456789 .,;:()/-=%|"
texts = st.text(ALPHABET, min_size=1, max_size=24).filter(str.strip)
single_lines = texts.map(str.strip).filter(lambda text: "|" not in text)
paragraphs = st.lists(texts, min_size=1, max_size=3).map("\n".join)
cents = st.integers(0, 50_000).map(lambda c: Decimal(c).scaleb(-2))
points = st.one_of(st.integers(0, 500).map(Decimal), cents)
thresholds = st.integers(0, 150_000).map(lambda m: Decimal(m).scaleb(-3))  # up to 3 places


def up_to(limit: Decimal) -> st.SearchStrategy[Decimal]:
    return st.integers(0, int(limit * 100)).map(lambda c: Decimal(c).scaleb(-2))


@st.composite
def bands(draw, limit, at_least):
    starts = sorted(draw(st.sets(at_least, min_size=1, max_size=4)))
    return [{"at_least": start, "points": draw(up_to(limit))} for start in starts]


@st.composite
def rules(draw, kind, limit):
    rule: dict[str, Any] = {"kind": kind}
    if kind == "yes_no":
        if draw(st.booleans()):
            rule["yes_points"] = draw(up_to(limit))
        if draw(st.booleans()):
            rule["no_points"] = draw(up_to(limit))
    elif kind == "ratio":
        rule["mode"] = draw(st.sampled_from(["proportional", "bands"]))
        if rule["mode"] == "bands":
            rule["bands"] = draw(bands(limit, thresholds))
        for key in ("numerator", "denominator"):
            if draw(st.booleans()):
                rule[key] = draw(texts)
        if draw(st.booleans()):
            rule["zero_denominator"] = draw(st.sampled_from(["zero", "full", "not_applicable"]))
    elif kind == "count":
        rule["mode"] = draw(st.sampled_from(["bands", "per_item"]))
        if rule["mode"] == "bands":
            rule["bands"] = draw(bands(limit, st.integers(0, 40).map(Decimal)))
        else:
            rule["per_item"] = draw(cents.filter(lambda value: value > 0))
    elif kind == "option":
        codes = draw(
            st.lists(st.sampled_from("ABCDĐ123xy"), min_size=2, max_size=4, unique_by=str.casefold)
        )
        rule["options"] = [
            {"code": code, "label": draw(single_lines), "points": draw(up_to(limit))}
            for code in codes
        ]
    elif kind == "deduction":
        rule["per_item"] = draw(cents.filter(lambda value: value > 0))
    elif kind == "relative_to_best":
        rule["input"] = draw(st.sampled_from(["figure", "ratio"]))
    elif kind == "info":
        rule["value_type"] = draw(st.sampled_from(["text", "number"]))
    if kind in {"count", "deduction", "relative_to_best", "info"} and draw(st.booleans()):
        rule["label"] = draw(texts)
    return rule


@st.composite
def extras(draw):
    """The optional fields every node may carry."""
    extra: dict[str, Any] = {}
    for key, values in (
        ("name_en", texts),
        ("allow_na", st.booleans()),
        ("required", st.booleans()),
        ("guidance", paragraphs),
        ("status", st.sampled_from(["read", "derived", "inferred", "official"])),
        ("source", texts),
        ("note", paragraphs),
    ):
        if draw(st.booleans()):
            extra[key] = draw(values)
    if draw(st.booleans()):
        extra["evidence"] = {
            "required": draw(st.booleans()),
            "documents": draw(paragraphs),
            "verifier": draw(texts),
        }
    return extra


def carries_points(node: dict[str, Any]) -> bool:
    if "children" in node:
        return any(carries_points(child) for child in node["children"])
    return node["rule"]["kind"] != "info"


def full_max(node: dict[str, Any]) -> Decimal:
    if "children" not in node:
        return node.get("max_points", Decimal(0))
    total = sum(
        (full_max(child) for child in node["children"] if carries_points(child)), Decimal(0)
    )
    return min(node["max_points"], total) if "max_points" in node else total


@st.composite
def tree_nodes(draw, code, depth):
    node: dict[str, Any] = {"code": code, "name": draw(texts), **draw(extras())}
    if depth < 3 and draw(st.booleans()):
        count = draw(st.integers(1, 3))
        node["children"] = [
            draw(tree_nodes(f"{code}.{index}", depth + 1)) for index in range(1, count + 1)
        ]
        if draw(st.booleans()):
            reachable = sum(
                (full_max(c) for c in node["children"] if carries_points(c)), Decimal(0)
            )
            node["max_points"] = draw(up_to(reachable))
        return node
    kind = draw(
        st.sampled_from(
            [
                "yes_no",
                "manual",
                "ratio",
                "count",
                "option",
                "deduction",
                "relative_to_best",
                "info",
            ]
        )
    )
    if kind == "info":
        if draw(st.booleans()):
            node["max_points"] = Decimal(0)
    elif kind == "manual":
        step = draw(st.sampled_from(["0.01", "0.05", "0.25", "0.5", "1", "2"]).map(Decimal))
        node["max_points"] = step * draw(st.integers(0, 40))
        node["rule"] = {"kind": "manual", "step": step}
        return node
    else:
        node["max_points"] = draw(points)
    node["rule"] = draw(rules(kind, node.get("max_points", Decimal(0))))
    return node


@st.composite
def levels(draw):
    starts = sorted(
        draw(st.sets(thresholds.filter(lambda t: 0 < t <= 100), max_size=3)), reverse=True
    )
    codes = draw(
        st.lists(
            st.from_regex(r"[a-z0-9_]{1,8}", fullmatch=True),
            min_size=len(starts) + 1,
            max_size=len(starts) + 1,
            unique=True,
        )
    )
    scale = []
    for code, start in zip(codes, [*starts, Decimal(0)], strict=True):
        level: dict[str, Any] = {"code": code, "name": draw(texts), "min_percent": start}
        if draw(st.booleans()):
            level["name_en"] = draw(texts)
        if draw(st.booleans()):
            level["colour"] = "#" + draw(st.from_regex(r"[0-9a-f]{6}", fullmatch=True))
        scale.append(level)
    return scale


@st.composite
def documents(draw):
    prefix = draw(st.sampled_from(["", "TC", "N-"]))
    count = draw(st.integers(1, 3))
    document: dict[str, Any] = {
        "format": FORMAT,
        "id": draw(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,15}", fullmatch=True)),
        "title": draw(texts),
        "reconstructed": draw(st.booleans()),
        "nodes": [draw(tree_nodes(f"{prefix}{index}", 1)) for index in range(1, count + 1)],
    }
    optional = {
        "province": texts,
        "block": st.fixed_dictionaries({"code": single_lines}, optional={"name": texts}),
        "version": st.sampled_from(["2018", "2021.1", "bản 2"]),
        "valid_from": st.integers(1990, 2200),
        "legal_basis": st.fixed_dictionaries(
            {}, optional={"number": texts, "date": texts, "issuer": texts, "decision_kind": texts}
        ),
        "provenance": paragraphs,
        "sources": st.lists(single_lines, min_size=1, max_size=3),
        "levels": levels(),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            document[key] = draw(values)
    return document


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_valid_sets_survive_the_round_trip(document):
    original = build_criteria_set(document, lambda path: "generated", "generated")
    assert criteria_set_from_xlsx(criteria_set_to_xlsx(original), "generated.xlsx") == original


# -- what the workbook looks like


def test_the_workbook_has_the_three_sheets_in_vietnamese():
    workbook = workbook_of(criteria_set_to_xlsx(loads_criteria_set(EXAMPLE)))
    assert workbook.sheetnames == [INFO_SHEET, LEVEL_SHEET, NODE_SHEET]
    assert [cell.value for cell in workbook[NODE_SHEET][1]][:6] == [
        "Mã",
        "Mã cha",
        "Tên",
        "Tên tiếng Anh",
        "Điểm tối đa",
        "Quy tắc",
    ]


def test_the_criteria_sheet_has_one_row_per_node_parents_first():
    sheet = workbook_of(criteria_set_to_xlsx(loads_criteria_set(EXAMPLE)))[NODE_SHEET]
    rows = [(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        ("A", None),
        ("A1", "A"),
        ("A2", "A"),
        ("A3", "A"),
        ("B", None),
        ("B1", "B"),
        ("B2", "B"),
    ]


def test_bands_and_options_are_one_per_line():
    sheet = workbook_of(criteria_set_to_xlsx(loads_criteria_set(EXAMPLE)))[NODE_SHEET]
    assert cell_at(sheet, "A2", "Bậc điểm").value == "50 | 7\n80 | 9\n100 | 10"
    assert cell_at(sheet, "B2", "Phương án").value == "A | 25 | Full\nB | 12.5 | Half"


def test_numbers_are_stored_as_numeric_cells():
    workbook = workbook_of(criteria_set_to_xlsx(loads_criteria_set(VIETNAMESE)))
    sheet = workbook[NODE_SHEET]
    for code, header, value in (
        ("1.1", "Điểm tối đa", 12.5),
        ("1.10", "Điểm tối đa", 7.5),
        ("1.10", "Bước", 0.25),
    ):
        cell = cell_at(sheet, code, header)
        assert cell.data_type == "n"
        assert cell.value == value
    levels = workbook[LEVEL_SHEET]
    assert levels["D2"].data_type == "n"
    assert levels["D2"].value == 85


def test_a_number_with_more_than_two_places_is_stored_as_exact_text():
    original = loads_criteria_set(VIETNAMESE)
    data = criteria_set_to_xlsx(original)
    cell = workbook_of(data)[LEVEL_SHEET]["D3"]
    assert (cell.data_type, cell.value) == ("s", "66.667")
    assert criteria_set_from_xlsx(data, "mau.xlsx").levels.levels[1].min_percent == Decimal(
        "66.667"
    )


def test_vietnamese_text_survives():
    original = loads_criteria_set(VIETNAMESE)
    data = criteria_set_to_xlsx(original)
    sheet = workbook_of(data)[NODE_SHEET]
    assert cell_at(sheet, "1.1", "Tên").value == "Tỷ lệ cán bộ, công chức có máy tính"
    assert (
        cell_at(sheet, "1.1", "Hướng dẫn").value
        == "Đếm cả máy tính xách tay.\nKhông đếm máy hỏng.\n"
    )
    back = criteria_set_from_xlsx(data, "mau.xlsx")
    assert back.node("1.1").evidence.verifier == "Sở Thông tin và Truyền thông"
    assert back.meta.block_name == "Khối sở, ban, ngành"
    assert back.levels.levels[0].name == "Tốt"


def test_text_that_begins_with_an_equals_sign_stays_text():
    data = criteria_set_to_xlsx(loads_criteria_set(VIETNAMESE))
    cell = cell_at(workbook_of(data)[NODE_SHEET], "1.10", "Tên")
    assert cell.data_type == "s"
    assert criteria_set_from_xlsx(data, "mau.xlsx").node("1.10").name.startswith("=Tự đánh giá")


def test_codes_that_look_like_numbers_stay_text():
    sheet = workbook_of(criteria_set_to_xlsx(loads_criteria_set(VIETNAMESE)))[NODE_SHEET]
    assert [sheet[f"A{row}"].value for row in range(2, 5)] == ["1", "1.1", "1.10"]
    assert sheet["A4"].data_type == "s"


def test_the_rule_and_yes_no_columns_offer_drop_downs():
    sheet = workbook_of(criteria_set_to_xlsx(loads_criteria_set(EXAMPLE)))[NODE_SHEET]
    lists = {
        str(validation.sqref).split(":")[0]: validation.formula1
        for validation in sheet.data_validations.dataValidation
    }
    assert (
        lists[f"{letter_of(sheet, 'Quy tắc')}2"]
        == '"yes_no,manual,ratio,count,option,deduction,relative_to_best,info"'
    )
    assert lists[f"{letter_of(sheet, 'Cho phép không áp dụng')}2"] == '"Có,Không"'
    assert lists[f"{letter_of(sheet, 'Tình trạng')}2"] == '"read,derived,inferred,official"'


def test_the_header_row_is_frozen_and_bold():
    workbook = workbook_of(criteria_set_to_xlsx(loads_criteria_set(EXAMPLE)))
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes in {"A2", "B2"}
        assert all(cell.font.b for cell in sheet[1])


# -- what the reader accepts


def test_headers_match_ignoring_case_spaces_and_decomposed_letters_or_in_english():
    original = loads_criteria_set(EXAMPLE)

    def rename(workbook):
        sheet = workbook[NODE_SHEET]
        sheet[f"{letter_of(sheet, 'Tên')}1"] = "  TÊN "
        sheet[f"{letter_of(sheet, 'Quy tắc')}1"] = "rule"
        sheet[f"{letter_of(sheet, 'Bậc điểm')}1"] = "Bands"
        sheet[f"{letter_of(sheet, 'Điểm tối đa')}1"] = unicodedata.normalize("NFD", "Điểm tối đa")

    assert criteria_set_from_xlsx(edited(original, rename), "t.xlsx") == original


def test_yes_no_cells_take_the_usual_spellings_and_blank_means_the_default():
    original = loads_criteria_set(EXAMPLE)
    spellings = {"A1": "x", "A2": "FALSE", "A3": True, "B1": 0, "B2": None}

    def retype(workbook):
        sheet = workbook[NODE_SHEET]
        for code, value in spellings.items():
            cell_at(sheet, code, "Cho phép không áp dụng").value = value
            cell_at(sheet, code, "Bắt buộc trả lời").value = "yes" if value else None

    back = criteria_set_from_xlsx(edited(original, retype), "t.xlsx")
    assert [back.node(code).allow_na for code in spellings] == [True, False, True, False, False]
    assert all(back.node(code).required for code in spellings)


def test_a_number_typed_as_text_with_a_decimal_comma_is_read_exactly():
    original = loads_criteria_set(EXAMPLE)

    def retype(workbook):
        sheet = workbook[NODE_SHEET]
        cell_at(sheet, "A3", "Điểm tối đa").value = "30,00"
        cell_at(sheet, "A2", "Bậc điểm").value = "50 | 7\n80 | 9\n100 | 10,0"

    assert criteria_set_from_xlsx(edited(original, retype), "t.xlsx") == original


def test_blank_rows_in_the_middle_are_skipped():
    original = loads_criteria_set(EXAMPLE)

    def spread(workbook):
        workbook[NODE_SHEET].insert_rows(4, amount=2)
        workbook[INFO_SHEET].insert_rows(3)

    assert criteria_set_from_xlsx(edited(original, spread), "t.xlsx") == original


def test_a_formula_is_read_through_its_saved_result():
    # openpyxl cannot save a formula's result, so write the cell as Excel would.
    original = loads_criteria_set(EXAMPLE)
    data = criteria_set_to_xlsx(original)
    sheet = workbook_of(data)[NODE_SHEET]
    coordinate = cell_at(sheet, "A3", "Điểm tối đa").coordinate
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":
                cell = re.compile(
                    rb'<c r="%s"( s="\d+")? t="n"><v>30</v></c>' % coordinate.encode()
                )
                content, replaced = cell.subn(
                    rb'<c r="%s"\1><f>10*3</f><v>30</v></c>' % coordinate.encode(), content
                )
                assert replaced == 1
            new.writestr(item, content)
    assert workbook_of(target.getvalue())[NODE_SHEET][coordinate].value == "=10*3"
    assert criteria_set_from_xlsx(target.getvalue(), "t.xlsx") == original


def test_a_formula_without_a_saved_result_is_refused_at_its_cell():
    original = loads_criteria_set(EXAMPLE)
    error = refused(
        edited(
            original,
            lambda wb: setattr(cell_at(wb[NODE_SHEET], "A3", "Điểm tối đa"), "value", "=10*3"),
        )
    )
    assert [(p.where, p.message) for p in error.problems] == [
        (
            "giay.xlsx, sheet 'Tiêu chí', row 5, column E (Điểm tối đa)",
            "a formula without a saved result: type the value, or open and save the file in Excel",
        )
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("9" * 5000, "99999999999999999999… (5000 characters)"),
        (1e308, "1e+308"),
        ("1" + "0" * 40, "10000000000000000000… (41 characters)"),
    ],
    ids=["5000 digits as text", "1e308", "41 digits"],
)
def test_a_number_too_long_to_use_is_a_problem_at_its_cell_not_a_crash(value, shown):
    # Issue 15 (item 3) for YAML; the workbook answered 500 (InvalidOperation).
    original = loads_criteria_set(EXAMPLE)
    error = refused(
        edited(
            original,
            lambda wb: setattr(cell_at(wb[NODE_SHEET], "A3", "Điểm tối đa"), "value", value),
        )
    )
    assert [(p.where, p.message) for p in error.problems] == [
        (
            "giay.xlsx, sheet 'Tiêu chí', row 5, column E (Điểm tối đa)",
            f"'{shown}' is too long a number: at most 30 digits",
        )
    ]


# -- refusals


def test_a_workbook_with_several_bad_rows_is_refused_with_every_problem_named():
    original = loads_criteria_set(EXAMPLE)

    def spoil(workbook):
        sheet = workbook[NODE_SHEET]
        cell_at(sheet, "A1", "Mã cha").value = "ZZ"  # unknown parent
        cell_at(sheet, "A2", "Điểm tối đa").value = -5  # negative maximum
        cell_at(sheet, "B1", "Quy tắc").value = "percent"  # no such rule
        cell_at(sheet, "B2", "Tên").value = None  # missing name
        cell_at(sheet, "A3", "Mã").value = "A1"  # duplicate code (last: rows are found by code)

    error = refused(edited(original, spoil))
    found = {(problem.where, problem.code) for problem in error.problems}
    where = "giay.xlsx, sheet 'Tiêu chí', row {}, column {}"
    assert found == {
        (where.format(3, "B (Mã cha)"), "A1"),
        (where.format(4, "E (Điểm tối đa)"), "A2"),
        (where.format(5, "A (Mã)"), "A1"),
        (where.format(7, "F (Quy tắc)"), "B1"),
        (where.format(8, "C (Tên)"), "B2"),
    }
    messages = " / ".join(problem.message for problem in error.problems)
    assert "the parent code 'ZZ' does not appear in an earlier row" in messages
    assert (
        "duplicate code (first used at giay.xlsx, sheet 'Tiêu chí', row 3, column A (Mã))"
        in messages
    )
    assert "less than the minimum of 0" in messages
    assert "'percent' is not one of" in messages
    assert "must not be empty" in messages
    assert str(error).startswith("giay.xlsx: 5 problem(s), nothing loaded:")


def test_problems_reading_cells_name_the_cell_and_the_line():
    original = loads_criteria_set(EXAMPLE)

    def spoil(workbook):
        sheet = workbook[NODE_SHEET]
        cell_at(sheet, "A1", "Điểm tối đa").value = "hai mươi"
        cell_at(sheet, "A2", "Bậc điểm").value = "50 | 7\n80\n100 | mười"
        cell_at(sheet, "B2", "Phương án").value = "A | 25 | Full\nB - 12.5 - Half"
        cell_at(sheet, "A3", "Cho phép không áp dụng").value = "có lẽ"

    error = refused(edited(original, spoil))
    assert [(problem.where, problem.message) for problem in error.problems] == [
        (
            "giay.xlsx, sheet 'Tiêu chí', row 3, column E (Điểm tối đa)",
            "'hai mươi' is not a number",
        ),
        (
            "giay.xlsx, sheet 'Tiêu chí', row 4, column H (Bậc điểm), line 2",
            "write at_least | points, e.g. '80 | 9'",
        ),
        (
            "giay.xlsx, sheet 'Tiêu chí', row 4, column H (Bậc điểm), line 3",
            "'mười' is not a number",
        ),
        (
            "giay.xlsx, sheet 'Tiêu chí', row 5, column T (Cho phép không áp dụng)",
            "expected Có or Không, got 'có lẽ'",
        ),
        (
            "giay.xlsx, sheet 'Tiêu chí', row 8, column I (Phương án), line 2",
            "write code | points | label, e.g. 'A | 10 | Đạt'",
        ),
    ]


def test_a_parent_below_its_child_is_named_with_its_row():
    original = loads_criteria_set(EXAMPLE)
    error = refused(
        edited(original, lambda wb: setattr(cell_at(wb[NODE_SHEET], "A1", "Mã cha"), "value", "B"))
    )
    assert [(p.where, p.message) for p in error.problems] == [
        (
            "giay.xlsx, sheet 'Tiêu chí', row 3, column B (Mã cha)",
            "the parent 'B' must come before its sub-criteria (it is on row 6)",
        )
    ]


def test_a_leaf_without_a_maximum_is_refused_at_its_points_cell():
    original = loads_criteria_set(EXAMPLE)
    error = refused(
        edited(
            original,
            lambda wb: setattr(cell_at(wb[NODE_SHEET], "B1", "Điểm tối đa"), "value", None),
        )
    )
    assert [(p.where, p.code, p.message) for p in error.problems] == [
        (
            "giay.xlsx, sheet 'Tiêu chí', row 7, column E (Điểm tối đa)",
            "B1",
            "a criterion needs max_points",
        )
    ]


def test_rule_cells_filled_without_a_rule_are_refused():
    original = loads_criteria_set(EXAMPLE)
    error = refused(
        edited(
            original, lambda wb: setattr(cell_at(wb[NODE_SHEET], "A2", "Quy tắc"), "value", None)
        )
    )
    assert [(p.where, p.message) for p in error.problems] == [
        (
            "giay.xlsx, sheet 'Tiêu chí', row 4, column F (Quy tắc)",
            "the rule is empty but its cells are filled: Chế độ, Bậc điểm",
        )
    ]


def test_a_declared_total_that_the_tree_does_not_reach_is_refused_on_its_row():
    original = loads_criteria_set(EXAMPLE)

    def change_total(workbook):
        sheet = workbook[INFO_SHEET]
        row = next(cell.row for cell in sheet["A"] if cell.value == "Tổng điểm tối đa")
        sheet[f"B{row}"] = 90

    error = refused(edited(original, change_total))
    assert [(p.where, p.message) for p in error.problems] == [
        (
            "giay.xlsx, sheet 'Thông tin', row 17, column B (Giá trị)",
            "the tree totals 100, not the declared 90",
        )
    ]


def test_unknown_columns_fields_and_repeated_fields_are_refused():
    original = loads_criteria_set(EXAMPLE)

    def add(workbook):
        workbook[NODE_SHEET].cell(1, 40, "Trọng số")
        info = workbook[INFO_SHEET]
        info.append(["Mã bộ tiêu chí", "other-id"])
        info.append(["Người duyệt", "Nguyễn Văn A"])

    error = refused(edited(original, add))
    assert [(p.where, p.message.split(";")[0]) for p in error.problems] == [
        (
            "giay.xlsx, sheet 'Thông tin', row 18, column B (Giá trị)",
            "given twice (first on row 3)",
        ),
        ("giay.xlsx, sheet 'Thông tin', row 19, column A (Mục)", "unknown field 'Người duyệt'"),
        ("giay.xlsx, sheet 'Tiêu chí', row 1, column AN (Trọng số)", "unknown column"),
    ]


def test_a_missing_sheet_or_required_column_is_named():
    original = loads_criteria_set(EXAMPLE)

    def damage(workbook):
        del workbook[INFO_SHEET]
        sheet = workbook[NODE_SHEET]
        sheet.delete_cols(sheet[letter_of(sheet, "Điểm tối đa") + "1"].column)

    error = refused(edited(original, damage))
    assert [(p.where, p.message) for p in error.problems] == [
        (
            "giay.xlsx, sheet 'Thông tin'",
            "the sheet is missing (the workbook has 'Mức xếp loại', 'Tiêu chí')",
        ),
        ("giay.xlsx, sheet 'Tiêu chí', row 1", "the column 'Điểm tối đa' (max_points) is missing"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Ma,Ten\n1,Ha tang\n", "not an Excel workbook (.xlsx)"),
        (b"", "not an Excel workbook (.xlsx)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "an old Excel 97-2003 (.xls) file: save it as an Excel workbook (.xlsx)",
        ),
    ],
    ids=["csv", "empty", "xls"],
)
def test_a_file_that_is_not_a_workbook_is_refused_clearly(data, message):
    error = refused(data, "giay.xlsx")
    assert [(p.where, p.message) for p in error.problems] == [("giay.xlsx", message)]


def test_a_zip_that_is_not_a_workbook_is_refused_clearly():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải bảng tính")
    error = refused(buffer.getvalue())
    assert len(error.problems) == 1
    assert error.problems[0].message.startswith("not an Excel workbook (.xlsx) that can be read")
