"""``egovrank score`` end to end, through the command's promised interface."""

import csv
import io
import json
from pathlib import Path

from openpyxl import load_workbook

from egovrank.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SET = str(FIXTURES / "boundary.yaml")
ANSWERS = str(FIXTURES / "boundary-answers.csv")


def run(capsys, *args):
    code = main(["score", *args])
    out, err = capsys.readouterr()
    return code, out, err


# Hand-computed: share = points / maximum, level on the exact share, ties share a rank.
EXPECTED = [
    # rank, code, points, max, percent, level, rank_in_parent, submitted
    ("1", "FULL", "300", "300", "100.00", "Tốt", "1", "yes"),
    ("2", "NA1", "170", "200", "85.00", "Tốt", "1", "yes"),  # all N/A but one: 170/200
    ("2", "T85", "255", "300", "85.00", "Tốt", "2", "yes"),  # exactly 85%; tie listed by name
    ("4", "B849966", "254.99", "300", "85.00", "Khá", "2", "yes"),  # 84.9966…% shows 85,00%
    ("5", "B8499", "254.97", "300", "84.99", "Khá", "3", "yes"),
    ("6", "K70", "210", "300", "70.00", "Khá", "3", "yes"),
    ("7", "TB50", "150", "300", "50.00", "Trung bình", "4", "yes"),
    ("8", "Y4999", "149.97", "300", "49.99", "Yếu", "4", "yes"),
    ("9", "ZERO", "0", "300", "0.00", "Yếu", "5", "yes"),
    ("10", "NS", "0", "300", "0.00", "Yếu", "5", "no"),
]


def test_it_reproduces_the_hand_computed_levels_and_ranks(capsys):
    code, out, err = run(capsys, "--criteria", SET, "--answers", ANSWERS, "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    got = [
        (
            r["rank"],
            r["unit_code"],
            r["points"],
            r["max_points"],
            r["percent"],
            r["level"],
            r["rank_in_parent"],
            r["submitted"],
        )
        for r in rows
    ]
    assert got == EXPECTED
    assert list(rows[0]) == [
        "rank", "unit_code", "unit_name", "points", "max_points", "percent", "level", "rank_in_parent", "submitted", "M", "Y",
    ]  # fmt: skip


def test_the_table_is_vietnamese_style(capsys):
    code, out, _ = run(capsys, "--criteria", SET, "--answers", ANSWERS)
    assert code == 0
    assert "Đơn vị Sát ngưỡng" in out
    line = next(line for line in out.splitlines() if "Sát ngưỡng" in line)
    assert "254,99" in line and "85,00%" in line and "Khá" in line


def test_json_keeps_decimals_exact(capsys):
    code, out, _ = run(capsys, "--criteria", SET, "--answers", ANSWERS, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["criteria_set"]["max_total"] == "300"
    first = data["units"][3]
    assert first["unit_code"] == "B849966"
    assert first["points"] == "254.99"
    assert first["groups"] == {"M": "154.99", "Y": "100"}


def test_xlsx_stores_numbers_as_numbers(capsys, tmp_path):
    target = tmp_path / "out.xlsx"
    code, _, err = run(
        capsys, "--criteria", SET, "--answers", ANSWERS, "--format", "xlsx", "--output", str(target)
    )
    assert code == 0, err
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[5], strict=True)}
    assert row["Mã"].value == "B849966"  # Vietnamese headers since issue 16
    assert row["Điểm"].data_type == "n"
    assert str(row["Điểm"].value) == "254.99"


def test_explain_prints_the_units_explanation_tree(capsys):
    code, out, _ = run(capsys, "--criteria", SET, "--answers", ANSWERS, "--explain", "NA1")
    assert code == 0
    assert out.splitlines() == [
        "NA1 Đơn vị Ân: 170/200 = 85,00% → Tốt",
        "  M Entered points: Nhập 170 điểm → 170/200",
        "  Y A yes/no criterion that may not apply: Không áp dụng: loại 100 điểm khỏi tổng điểm tối đa",
    ]


def test_a_shipped_set_can_be_named_by_its_id(capsys, tmp_path):
    answers = tmp_path / "a.csv"
    answers.write_text(
        "unit_code,unit_name,parent_code,criterion,value\n"
        "K01-05,Sở Tài chính,,HT1,45/50\n"
        "K01-17,Thanh tra tỉnh,,-,not_submitted\n",
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "--criteria", "hungyen-2018-khoi01", "--answers", str(answers), "--format", "csv"
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["unit_code"], r["points"], r["max_points"], r["HT"]) for r in rows] == [
        ("K01-05", "9", "500", "9"),
        ("K01-17", "0", "500", "0"),
    ]


def test_bad_answers_are_reported_by_row_and_column_and_nothing_is_printed(capsys, tmp_path):
    answers = tmp_path / "bad.csv"
    answers.write_text(
        "unit_code,unit_name,parent_code,criterion,value\n"
        "A,Đơn vị A,,M,250\n"
        "A,Đơn vị A,,Q,yes\n"
        "B,Đơn vị B,,Y,maybe\n"
        "B,Đơn vị B,,Y,yes\n"
        "B,Đơn vị B,,Y,no\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--criteria", SET, "--answers", str(answers))
    assert code == 2
    assert out == ""
    assert "bad.csv, row 2, column value: [M] points must be between 0 and 200" in err
    assert "bad.csv, row 3, column criterion: [Q] no criterion 'Q' in boundary" in err
    assert "bad.csv, row 4, column value: [Y] expected yes or no, got 'maybe'" in err
    assert "bad.csv, row 6, column criterion: [Y] already answered for unit B on row 5" in err


def test_a_broken_criteria_file_is_reported_with_its_line(capsys, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (FIXTURES / "boundary.yaml")
        .read_text(encoding="utf-8")
        .replace("max_points: 100", "max_points: -5"),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--criteria", str(broken), "--answers", ANSWERS)
    assert code == 2
    assert "broken.yaml, line 14: [Y] max_points: -5 is less than the minimum of 0" in err


def test_an_unknown_unit_for_explain_is_an_error(capsys):
    code, _, err = run(capsys, "--criteria", SET, "--answers", ANSWERS, "--explain", "NOPE")
    assert code == 2
    assert "no unit 'NOPE'" in err


def test_xlsx_needs_an_output_file(capsys):
    code, _, err = run(capsys, "--criteria", SET, "--answers", ANSWERS, "--format", "xlsx")
    assert code == 2
    assert "--output" in err


def test_an_answers_file_that_is_not_utf8_is_named_as_such(capsys, tmp_path):
    answers = tmp_path / "latin1.csv"
    answers.write_bytes(
        "unit_code,unit_name,parent_code,criterion,value\nA,Hà Nam,,M,1\n".encode("latin-1")
    )
    code, out, err = run(capsys, "--criteria", SET, "--answers", str(answers))
    assert code == 2
    assert out == ""
    assert err == f"egovrank score: {answers}: the file is not UTF-8 text\n"


def test_the_xlsx_keeps_the_exact_share_and_fills_the_rank_in_parent(capsys, tmp_path):
    answers = tmp_path / "a.csv"
    answers.write_text(
        "unit_code,unit_name,parent_code,criterion,value\n"
        "A,Đơn vị A,H1,M,190\nA,Đơn vị A,H1,Y,yes\n"
        "B,Đơn vị B,H1,M,100\nB,Đơn vị B,H1,Y,yes\n"
        "C,Đơn vị C,H2,M,50\nC,Đơn vị C,H2,Y,no\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.xlsx"
    code, _, err = run(
        capsys,
        "--criteria",
        SET,
        "--answers",
        str(answers),
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    assert code == 0, err
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    header = rows[0]
    assert header[:10] == (
        "Hạng", "Mã", "Đơn vị", "Điểm", "Tối đa", "Tỷ lệ", "Tỷ lệ chính xác (%)", "Mức",
        "Hạng trong đơn vị cha", "Đã nộp",
    )  # fmt: skip
    first = dict(zip(header, rows[1], strict=True))
    assert first["Mã"] == "A"
    assert first["Mức"] == "Tốt"
    in_parent = [dict(zip(header, row, strict=True))["Hạng trong đơn vị cha"] for row in rows[1:]]
    assert in_parent == [1, 2, 1]


def test_424_99_of_500_is_stored_as_84_998_percent_and_is_fair(capsys, tmp_path):
    answers = tmp_path / "a.csv"
    answers.write_text(
        "unit_code,unit_name,parent_code,criterion,value\nA,Đơn vị A,,M,424.99\n",
        encoding="utf-8",
    )
    criteria = tmp_path / "set.yaml"
    criteria.write_text(
        "format: egovrank/criteria-set/1\nid: s\ntitle: S\n"
        "nodes:\n  - {code: M, name: M, max_points: 500, rule: {kind: manual}}\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.xlsx"
    code, _, err = run(
        capsys, "--criteria", str(criteria), "--answers", str(answers), "--format", "xlsx",
        "--output", str(target),
    )  # fmt: skip
    assert code == 0, err
    header, values = list(load_workbook(target).active.iter_rows(values_only=True))
    row = dict(zip(header, values, strict=True))
    assert row["Tỷ lệ chính xác (%)"] == 84.998
    assert row["Mức"] == "Khá"
    assert "Hạng trong đơn vị cha" not in row  # no unit has a parent


def test_locale_en_prints_the_english_level_name(capsys):
    code, out, _ = run(capsys, "--criteria", SET, "--answers", ANSWERS, "--locale", "en")
    assert code == 0
    line = next(line for line in out.splitlines() if "Sát ngưỡng" in line)
    assert "Fair" in line and "Khá" not in line
    code, out, _ = run(
        capsys, "--criteria", SET, "--answers", ANSWERS, "--explain", "NA1", "--locale", "en"
    )
    assert out.splitlines()[0] == "NA1 Đơn vị Ân: 170/200 = 85.00% → Good"
