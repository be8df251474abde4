import pytest

from egovrank.scoring.answers import NA, AnswerError, Ratio
from egovrank.scoring.engine import score_unit
from egovrank.scoring.explain import render
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.rules import RatioRule

from .builders import D, entry_problem, leaf, make_set, unit

BANDS = [
    {"at_least": D(50), "points": D(7)},
    {"at_least": D(80), "points": D(9)},
    {"at_least": D(100), "points": D(10)},
]


def score(cs, answer):
    return score_unit(cs, unit("u", {"C1": answer})).node("C1")


def test_proportional_points_are_the_ratio_times_the_maximum():
    cs = make_set(leaf("C1", 20, "ratio", mode="proportional"))
    result = score(cs, Ratio(D(45), D(50)))
    assert result.points == D(18)
    assert render(result.explanation) == "45/50 = 90% × 20 → 18/20"


def test_proportional_points_are_rounded_half_up_to_two_places():
    cs = make_set(leaf("C1", 10, "ratio", mode="proportional"))
    assert score(cs, Ratio(D(1), D(3))).points == D("3.33")
    assert score(cs, Ratio(D(2), D(3))).points == D("6.67")
    assert score(cs, Ratio(D(1), D(8))).points == D("1.25")
    assert score(cs, Ratio(D(1), D(16))).points == D("0.63")  # 0.625 -> 0.63


def test_a_ratio_above_one_counts_as_one():
    cs = make_set(leaf("C1", 10, "ratio", mode="proportional"))
    result = score(cs, Ratio(D(120), D(100)))
    assert result.points == D(10)
    assert "tính 100%" in render(result.explanation)


def test_bands_give_the_points_of_the_highest_band_reached():
    cs = make_set(leaf("C1", 10, "ratio", mode="bands", bands=BANDS))
    result = score(cs, Ratio(D("65.3"), D(100)))
    assert result.points == D(7)
    assert render(result.explanation) == "65,3/100 = 65,3% ≥ 50% → 7/10"
    assert score(cs, Ratio(D(80), D(100))).points == D(9)
    assert score(cs, Ratio(D(100), D(100))).points == D(10)


def test_a_band_is_reached_only_by_the_exact_ratio_not_its_rounding():
    cs = make_set(leaf("C1", 10, "ratio", mode="bands", bands=BANDS))
    # 7999/10000 = 79.99% and 1999999/2500000 = 79.99996% (shown 80%) are both below 80%.
    assert score(cs, Ratio(D(7999), D(10000))).points == D(7)
    assert score(cs, Ratio(D(1999999), D(2500000))).points == D(7)


def test_below_the_lowest_band_gives_zero():
    cs = make_set(leaf("C1", 10, "ratio", mode="bands", bands=BANDS))
    result = score(cs, Ratio(D(49), D(100)))
    assert result.points == D(0)
    assert "dưới mức thấp nhất" in render(result.explanation)


def test_a_zero_denominator_is_refused_by_default():
    cs = make_set(leaf("C1", 10, "ratio"))
    with pytest.raises(AnswerError, match="denominator must not be 0"):
        score(cs, Ratio(D(0), D(0)))


def test_a_zero_denominator_can_mean_zero_full_or_not_applicable():
    zero = make_set(leaf("C1", 10, "ratio", zero_denominator="zero"))
    full = make_set(leaf("C1", 10, "ratio", zero_denominator="full"))
    na = make_set(
        leaf("C1", 10, "ratio", zero_denominator="not_applicable"), leaf("C2", 10, "yes_no")
    )
    assert score(zero, Ratio(D(0), D(0))).points == D(0)
    assert score(full, Ratio(D(0), D(0))).points == D(10)
    result = score_unit(na, unit("u", {"C1": Ratio(D(0), D(0))}))
    assert not result.node("C1").applicable
    assert result.max_points == D(10)


def test_negative_figures_are_refused():
    cs = make_set(leaf("C1", 10, "ratio"))
    with pytest.raises(AnswerError, match="must not be negative"):
        score(cs, Ratio(D(-1), D(10)))


def test_it_reads_a_over_b_with_either_decimal_separator():
    assert RatioRule().parse("C1", "45/50") == Ratio(D(45), D(50))
    assert RatioRule().parse("C1", "12,5 / 50") == Ratio(D("12.5"), D(50))
    assert RatioRule().parse("C1", "na") is NA
    with pytest.raises(AnswerError, match="A/B"):
        RatioRule().parse("C1", "45")


def test_bands_must_ascend_and_stay_within_the_maximum():
    with pytest.raises(CriteriaFileError) as caught:
        make_set(
            leaf(
                "C1",
                10,
                "ratio",
                mode="bands",
                bands=[{"at_least": D(80), "points": D(9)}, {"at_least": D(50), "points": D(12)}],
            )
        )
    text = str(caught.value)
    assert "ascending" in text
    assert "between 0 and the criterion's maximum" in text


def test_the_two_figures_of_a_form_read_as_a_ratio():
    rule = RatioRule("Số TTHC trực tuyến", "Tổng số TTHC")
    assert rule.input_kind == "ratio"
    assert rule.figure_labels == ("Số TTHC trực tuyến", "Tổng số TTHC")
    assert rule.read_entry("C1", "45/50", D(10)) == Ratio(D(45), D(50))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("45/", ("both_figures", {})),
        ("45", ("both_figures", {})),
        ("x/50", ("not_a_number", {"what": "first_figure"})),
        ("45/-1", ("negative", {"what": "second_figure"})),
        ("45/0", ("zero_denominator", {})),
    ],
)
def test_a_form_ratio_needs_both_figures_not_negative_and_a_denominator(text, problem):
    assert entry_problem(RatioRule(), text) == problem


def test_a_zero_denominator_is_read_where_the_criterion_says_what_it_means():
    assert RatioRule(zero_denominator="zero").read_entry("C1", "0/0", D(10)) == Ratio(D(0), D(0))


def test_a_reviewer_finding_weaker_evidence_counts_a_quarter_fewer_items():
    rule = RatioRule(mode="proportional")
    assert rule.weaker_entry("40/50") == "30/50"
    assert rule.weaker_entry("0/50") is None  # nothing lower
    assert rule.weaker_entry("") is None
