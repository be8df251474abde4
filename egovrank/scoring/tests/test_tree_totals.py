import pytest

from egovrank.scoring.answers import NA, AnswerError, Points, YesNo
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.fileformat.problems import CriteriaFileError

from .builders import D, group, leaf, make_set, unit


def test_a_group_sums_its_children():
    cs = make_set(group("G", leaf("A", 10, "yes_no"), leaf("B", 5, "yes_no")))
    result = score_unit(cs, unit("u", {"A": YesNo(True), "B": YesNo(True)}))
    assert result.node("G").points == D(15)
    assert result.points == D(15)
    assert result.max_points == D(15)


def test_capped_subcriterion_cannot_exceed_parent_points():
    cs = make_set(
        group("G", leaf("A", 30, "manual"), leaf("B", 30, "manual"), max_points=50),
    )
    result = score_unit(cs, unit("u", {"A": Points(D(30)), "B": Points(D(30))}))
    assert result.node("G").points == D(50)
    assert result.max_points == D(50)
    assert render(result.node("G").explanation) == "Tổng 60 vượt mức tối đa 50 → 50/50"


def test_caps_apply_at_every_depth():
    cs = make_set(
        group(
            "G",
            group("G1", leaf("A", 8, "manual"), leaf("B", 8, "manual"), max_points=10),
            leaf("C", 10, "manual"),
            max_points=15,
        )
    )
    result = score_unit(cs, unit("u", {"A": Points(D(8)), "B": Points(D(8)), "C": Points(D(10))}))
    assert result.node("G1").points == D(10)
    assert result.node("G").points == D(15)


def test_a_not_applicable_criterion_leaves_the_units_maximum():
    cs = make_set(leaf("A", 10, "yes_no", allow_na=True), leaf("B", 40, "yes_no"))
    result = score_unit(cs, unit("u", {"A": NA, "B": YesNo(True)}))
    assert result.max_points == D(40)
    assert result.points == D(40)
    assert result.share == 1
    assert (
        render(result.node("A").explanation) == "Không áp dụng: loại 10 điểm khỏi tổng điểm tối đa"
    )


def test_a_group_whose_children_all_do_not_apply_does_not_apply():
    cs = make_set(
        group("G", leaf("A", 10, "yes_no", allow_na=True), leaf("B", 10, "yes_no", allow_na=True)),
        leaf("C", 30, "yes_no"),
    )
    result = score_unit(cs, unit("u", {"A": NA, "B": NA, "C": YesNo(False)}))
    assert not result.node("G").applicable
    assert result.max_points == D(30)


def test_a_whole_group_can_be_marked_not_applicable_when_allowed():
    cs = make_set(
        group("G", leaf("A", 10, "yes_no"), leaf("B", 10, "yes_no"), allow_na=True),
        leaf("C", 30, "yes_no"),
    )
    result = score_unit(cs, unit("u", {"G": NA, "C": YesNo(True)}))
    assert result.max_points == D(30)
    assert result.level.code == "tot"


def test_not_applicable_is_refused_where_the_set_does_not_allow_it():
    cs = make_set(leaf("A", 10, "yes_no"))
    with pytest.raises(AnswerError, match="cannot be not applicable"):
        score_unit(cs, unit("u", {"A": NA}))


def test_a_capped_group_keeps_its_cap_when_a_child_does_not_apply():
    cs = make_set(
        group("G", leaf("A", 30, "manual", allow_na=True), leaf("B", 30, "manual"), max_points=50)
    )
    result = score_unit(cs, unit("u", {"A": NA, "B": Points(D(30))}))
    assert result.node("G").max_points == D(30)  # min(cap 50, applicable 30)
    assert result.share == 1


def test_an_unanswered_criterion_scores_zero_of_its_maximum():
    cs = make_set(leaf("A", 10, "yes_no"), leaf("B", 10, "yes_no"))
    result = score_unit(cs, unit("u", {"A": YesNo(True)}))
    assert result.points == D(10)
    assert result.max_points == D(20)
    assert render(result.node("B").explanation) == "Chưa trả lời → 0/10"


def test_answers_to_unknown_criteria_are_refused():
    cs = make_set(leaf("A", 10, "yes_no"))
    with pytest.raises(AnswerError, match="no such criterion"):
        score_unit(cs, unit("u", {"Z": YesNo(True)}))


def test_a_group_cannot_take_an_answer_of_its_own():
    cs = make_set(group("G", leaf("A", 10, "yes_no")))
    with pytest.raises(AnswerError, match="is a group"):
        score_unit(cs, unit("u", {"G": YesNo(True)}))


def test_a_group_maximum_its_children_cannot_reach_is_refused_when_loading():
    with pytest.raises(CriteriaFileError, match="add up to 20, less than this maximum 50"):
        make_set(group("G", leaf("A", 10, "yes_no"), leaf("B", 10, "yes_no"), max_points=50))


def test_the_declared_total_must_match_the_tree():
    with pytest.raises(CriteriaFileError, match="the tree totals 10, not the declared 500"):
        make_set(leaf("A", 10, "yes_no"), max_total=D(500))


def test_codes_must_be_unique_within_a_set():
    with pytest.raises(CriteriaFileError, match="duplicate code"):
        make_set(group("G", leaf("A", 10, "yes_no")), leaf("A", 10, "yes_no"))
