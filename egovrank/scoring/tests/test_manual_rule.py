import pytest

from egovrank.scoring.answers import AnswerError, Points
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.fileformat.problems import CriteriaFileError

from .builders import D, leaf, make_set, unit


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
