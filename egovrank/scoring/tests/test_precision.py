"""Precision and rounding as data of a set (``scoring:``), levels with strict bounds or none,
the converted score, the order of tied units and units evaluated but not ranked."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovrank.scoring.answers import Points, Ratio
from egovrank.scoring.engine import score_block, score_unit
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.numbers import Precision
from egovrank.scoring.ranking import Standing, rank

from .builders import D, group, leaf, make_set, unit

FOUR_LEVELS = [
    {"code": "muc4", "name": "Mức IV", "name_en": "Level IV", "min_percent": D(75), "strict": True},
    {"code": "muc3", "name": "Mức III", "name_en": "Level III", "min_percent": D(50)},
    {"code": "muc2", "name": "Mức II", "name_en": "Level II", "min_percent": D(25)},
    {"code": "muc1", "name": "Mức I", "name_en": "Level I", "min_percent": D(0)},
]

fractions = st.fractions(min_value=0, max_value=1000, max_denominator=997)
places = st.integers(min_value=0, max_value=3)


@given(fractions, places)
def test_truncate_never_exceeds_half_up_and_is_less_than_one_step_below(value, n):
    truncated = Precision(rounding="truncate").round_fraction(value, n)
    half_up = Precision(rounding="half_up").round_fraction(value, n)
    step = Fraction(1, 10**n)
    assert truncated <= half_up
    assert Fraction(truncated) <= value < Fraction(truncated) + step
    assert abs(Fraction(half_up) - value) <= step / 2


ratios = st.tuples(st.integers(0, 600), st.integers(1, 600)).map(lambda t: (min(t[0], t[1]), t[1]))


def ratio_set(count: int, **scoring: object):
    leaves = [leaf(f"R{i}", 10, "ratio") for i in range(count)]
    return make_set(group("G", *leaves, max_points=None), scoring=scoring)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(ratios, min_size=1, max_size=6),
    places,
    st.sampled_from(["half_up", "truncate"]),
)
def test_round_at_total_equals_rounding_the_exact_sum(figures, n, mode):
    cs = ratio_set(len(figures), points_decimals=n, rounding=mode, round_at="total")
    answers = {f"R{i}": Ratio(D(a), D(b)) for i, (a, b) in enumerate(figures)}
    score = score_unit(cs, unit("u", answers))
    exact = sum((Fraction(a, b) * 10 for a, b in figures), Fraction(0))
    assert score.points == Precision(rounding=mode).round_fraction(exact, n)


def test_round_at_total_is_exact_on_a_rounding_boundary():
    # 1/3 + 2/3 of 10 points: 10 exactly, though each quotient is 3.33… and 6.66…
    cs = ratio_set(2, points_decimals=0, rounding="truncate", round_at="total")
    score = score_unit(cs, unit("u", {"R0": Ratio(D(1), D(3)), "R1": Ratio(D(2), D(3))}))
    assert score.points == 10


@settings(max_examples=60, deadline=None)
@given(st.lists(ratios, min_size=1, max_size=6), places, st.sampled_from(["half_up", "truncate"]))
def test_round_at_criterion_sums_the_rounded_criteria(figures, n, mode):
    cs = ratio_set(len(figures), points_decimals=n, rounding=mode)
    answers = {f"R{i}": Ratio(D(a), D(b)) for i, (a, b) in enumerate(figures)}
    score = score_unit(cs, unit("u", answers))
    rounding = Precision(rounding=mode)
    expected = sum(
        (rounding.round_fraction(Fraction(a, b) * 10, n) for a, b in figures), Decimal(0)
    )
    assert score.points == expected
    assert score.node("R0").points == rounding.round_fraction(
        Fraction(figures[0][0], figures[0][1]) * 10, n
    )


def test_without_a_scoring_block_points_are_rounded_half_up_to_two_places_per_criterion():
    plain = ratio_set(2)
    explicit = ratio_set(
        2, points_decimals=2, percent_decimals=2, rounding="half_up", round_at="criterion"
    )
    answers = {"R0": Ratio(D(1), D(3)), "R1": Ratio(D(1), D(3))}
    assert score_unit(plain, unit("u", answers)).points == D("6.66")
    assert score_unit(explicit, unit("u", answers)).points == D("6.66")


def test_truncated_percent_and_three_decimal_points():
    cs = ratio_set(1, points_decimals=3, percent_decimals=1, rounding="truncate")
    score = score_unit(cs, unit("u", {"R0": Ratio(D(2), D(3))}))
    assert score.points == D("6.666")
    assert score.percent == D("66.6")
    assert score.percent_text("vi") == "66,6%"


@given(st.integers(0, 10_000))
def test_a_strict_bound_is_passed_only_above_the_threshold(hundredths):
    cs = make_set(leaf("A", 100, "manual", step=D("0.01")), levels=FOUR_LEVELS)
    points = Decimal(hundredths).scaleb(-2)
    level = score_unit(cs, unit("u", {"A": Points(points)})).level
    assert level is not None
    assert (level.code == "muc4") == (points > 75)


def test_exactly_75_percent_is_below_a_strict_75_percent_bound():
    cs = make_set(leaf("A", 100, "manual"), levels=FOUR_LEVELS)
    assert score_unit(cs, unit("u", {"A": Points(D(75))})).level_name() == "Mức III"
    assert score_unit(cs, unit("u", {"A": Points(D(76))})).level_name("en") == "Level IV"


def test_an_index_without_levels_ranks_and_gives_no_level():
    cs = make_set(leaf("A", 100, "manual"), levels=[])
    block = score_block(cs, [unit("a", {"A": Points(D(40))}), unit("b", {"A": Points(D(60))})])
    assert [(row.unit.code, row.rank, row.score.level) for row in block.rows] == [
        ("b", 1, None),
        ("a", 2, None),
    ]
    assert block.rows[0].score.level_name() == ""


def test_the_converted_score_is_the_exact_share_times_the_scale():
    cs = make_set(leaf("A", 500, "manual"), scoring={"converted_scale": 100})
    score = score_unit(cs, unit("u", {"A": Points(D("424.99"))}))
    assert score.converted == D("85.00")  # 84.998 half up to two places
    assert score.level_name() == "Khá"  # the level is on the exact share
    assert score_unit(make_set(leaf("A", 500, "manual")), unit("u")).converted is None


def test_tied_units_follow_the_unit_list_when_the_set_says_so():
    answers = {"A": Points(D(5))}
    units = [unit("z", answers, name="Ý Yên"), unit("a", answers, name="An Thi")]
    alphabetical = score_block(make_set(leaf("A", 10, "manual")), units)
    listed = score_block(
        make_set(leaf("A", 10, "manual"), scoring={"tie_order": "unit_list"}), units
    )
    assert [(r.unit.code, r.rank) for r in alphabetical.rows] == [("a", 1), ("z", 1)]
    assert [(r.unit.code, r.rank) for r in listed.rows] == [("z", 1), ("a", 1)]


def test_tied_units_follow_their_position_in_the_unit_list_not_the_order_given():
    answers = {"A": Points(D(5))}
    units = [
        unit("a", answers, name="An Thi"),
        unit("m", answers, name="Mỹ Hào"),  # no position: after the listed ones
        unit("z", answers, name="Ý Yên", list_order=1),
        unit("k", answers, name="Khoái Châu", list_order=2),
        unit("b", {"A": Points(D(6))}, name="Bình", list_order=3),
    ]
    cs = make_set(leaf("A", 10, "manual"), scoring={"tie_order": "unit_list"})
    rows = score_block(cs, units).rows
    assert [(r.unit.code, r.rank) for r in rows] == [
        ("b", 1),
        ("z", 2),
        ("k", 2),
        ("a", 2),
        ("m", 2),
    ]
    # Alphabetical ignores the positions.
    alphabetical = score_block(make_set(leaf("A", 10, "manual")), units).rows
    assert [r.unit.code for r in alphabetical] == ["b", "a", "k", "m", "z"]


standings = st.lists(
    st.builds(
        Standing,
        code=st.text(alphabet="abcdefgh", min_size=1, max_size=4),
        name=st.sampled_from(["An", "Ân", "Bình", "Đông"]),
        share=st.fractions(min_value=0, max_value=1, max_denominator=6),
        submitted=st.booleans(),
        ranked=st.booleans(),
        list_order=st.none() | st.integers(min_value=1, max_value=30),
    ),
    max_size=20,
    unique_by=lambda s: s.code,
)


@given(standings, st.sampled_from(["alphabetical", "unit_list"]))
def test_units_not_ranked_never_shift_the_others_ranks(items, tie_order):
    with_all = {s.code: r for s, r in rank(items, tie_order)}
    only_ranked = {s.code: r for s, r in rank([s for s in items if s.ranked], tie_order)}
    for standing in items:
        if standing.ranked:
            assert with_all[standing.code] == only_ranked[standing.code]
        else:
            assert with_all[standing.code] is None


@given(standings)
def test_ranks_skip_after_ties_whatever_the_tie_order(items):
    for order in ("alphabetical", "unit_list"):
        ranked = [(s, r) for s, r in rank(items, order) if r is not None and s.submitted]
        for standing, position in ranked:
            higher = sum(1 for other, _ in ranked if other.share > standing.share)
            assert position == higher + 1


@given(standings)
def test_tied_units_under_unit_list_follow_their_positions_then_the_order_given(items):
    ordered = [s for s, _ in rank(items, "unit_list")]
    assert sorted(ordered, key=lambda s: s.code) == sorted(items, key=lambda s: s.code)
    given_at = {s.code: index for index, s in enumerate(items)}
    for first, second in zip(ordered, ordered[1:], strict=False):
        if (first.share, first.submitted, first.ranked) != (
            second.share,
            second.submitted,
            second.ranked,
        ) or not (first.submitted and first.ranked):
            continue
        if first.list_order is None:
            assert second.list_order is None
            assert given_at[first.code] < given_at[second.code]
        elif second.list_order is not None:
            assert first.list_order <= second.list_order
            if first.list_order == second.list_order:
                assert given_at[first.code] < given_at[second.code]


def test_a_unit_not_ranked_keeps_its_points_level_and_reason():
    cs = make_set(leaf("A", 100, "manual"), scoring={"converted_scale": 1000})
    units = [
        unit("a", {"A": Points(D(90))}, ranked=False, not_ranked_reason="Không có TTHC"),
        unit("b", {"A": Points(D(50))}),
    ]
    rows = {row.unit.code: row for row in score_block(cs, units).rows}
    assert rows["a"].rank is None and rows["a"].score.level_name() == "Tốt"
    assert rows["a"].score.converted == D(900)
    assert rows["a"].unit.not_ranked_reason == "Không có TTHC"
    assert rows["b"].rank == 1


def test_broken_scoring_and_levels_are_all_listed_with_their_place():
    with pytest.raises(CriteriaFileError) as caught:
        make_set(
            leaf("A", D("2.5"), "manual"),
            scoring={"points_decimals": 0, "rounding": "bankers", "percent_decimals": 9},
        )
    text = str(caught.value)
    assert "bankers" in text and "9" in text
    with pytest.raises(CriteriaFileError) as caught:
        make_set(leaf("A", D("2.5"), "manual"), scoring={"points_decimals": 0})
    assert "[A] max_points: points have at most 0 decimal places" in str(caught.value)
    strict_last = [*FOUR_LEVELS[:3], {**FOUR_LEVELS[3], "strict": True}]
    with pytest.raises(CriteriaFileError) as caught:
        make_set(leaf("A", 10, "manual"), levels=strict_last)
    assert "levels.3.strict" in str(caught.value) or "strict" in str(caught.value)
