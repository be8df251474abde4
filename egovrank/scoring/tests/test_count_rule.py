import pytest

from egovrank.scoring.answers import AnswerError, Number
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.rules import CountRule

from .builders import D, entry_problem, leaf, make_set, unit

MEETINGS = [
    {"at_least": D(1), "points": D(5)},
    {"at_least": D(2), "points": D(10)},
    {"at_least": D(3), "points": D(15)},
    {"at_least": D(4), "points": D(20)},
]


def score(cs, count):
    return score_unit(cs, unit("u", {"C1": Number(D(count))})).node("C1")


def test_a_step_table_gives_the_points_of_the_highest_step_reached():
    cs = make_set(leaf("C1", 20, "count", mode="bands", bands=MEETINGS, label="cuộc họp"))
    assert [score(cs, n).points for n in (0, 1, 2, 3, 4, 9)] == [
        D(p) for p in (0, 5, 10, 15, 20, 20)
    ]
    assert render(score(cs, 3).explanation) == "3 ≥ 3 → 15/20"


def test_points_per_item_are_capped_at_the_maximum():
    cs = make_set(leaf("C1", 10, "count", mode="per_item", per_item=D(2)))
    assert score(cs, 4).points == D(8)
    capped = score(cs, 6)
    assert capped.points == D(10)
    assert render(capped.explanation) == "6 × 2 = 12, tối đa 10 → 10/10"


def test_a_count_must_be_a_whole_non_negative_number():
    cs = make_set(leaf("C1", 10, "count", mode="per_item", per_item=D(2)))
    with pytest.raises(AnswerError, match="whole number"):
        score(cs, "2.5")
    with pytest.raises(AnswerError, match="negative"):
        score(cs, -1)


def test_a_count_entered_on_a_form_is_a_whole_number():
    rule = CountRule(bands=(), mode="per_item", per_item=D(2))
    assert rule.input_kind == "number"
    assert rule.read_entry("C1", "3", D(10)) == Number(D(3))
    assert entry_problem(rule, "2,5") == ("whole_number", {})
    assert entry_problem(rule, "-2") == ("negative", {"what": "figure"})
