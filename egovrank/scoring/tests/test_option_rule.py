import pytest

from egovrank.scoring.answers import AnswerError, Choice
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.rules import Option, OptionRule

from .builders import D, entry_problem, leaf, make_set, unit

OPTIONS = [
    {"code": "A", "label": "Bí thư hoặc Chủ tịch", "points": D(10)},
    {"code": "B", "label": "Phó Chủ tịch", "points": D(5)},
    {"code": "C", "label": "Không có", "points": D(0)},
]


def test_the_chosen_option_gives_its_points():
    cs = make_set(leaf("C1", 10, "option", options=OPTIONS))
    result = score_unit(cs, unit("u", {"C1": Choice("B")})).node("C1")
    assert result.points == D(5)
    assert render(result.explanation) == "Phương án B (Phó Chủ tịch) → 5/10"


def test_option_codes_are_matched_without_regard_to_case():
    cs = make_set(leaf("C1", 10, "option", options=OPTIONS))
    assert score_unit(cs, unit("u", {"C1": Choice("a")})).points == D(10)


def test_an_unknown_option_is_refused_with_the_known_ones():
    cs = make_set(leaf("C1", 10, "option", options=OPTIONS))
    with pytest.raises(AnswerError, match="expected one of A, B, C"):
        score_unit(cs, unit("u", {"C1": Choice("D")}))


def test_an_option_worth_more_than_the_maximum_is_refused_when_loading():
    bad = [*OPTIONS, {"code": "X", "label": "Too much", "points": D(11)}]
    with pytest.raises(CriteriaFileError, match="options.3.points"):
        make_set(leaf("C1", 10, "option", options=bad))


def test_duplicate_option_codes_are_refused_when_loading():
    bad = [*OPTIONS, {"code": "a", "label": "Again", "points": D(1)}]
    with pytest.raises(CriteriaFileError, match="duplicate option"):
        make_set(leaf("C1", 10, "option", options=bad))


def test_an_option_chosen_on_a_form_must_be_one_of_the_options():
    rule = OptionRule((Option("A", "Có", D(10)), Option("B", "Không", D(0))))
    assert rule.input_kind == "option"
    assert rule.read_entry("C1", "b", D(10)) == Choice("b")
    assert rule.find("b") == Option("B", "Không", D(0))
    assert entry_problem(rule, "C") == ("unknown_option", {})
