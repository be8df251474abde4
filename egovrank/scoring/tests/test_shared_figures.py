"""Shared figures: declared once in a set, read by several ratio criteria from each
unit's figures; a numerator above its shared denominator is refused."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovrank.scoring.answers import NA, AnswerError, Number, Ratio
from egovrank.scoring.engine import score_block, score_unit
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.fileformat.yaml_io import dump_criteria_set, loads_criteria_set

from .builders import D, group, leaf, make_set, unit

STAFF = {"code": "TONG_CBCCVC", "name": "Tổng số CBCCVC", "name_en": "Total staff"}


def staff_set(**extra_rule):
    return make_set(
        group(
            "HT",
            leaf("HT1", 10, "ratio", denominator_figure="TONG_CBCCVC", **extra_rule),
            leaf("UD2", 15, "ratio", denominator_figure="TONG_CBCCVC"),
            leaf("HT2", 10, "ratio"),
        ),
        figures=[STAFF],
    )


def test_criteria_read_the_shared_denominator_from_the_units_figures():
    criteria_set = staff_set()
    scored = score_unit(
        criteria_set,
        unit(
            "A",
            {"HT1": Number(D(40)), "UD2": Number(D(20)), "HT2": Ratio(D(1), D(2))},
            figures={"TONG_CBCCVC": D(50)},
        ),
    )
    assert scored.points_of("HT1") == D(8)  # 40/50 × 10
    assert scored.points_of("UD2") == D(6)  # 20/50 × 15
    assert scored.node("HT1").explanation[1:3] == (D(40), D(50))


def test_a_numerator_above_its_shared_denominator_is_refused_naming_both_criteria():
    units = [unit("A", {"HT1": Number(D(60))}, figures={"TONG_CBCCVC": D(51)})]
    with pytest.raises(AnswerError) as refused:
        score_block(staff_set(), units)
    assert refused.value.code == "HT1"
    message = refused.value.message
    assert "60" in message and "TONG_CBCCVC = 51" in message
    assert "UD2" in message and "(unit A)" in message


def test_a_missing_shared_figure_leaves_its_criteria_unanswered():
    scored = score_unit(staff_set(), unit("A", {"HT1": Number(D(40))}))
    assert scored.node("HT1").status == "unanswered"
    assert scored.points_of("HT1") == 0


def test_both_parts_shared_need_no_answer_and_refuse_one():
    criteria_set = make_set(
        group("HT", leaf("HT1", 10, "ratio", numerator_figure="MAY", denominator_figure="TONG")),
        figures=[{"code": "MAY", "name": "Máy tính"}, {"code": "TONG", "name": "Tổng"}],
    )
    figures = {"MAY": D(3), "TONG": D(4)}
    assert score_unit(criteria_set, unit("A", figures=figures)).points_of("HT1") == D("7.5")
    with pytest.raises(AnswerError, match="no value of its own"):
        score_unit(criteria_set, unit("A", {"HT1": Number(D(3))}, figures=figures))
    with pytest.raises(AnswerError, match="MAY"):
        score_unit(criteria_set, unit("A", figures={"MAY": D(5), "TONG": D(4)}))


def test_not_applicable_still_applies_to_a_criterion_with_a_shared_figure():
    criteria_set = make_set(
        group("HT", leaf("HT1", 10, "ratio", denominator_figure="T", allow_na=True)),
        leaf("X", 10, "yes_no"),
        figures=[{"code": "T", "name": "Tổng"}],
    )
    scored = score_unit(criteria_set, unit("A", {"HT1": NA}, figures={"T": D(5)}))
    assert scored.max_points == D(10)


def test_a_figure_the_set_does_not_declare_is_refused():
    with pytest.raises(AnswerError, match="no such figure"):
        score_unit(staff_set(), unit("A", figures={"NOPE": D(1)}))


def test_the_own_part_is_read_as_one_number_from_text_and_forms():
    rule = staff_set().node("HT1").rule
    assert rule.parse("HT1", "45") == Number(D(45))
    assert rule.parse("HT1", "na") is NA
    assert rule.input_kind == "number"
    assert rule.read_entry("HT1", "7", D(10)) == Number(D(7))
    with pytest.raises(AnswerError):
        rule.parse("HT1", "45/50")


@settings(max_examples=60, deadline=None)
@given(
    staff=st.integers(min_value=0, max_value=500),
    shares=st.lists(st.integers(min_value=0, max_value=500), min_size=2, max_size=2),
    zero=st.sampled_from(["zero", "full", "not_applicable"]),
)
def test_a_shared_denominator_scores_exactly_as_the_same_figure_typed_into_each(
    staff, shares, zero
):
    """Property: sharing a figure changes where it is entered, never the points."""
    shared = make_set(
        group(
            "G",
            leaf("A", 10, "ratio", denominator_figure="T", zero_denominator=zero),
            leaf(
                "B",
                7,
                "ratio",
                denominator_figure="T",
                mode="bands",
                bands=[{"at_least": D(50), "points": D(3)}, {"at_least": D(90), "points": D(7)}],
                zero_denominator=zero,
            ),
        ),
        figures=[{"code": "T", "name": "Tổng"}],
    )
    plain = make_set(
        group(
            "G",
            leaf("A", 10, "ratio", zero_denominator=zero),
            leaf(
                "B",
                7,
                "ratio",
                mode="bands",
                bands=[{"at_least": D(50), "points": D(3)}, {"at_least": D(90), "points": D(7)}],
                zero_denominator=zero,
            ),
        ),
    )
    nums = [min(share, staff) for share in shares]
    one = score_unit(
        shared,
        unit("U", {"A": Number(D(nums[0])), "B": Number(D(nums[1]))}, figures={"T": D(staff)}),
    )
    other = score_unit(
        plain, unit("U", {"A": Ratio(D(nums[0]), D(staff)), "B": Ratio(D(nums[1]), D(staff))})
    )
    assert (one.points, one.max_points, one.share) == (other.points, other.max_points, other.share)
    assert [r.explanation for r in one.walk()] == [r.explanation for r in other.walk()]


@settings(max_examples=40, deadline=None)
@given(staff=st.integers(min_value=0, max_value=100), extra=st.integers(min_value=1, max_value=50))
def test_any_numerator_above_the_shared_denominator_is_refused(staff, extra):
    with pytest.raises(AnswerError, match="above the shared figure"):
        score_unit(
            staff_set(),
            unit("A", {"UD2": Number(D(staff + extra))}, figures={"TONG_CBCCVC": D(staff)}),
        )


# --- the file format --------------------------------------------------------------------

SHARED_YAML = """\
format: egovrank/criteria-set/1
id: shared
title: Shared figures
figures:
  - code: TONG_CBCCVC
    name: Tổng số CBCCVC
    name_en: Total staff
  - code: HO_SO
    name: Tổng số hồ sơ TTHC
    origin: system
    origin_system: Cổng Dịch vụ công quốc gia
nodes:
  - code: HT1
    name: Tỷ lệ CBCCVC có máy tính
    max_points: 10
    rule: {kind: ratio, numerator: Số CBCCVC có máy tính, denominator_figure: TONG_CBCCVC}
  - code: DVC3
    name: Tỷ lệ hồ sơ trực tuyến
    max_points: 10
    origin: automatic
    rule: {kind: ratio, denominator_figure: HO_SO}
"""


def test_figures_and_origins_round_trip_through_yaml():
    criteria_set = loads_criteria_set(SHARED_YAML)
    assert [f.code for f in criteria_set.figures] == ["TONG_CBCCVC", "HO_SO"]
    assert criteria_set.figure("HO_SO").origin_system == "Cổng Dịch vụ công quốc gia"
    assert criteria_set.node("DVC3").origin == "automatic"
    assert criteria_set.figure_users("TONG_CBCCVC") == ("HT1",)
    again = loads_criteria_set(dump_criteria_set(criteria_set))
    assert again.figures == criteria_set.figures
    assert again.nodes == criteria_set.nodes


BROKEN_YAML = """\
format: egovrank/criteria-set/1
id: broken
title: Broken
figures:
  - code: TONG
    name: Tổng
    origin_system: Cổng
  - code: UNUSED
    name: Không dùng
  - code: HT1
    name: Trùng mã
nodes:
  - code: HT1
    name: HT1
    max_points: 10
    rule: {kind: ratio, denominator_figure: TONG}
  - code: HT2
    name: HT2
    max_points: 10
    rule: {kind: ratio, numerator_figure: NOPE}
"""


def test_every_problem_with_figures_is_listed_with_its_line_and_code():
    with pytest.raises(CriteriaFileError) as refused:
        loads_criteria_set(BROKEN_YAML, "broken.yaml")
    found = {(p.where, p.code, p.field): p.message for p in refused.value.problems}
    assert len(found) == 5, refused.value
    assert "only with origin: system" in found[("broken.yaml, line 7", "TONG", "origin_system")]
    assert "used by no criterion" in found[("broken.yaml, line 8", "UNUSED", "code")]
    assert "duplicate code" in found[("broken.yaml, line 13", "HT1", "code")]
    assert "line 10" in found[("broken.yaml, line 13", "HT1", "code")]
    assert "'NOPE'" in found[("broken.yaml, line 20", "HT2", "rule.numerator_figure")]
    assert "used by no criterion" in found[("broken.yaml, line 10", "HT1", "code")]


def test_a_system_origin_without_its_system_is_refused_by_the_schema():
    text = SHARED_YAML.replace("    origin_system: Cổng Dịch vụ công quốc gia\n", "")
    with pytest.raises(CriteriaFileError) as refused:
        loads_criteria_set(text, "s.yaml")
    [problem] = refused.value.problems
    assert problem.where == "s.yaml, line 8"  # the figure HO_SO
    assert "'origin_system' is a required property" in problem.message


def test_a_set_without_figures_describes_itself_as_before():
    criteria_set = make_set(group("G", leaf("A", 10, "ratio")))
    assert criteria_set.figures == ()
    assert "figures" not in dump_criteria_set(criteria_set)
    assert "origin" not in dump_criteria_set(criteria_set)
