"""Properties that must hold for every criteria set and every set of answers."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from egovrank.scoring.engine import UnitInput, score_block, score_unit
from egovrank.scoring.fileformat.yaml_io import dump_criteria_set, loads_criteria_set
from egovrank.scoring.levels import DEFAULT_LEVELS
from egovrank.scoring.ranking import Standing, rank

from .strategies import answers_for, cents, criteria_sets


@st.composite
def blocks(draw):
    criteria_set = draw(criteria_sets())
    size = draw(st.integers(1, 8))
    units = [
        UnitInput(
            code=f"U{i}",
            name=draw(
                st.sampled_from(["Sở An", "Sở Ăn", "Sở Đông", "Sở Dương", "Xã Ý Yên", "Xã Ia"])
            )
            + f" {i}",
            answers=draw(answers_for(criteria_set)),
            submitted=draw(st.integers(0, 5)) > 0,
        )
        for i in range(size)
    ]
    return criteria_set, units


@settings(max_examples=150, deadline=None)
@given(blocks())
def test_points_never_exceed_the_maximum_at_any_node(block):
    criteria_set, units = block
    for row in score_block(criteria_set, units).rows:
        score = row.score
        assert Decimal(0) <= score.points <= score.max_points <= criteria_set.max_total
        for result in score.walk():
            node = criteria_set.node(result.code)
            assert Decimal(0) <= result.points <= result.max_points <= node.full_max
            if node.max_points is not None and not node.is_leaf:
                assert result.points <= node.max_points


@settings(max_examples=150, deadline=None)
@given(blocks())
def test_totals_are_exact_decimals_with_at_most_two_places(block):
    criteria_set, units = block
    for row in score_block(criteria_set, units).rows:
        assert row.score.points == row.score.points.quantize(Decimal("0.01"))
        assert 0 <= row.score.share <= 1


@given(cents, cents, st.integers(1, 1000).map(Decimal))
def test_the_level_is_monotone_in_the_share(a, b, maximum):
    low, high = sorted((min(a, maximum), min(b, maximum)))
    order = [level.code for level in DEFAULT_LEVELS.levels]
    low_level = DEFAULT_LEVELS.classify(low, maximum)
    high_level = DEFAULT_LEVELS.classify(high, maximum)
    assert order.index(high_level.code) <= order.index(low_level.code)


standings = st.lists(
    st.builds(
        Standing,
        code=st.text(alphabet="abcdef", min_size=1, max_size=4),
        name=st.sampled_from(["An", "Ăn", "Ân", "Bình", "Đông", "Dương", "Ý Yên"]),
        share=st.fractions(min_value=0, max_value=1, max_denominator=50),
        submitted=st.booleans(),
        ranked=st.booleans(),
    ),
    max_size=25,
    unique_by=lambda s: s.code,
)


@given(standings, st.randoms(use_true_random=False))
def test_the_ranking_does_not_depend_on_input_order(items, rnd):
    shuffled = items[:]
    rnd.shuffle(shuffled)
    assert rank(items) == rank(shuffled)


@given(standings)
def test_a_units_rank_depends_only_on_the_shares(items):
    submitted = [s for s in items if s.submitted and s.ranked]
    for standing, position in rank(items):
        if not standing.ranked:
            assert position is None
        elif standing.submitted:
            assert position == 1 + sum(1 for other in submitted if other.share > standing.share)
        else:
            assert position == len(submitted) + 1


@given(standings)
def test_ranks_never_go_down_the_list(items):
    positions = [r for _, r in rank(items) if r is not None]
    assert positions == sorted(positions)


@settings(max_examples=100, deadline=None)
@given(criteria_sets())
def test_a_set_written_to_yaml_reads_back_equal(criteria_set):
    assert loads_criteria_set(dump_criteria_set(criteria_set)) == criteria_set


@settings(max_examples=100, deadline=None)
@given(blocks())
def test_a_unit_scored_alone_matches_the_unit_scored_in_its_block(block):
    criteria_set, units = block
    result = score_block(criteria_set, units)
    for row in result.rows:
        alone = score_unit(criteria_set, row.unit, result.best)
        assert (alone.points, alone.max_points, alone.level) == (
            row.score.points,
            row.score.max_points,
            row.score.level,
        )
        assert list(alone.walk()) == list(row.score.walk())
