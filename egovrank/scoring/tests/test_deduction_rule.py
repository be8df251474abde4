from egovrank.scoring.answers import Number
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render

from .builders import D, leaf, make_set, unit


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
