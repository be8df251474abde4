from fractions import Fraction

from egovrank.scoring.answers import Points
from egovrank.scoring.engine import score_block
from egovrank.scoring.ranking import Standing, rank, rank_all

from .builders import D, leaf, make_set, unit


def ranks(standings):
    return [(s.name, r) for s, r in rank(standings)]


def test_equal_shares_share_a_rank_and_the_next_rank_is_skipped():
    standings = [
        Standing("a", "Sở A", Fraction(9, 10)),
        Standing("b", "Sở B", Fraction(8, 10)),
        Standing("c", "Sở C", Fraction(8, 10)),
        Standing("d", "Sở D", Fraction(7, 10)),
    ]
    assert [r for _, r in rank(standings)] == [1, 2, 2, 4]


def test_units_with_equal_rank_are_listed_in_vietnamese_alphabetical_order():
    standings = [
        Standing("1", "Sở Y tế", Fraction(1, 2)),
        Standing("2", "Sở Đông", Fraction(1, 2)),
        Standing("3", "Sở Dân tộc", Fraction(1, 2)),
        Standing("4", "Sở Ăn", Fraction(1, 2)),
        Standing("5", "Sở An", Fraction(1, 2)),
    ]
    assert ranks(standings) == [
        ("Sở An", 1),
        ("Sở Ăn", 1),
        ("Sở Dân tộc", 1),
        ("Sở Đông", 1),
        ("Sở Y tế", 1),
    ]


def test_units_that_did_not_submit_come_after_every_unit_that_did():
    standings = [
        Standing("a", "Ân Thi", Fraction(0), submitted=False),
        Standing("b", "Bình Minh", Fraction(0)),
        Standing("c", "Cẩm Xá", Fraction(1, 2)),
        Standing("d", "An Tảo", Fraction(0), submitted=False),
    ]
    assert ranks(standings) == [("Cẩm Xá", 1), ("Bình Minh", 2), ("An Tảo", 3), ("Ân Thi", 3)]


def test_units_not_ranked_get_no_rank_and_come_last():
    standings = [
        Standing("a", "Thanh tra tỉnh", Fraction(9, 10), ranked=False),
        Standing("b", "Sở B", Fraction(1, 2)),
    ]
    assert ranks(standings) == [("Sở B", 1), ("Thanh tra tỉnh", None)]


def test_the_ranking_within_each_parent_is_separate():
    standings = [
        Standing("x1", "Xã 1", Fraction(9, 10), parent="H1"),
        Standing("x2", "Xã 2", Fraction(5, 10), parent="H1"),
        Standing("y1", "Xã 3", Fraction(7, 10), parent="H2"),
    ]
    in_parent = {standing.code: place for standing, _, place in rank_all(standings)}
    assert in_parent == {"x1": 1, "x2": 2, "y1": 1}


def test_a_block_ranks_by_share_not_by_points():
    cs = make_set(leaf("A", 100, "manual"), leaf("B", 100, "manual", allow_na=True))
    from egovrank.scoring.answers import NA

    block = score_block(
        cs,
        [
            unit(
                "big", {"A": Points(D(90)), "B": Points(D(60))}, name="Nhiều điểm"
            ),  # 150/200 = 75%
            unit("small", {"A": Points(D(80)), "B": NA}, name="Ít điểm"),  # 80/100 = 80%
        ],
    )
    assert [(r.unit.code, r.rank) for r in block.rows] == [("small", 1), ("big", 2)]


def test_communes_are_also_ranked_within_their_district():
    cs = make_set(leaf("A", 10, "manual"))
    block = score_block(
        cs,
        [
            unit("a", {"A": Points(D(9))}, parent="H1"),
            unit("b", {"A": Points(D(8))}, parent="H2"),
            unit("c", {"A": Points(D(7))}, parent="H1"),
        ],
    )
    assert [(r.unit.code, r.rank, r.rank_in_parent) for r in block.rows] == [
        ("a", 1, 1),
        ("b", 2, 1),
        ("c", 3, 2),
    ]
