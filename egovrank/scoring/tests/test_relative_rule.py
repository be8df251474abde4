import pytest

from egovrank.scoring.answers import AnswerError, Number, Ratio
from egovrank.scoring.engine import best_figures, score_block, score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.rules import RelativeRule

from .builders import D, entry_problem, leaf, make_set, unit


def test_points_are_the_figure_over_the_best_figure_of_the_block():
    cs = make_set(leaf("C1", 25, "relative_to_best"))
    block = score_block(
        cs,
        [
            unit("a", {"C1": Number(D(80))}),
            unit("b", {"C1": Number(D(120))}),
            unit("c", {"C1": Number(D(0))}),
        ],
    )
    assert block.row("b").score.points == D(25)
    a = block.row("a").score
    assert a.points == D("16.67")
    assert render(a.node("C1").explanation) == "80 / 120 (cao nhất khối) × 25 → 16,67/25"
    assert block.row("c").score.points == D(0)


def test_a_ratio_figure_is_compared_exactly_across_the_block():
    cs = make_set(leaf("C1", 30, "relative_to_best", input="ratio"))
    block = score_block(
        cs, [unit("a", {"C1": Ratio(D(45), D(60))}), unit("b", {"C1": Ratio(D(9), D(10))})]
    )
    a = block.row("a").score
    assert a.points == D(25)  # 75% / 90% × 30
    assert render(a.node("C1").explanation) == "75% / 90% (cao nhất khối) × 30 → 25/30"


def test_units_that_did_not_submit_do_not_set_the_best_figure():
    cs = make_set(leaf("C1", 10, "relative_to_best"))
    units = [unit("a", {"C1": Number(D(50))}), unit("b", {"C1": Number(D(500))}, submitted=False)]
    assert best_figures(cs, units)["C1"] == (D(50), D(1))
    assert score_block(cs, units).row("a").score.points == D(10)


def test_when_every_figure_is_zero_everyone_gets_zero():
    cs = make_set(leaf("C1", 10, "relative_to_best"))
    block = score_block(cs, [unit("a", {"C1": Number(D(0))}), unit("b", {"C1": Number(D(0))})])
    assert block.row("a").score.points == D(0)
    assert "cả khối đều bằng 0" in render(block.row("a").score.node("C1").explanation)


def test_scoring_one_unit_alone_needs_the_block_figures():
    cs = make_set(leaf("C1", 10, "relative_to_best"))
    with pytest.raises(ValueError, match="best figure"):
        score_unit(cs, unit("a", {"C1": Number(D(5))}))
    best = best_figures(cs, [unit("x", {"C1": Number(D(10))})])
    assert score_unit(cs, unit("a", {"C1": Number(D(5))}), best).points == D(5)


def test_a_figure_entered_on_a_form_is_a_number_not_below_zero():
    rule = RelativeRule()
    assert rule.input_kind == "number"
    assert rule.read_entry("C1", "12,5", D(25)) == Number(D("12.5"))
    assert entry_problem(rule, "-1") == ("negative", {"what": "figure"})


def test_a_ratio_entered_on_a_form_takes_two_figures():
    rule = RelativeRule(input="ratio", numerator_label="Mbps", denominator_label="CBCC")
    assert rule.input_kind == "ratio"
    assert rule.figure_labels == ("Mbps", "CBCC")
    assert rule.read_entry("C1", "300/60", D(25)) == Ratio(D(300), D(60))
    assert entry_problem(rule, "300/") == ("both_figures", {})
    with pytest.raises(AnswerError, match="the denominator must not be 0"):
        rule.read_entry("C1", "300/0", D(25))
