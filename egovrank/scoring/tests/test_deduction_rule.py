from egovrank.scoring.answers import Number
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.rules import DeductionRule

from .builders import D, entry_problem, leaf, make_set, unit


def score(cs, count):
    return score_unit(cs, unit("u", {"C1": Number(D(count))})).node("C1")


def test_each_counted_item_is_deducted_from_the_maximum():
    cs = make_set(leaf("C1", 15, "deduction", per_item=D(5), label="báo cáo chậm"))
    assert score(cs, 0).points == D(15)
    result = score(cs, 2)
    assert result.points == D(5)
    assert render(result.explanation) == "15 − 2 × 5 → 5/15"


def test_deductions_stop_at_zero():
    cs = make_set(leaf("C1", 15, "deduction", per_item=D(5)))
    assert score(cs, 4).points == D(0)


def test_a_count_of_deducted_items_entered_on_a_form_is_a_whole_number():
    rule = DeductionRule(per_item=D(5))
    assert rule.input_kind == "number"
    assert rule.read_entry("C1", " 2 ", D(15)) == Number(D(2))
    assert entry_problem(rule, "1,5") == ("whole_number", {})
