import pytest

from egovrank.scoring.answers import NA, AnswerError, Number, YesNo
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.rules import YesNoRule

from .builders import D, entry_problem, leaf, make_set, unit


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


def test_a_form_entry_reads_as_yes_or_no_and_nothing_entered_as_no_answer():
    rule = YesNoRule()
    assert rule.input_kind == "yes_no"
    assert rule.read_entry("C1", " có ", D(10)) == YesNo(True)
    assert rule.read_entry("C1", "no", D(10)) == YesNo(False)
    assert rule.read_entry("C1", "  ", D(10)) is None


def test_a_form_entry_of_na_needs_a_criterion_that_may_not_apply():
    assert entry_problem(YesNoRule(), "na") == ("cannot_be_not_applicable", {})
    assert YesNoRule().read_entry("C1", "na", D(10), allow_na=True) is NA


def test_a_criterion_marked_not_applicable_on_the_form_is_na_where_allowed():
    rule = YesNoRule()
    assert rule.read_entry("C1", "yes", D(10), not_applicable=True, allow_na=True) is NA
    assert entry_problem(rule, "yes", not_applicable=True) == ("cannot_be_not_applicable", {})


def test_other_text_on_a_form_is_refused_in_the_cores_words():
    with pytest.raises(AnswerError, match="C1: expected yes or no, got 'maybe'"):
        YesNoRule().read_entry("C1", "maybe", D(10))


def test_a_reviewer_finding_weaker_evidence_sets_yes_to_no():
    rule = YesNoRule()
    assert rule.weaker_entry("yes") == "no"
    assert rule.weaker_entry("no") is None
