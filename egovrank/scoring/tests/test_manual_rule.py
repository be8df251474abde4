import pytest

from egovrank.scoring.answers import AnswerError, Points
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.rules import ManualRule

from .builders import D, entry_problem, leaf, make_set, unit


def test_entered_points_are_taken_as_they_are():
    cs = make_set(leaf("C1", 10, "manual", step=D("0.5")))
    result = score_unit(cs, unit("u", {"C1": Points(D("7.5"))}))
    assert result.points == D("7.5")
    assert render(result.node("C1").explanation) == "Nhập 7,5 điểm → 7,5/10"


def test_points_above_the_maximum_are_refused():
    cs = make_set(leaf("C1", 10, "manual"))
    with pytest.raises(AnswerError, match="between 0 and 10"):
        score_unit(cs, unit("u", {"C1": Points(D("10.01"))}))


def test_negative_points_are_refused():
    cs = make_set(leaf("C1", 10, "manual"))
    with pytest.raises(AnswerError):
        score_unit(cs, unit("u", {"C1": Points(D("-1"))}))


def test_points_off_the_step_are_refused():
    cs = make_set(leaf("C1", 10, "manual", step=D("0.5")))
    with pytest.raises(AnswerError, match="multiple of 0.5"):
        score_unit(cs, unit("u", {"C1": Points(D("7.25"))}))


def test_a_step_that_does_not_divide_the_maximum_is_refused_when_loading():
    with pytest.raises(CriteriaFileError, match="multiple of the step"):
        make_set(leaf("C1", 10, "manual", step=D("3")))


def test_points_entered_on_a_form_are_read_within_the_maximum_and_the_step():
    rule = ManualRule(step=D("0.5"))
    assert rule.input_kind == "number"
    assert rule.read_entry("C1", "7,5", D(10)) == Points(D("7.5"))
    assert entry_problem(rule, "10,5") == ("points_above_maximum", {"maximum": D(10)})
    assert entry_problem(rule, "7,25") == ("points_off_step", {"step": D("0.5")})


def test_points_on_a_form_must_be_a_number_not_below_zero():
    assert entry_problem(ManualRule(), "-1") == ("negative", {"what": "figure"})
    assert entry_problem(ManualRule(), "1.234,5") == ("not_a_number", {"what": "figure"})
