import pytest

from egovrank.scoring.answers import AnswerError, Number, YesNo
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.rules import YesNoRule

from .builders import D, leaf, make_set, unit


def test_yes_gives_the_maximum_and_no_gives_zero():
    cs = make_set(leaf("C1", 10, "yes_no"))
    assert score_unit(cs, unit("u", {"C1": YesNo(True)})).points == D(10)
    assert score_unit(cs, unit("u", {"C1": YesNo(False)})).points == D(0)


def test_yes_and_no_points_can_be_set():
    cs = make_set(leaf("C1", 10, "yes_no", yes_points=D(8), no_points=D(2)))
    assert score_unit(cs, unit("u", {"C1": YesNo(True)})).points == D(8)
    assert score_unit(cs, unit("u", {"C1": YesNo(False)})).points == D(2)


def test_the_explanation_says_the_answer_and_the_points():
    cs = make_set(leaf("C1", 10, "yes_no"))
    result = score_unit(cs, unit("u", {"C1": YesNo(True)})).node("C1")
    assert render(result.explanation) == "Có → 10/10"
    assert render(result.explanation, "en") == "Yes → 10/10"


@pytest.mark.parametrize("text", ["yes", "Có", "co", "x", "1", "true"])
def test_it_reads_yes_in_either_language(text):
    assert YesNoRule().parse("C1", text) == YesNo(True)


@pytest.mark.parametrize("text", ["no", "Không", "0", "false"])
def test_it_reads_no_in_either_language(text):
    assert YesNoRule().parse("C1", text) == YesNo(False)


def test_it_refuses_other_text_naming_the_criterion():
    with pytest.raises(AnswerError, match="C1: expected yes or no"):
        YesNoRule().parse("C1", "maybe")


def test_it_refuses_a_figure():
    cs = make_set(leaf("C1", 10, "yes_no"))
    with pytest.raises(AnswerError):
        score_unit(cs, unit("u", {"C1": Number(D(3))}))
