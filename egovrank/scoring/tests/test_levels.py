from decimal import Decimal

import pytest

from egovrank.scoring.answers import NA, Points, YesNo
from egovrank.scoring.engine import score_unit
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.levels import DEFAULT_LEVELS

from .builders import D, leaf, make_set, unit


def level_of(points, maximum):
    return DEFAULT_LEVELS.classify(Decimal(str(points)), Decimal(str(maximum))).name


@pytest.mark.parametrize(
    ("points", "maximum", "level"),
    [
        ("425", "500", "Tốt"),  # exactly 85%
        ("424.99", "500", "Khá"),  # 84.998%
        ("254.99", "300", "Khá"),  # 84.9966…%, shown as 85,00%
        ("254.97", "300", "Khá"),  # 84.99%, one hundredth below
        ("350", "500", "Khá"),  # exactly 70%
        ("349.99", "500", "Trung bình"),
        ("250", "500", "Trung bình"),  # exactly 50%
        ("249.99", "500", "Yếu"),
        ("0", "500", "Yếu"),
        ("500", "500", "Tốt"),
    ],
)
def test_the_level_is_decided_on_the_exact_share(points, maximum, level):
    assert level_of(points, maximum) == level


def test_thresholds_and_names_come_from_the_set():
    levels = [
        {"code": "xuat_sac", "name": "Xuất sắc", "min_percent": D(90)},
        {"code": "dat", "name": "Đạt", "min_percent": D(60)},
        {"code": "chua_dat", "name": "Chưa đạt", "min_percent": D(0)},
    ]
    cs = make_set(leaf("A", 100, "manual"), levels=levels)
    assert score_unit(cs, unit("u", {"A": Points(D(90))})).level.name == "Xuất sắc"
    assert score_unit(cs, unit("u", {"A": Points(D("89.99"))})).level.name == "Đạt"
    assert score_unit(cs, unit("u", {"A": Points(D(59))})).level.name == "Chưa đạt"


def test_levels_must_descend_and_end_at_zero():
    levels = [
        {"code": "a", "name": "A", "min_percent": D(50)},
        {"code": "b", "name": "B", "min_percent": D(70)},
    ]
    with pytest.raises(CriteriaFileError) as caught:
        make_set(leaf("A", 100, "manual"), levels=levels)
    assert "highest to lowest" in str(caught.value)
    assert "must start at 0" in str(caught.value)


def test_all_criteria_not_applicable_but_one_decides_on_that_one():
    cs = make_set(
        leaf("A", 100, "yes_no", allow_na=True),
        leaf("B", 100, "yes_no", allow_na=True),
        leaf("C", 20, "manual"),
    )
    result = score_unit(cs, unit("u", {"A": NA, "B": NA, "C": Points(D(17))}))
    assert result.max_points == D(20)
    assert result.percent == D("85.00")
    assert result.level.name == "Tốt"


def test_a_unit_with_nothing_applicable_is_at_the_lowest_level():
    cs = make_set(leaf("A", 10, "yes_no", allow_na=True))
    result = score_unit(cs, unit("u", {"A": NA}))
    assert result.max_points == 0
    assert result.share == 0
    assert result.level.name == "Yếu"


def test_full_points_are_the_top_level_and_zero_the_bottom():
    cs = make_set(leaf("A", 10, "yes_no"))
    assert score_unit(cs, unit("u", {"A": YesNo(True)})).level.name == "Tốt"
    assert score_unit(cs, unit("u", {"A": YesNo(False)})).level.name == "Yếu"


def test_the_percentage_is_shown_vietnamese_style_rounded_half_up():
    cs = make_set(leaf("A", 500, "manual"))
    result = score_unit(cs, unit("u", {"A": Points(D(413))}))
    assert result.percent_text() == "82,60%"
    assert result.percent_text("en") == "82.60%"
