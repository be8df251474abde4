"""The Hưng Yên 2019 demo answers reproduce the published 2019 results.

Published facts (dientungaynay.vn 28/05/2020; docs/sources/units-and-published-results.md): in Khối 01
(maximum 500) Sở Tài chính is first with 413 (HT 50, DVC 77, CCCS 90), Sở Xây dựng second,
Sở Giao thông vận tải third, Sở Thông tin và Truyền thông fourth with 410,5 (UD 90, DVC 60);
in Khối 02 Văn Lâm is first. Everything else in the example files is invented.
"""

import csv
import io
from decimal import Decimal
from pathlib import Path

from egovrank.cli import main

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
KHOI01_SET = "hungyen-2018-khoi01"
KHOI02_SET = "hungyen-2018-khoi02"
KHOI01_ANSWERS = EXAMPLES / "hungyen-khoi01-2019-answers.csv"
KHOI02_ANSWERS = EXAMPLES / "hungyen-khoi02-2019-answers.csv"

SO_TAI_CHINH = "K01-05"
SO_XAY_DUNG = "K01-09"
SO_GIAO_THONG_VAN_TAI = "K01-08"
SO_THONG_TIN_VA_TRUYEN_THONG = "K01-11"
THANH_TRA_TINH = "K01-17"
BAN_QUAN_LY_CAC_KHU_CONG_NGHIEP = "K01-18"  # did not submit
VAN_LAM = "325"


def run(capsys, criteria, answers):
    code = main(["score", "--criteria", criteria, "--answers", str(answers), "--format", "csv"])
    out, err = capsys.readouterr()
    return code, out, err


def ranking(capsys, criteria, answers):
    """The result rows in rank order."""
    code, out, err = run(capsys, criteria, answers)
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out)))


def khoi01(capsys):
    return ranking(capsys, KHOI01_SET, KHOI01_ANSWERS)


def row_of(rows, unit_code):
    return next(row for row in rows if row["unit_code"] == unit_code)


def points(row, *columns):
    return sum(Decimal(row[column]) for column in columns)


def test_both_answer_files_load_without_any_problem(capsys):
    for criteria, answers in ((KHOI01_SET, KHOI01_ANSWERS), (KHOI02_SET, KHOI02_ANSWERS)):
        code, out, err = run(capsys, criteria, answers)
        assert code == 0, err  # 2 would mean the file was refused
        assert err == ""
        assert out


def test_every_khoi01_and_khoi02_unit_is_in_the_ranking(capsys):
    assert len(khoi01(capsys)) == 18
    assert len(ranking(capsys, KHOI02_SET, KHOI02_ANSWERS)) == 10


def test_the_first_four_of_khoi01_are_the_published_ones_in_order(capsys):
    top = [(row["rank"], row["unit_code"]) for row in khoi01(capsys)[:4]]
    assert top == [
        ("1", SO_TAI_CHINH),
        ("2", SO_XAY_DUNG),
        ("3", SO_GIAO_THONG_VAN_TAI),
        ("4", SO_THONG_TIN_VA_TRUYEN_THONG),
    ]


def test_so_tai_chinh_ranks_first_with_413_points(capsys):
    row = khoi01(capsys)[0]
    assert row["unit_code"] == SO_TAI_CHINH
    assert row["rank"] == "1"
    assert Decimal(row["points"]) == Decimal("413")
    assert Decimal(row["max_points"]) == Decimal("500")
    assert row["percent"] == "82.60"


def test_so_tai_chinh_group_points_are_the_published_ones(capsys):
    row = row_of(khoi01(capsys), SO_TAI_CHINH)
    assert Decimal(row["HT"]) == Decimal("50")
    assert Decimal(row["DVC"]) == Decimal("77")
    assert Decimal(row["CCCS"]) == Decimal("90")
    assert points(row, "UD", "WEB", "NL") == Decimal("196")


def test_so_thong_tin_va_truyen_thong_ranks_fourth_with_410_5_points(capsys):
    row = row_of(khoi01(capsys), SO_THONG_TIN_VA_TRUYEN_THONG)
    assert row["rank"] == "4"
    assert Decimal(row["points"]) == Decimal("410.5")
    assert Decimal(row["max_points"]) == Decimal("500")
    assert row["percent"] == "82.10"


def test_so_thong_tin_va_truyen_thong_group_points_are_the_published_ones(capsys):
    row = row_of(khoi01(capsys), SO_THONG_TIN_VA_TRUYEN_THONG)
    assert Decimal(row["UD"]) == Decimal("90")
    assert Decimal(row["DVC"]) == Decimal("60")
    assert points(row, "HT", "WEB", "CCCS", "NL") == Decimal("260.5")


def test_no_khoi01_unit_reaches_the_good_level_since_the_first_has_82_60_percent(capsys):
    rows = khoi01(capsys)
    assert all(Decimal(row["percent"]) < Decimal("85") for row in rows)
    assert {row["level"] for row in rows[:4]} == {"Khá"}


def test_the_unit_that_did_not_submit_is_last_and_flagged(capsys):
    last = khoi01(capsys)[-1]
    assert last["unit_code"] == BAN_QUAN_LY_CAC_KHU_CONG_NGHIEP
    assert last["submitted"] == "no"
    assert last["rank"] == "18"  # after the 17 units that submitted
    assert Decimal(last["points"]) == 0
    assert last["level"] == "Yếu"


def test_only_the_unit_that_did_not_submit_is_flagged_not_submitted(capsys):
    flagged = [row["unit_code"] for row in khoi01(capsys) if row["submitted"] == "no"]
    assert flagged == [BAN_QUAN_LY_CAC_KHU_CONG_NGHIEP]


def test_thanh_tra_tinh_not_applicable_criteria_leave_its_maximum(capsys):
    row = row_of(khoi01(capsys), THANH_TRA_TINH)
    assert Decimal(row["max_points"]) < Decimal("500")
    assert Decimal(row["DVC"]) == 0  # the whole group is not applicable


def test_van_lam_ranks_first_in_khoi02(capsys):
    first = ranking(capsys, KHOI02_SET, KHOI02_ANSWERS)[0]
    assert first["unit_code"] == VAN_LAM
    assert first["rank"] == "1"
