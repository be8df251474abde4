"""The province's analysis on a world whose figures are checked by hand (helpers.py):
the weakest criteria, who over-scores (per unit and per criterion), and the change from
last year through a renamed unit."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse

from egovrank.insight.analysis import analyse
from egovrank.insight.templatetags.insight_format import change_class
from egovrank.publication.queries import current_publication

from .conftest import client_of
from .helpers import hand_checked, last_year

pytestmark = pytest.mark.django_db


def khoi01(world, *, with_last_year=True):
    if with_last_year:
        last_year(world)
    hand_checked(world)
    analysis = analyse(current_publication(2019))
    return analysis, analysis.blocks[0]


def test_the_weakest_criteria_come_first_with_their_average_share(world):
    _analysis, block = khoi01(world, with_last_year=False)
    assert block.code == "KHOI01"
    weakest = [(item.node.code, item.share, item.none, item.units) for item in block.weakest[:4]]
    assert weakest == [
        ("HT3.1", Fraction(1, 3), 2, 3),  # only Sở TT&TT has it
        ("HT3.2", Fraction(2, 3), 1, 3),  # ties in the set's order
        ("UD6.1", Fraction(2, 3), 1, 3),  # Sở Tài chính's no on review
        ("HT1", Fraction(1), 0, 3),
    ]
    assert block.weakest[0].percent == Decimal("33.33")
    assert block.weakest[0].average_points == Decimal("1.67")
    assert block.weakest[0].group.code == "HT"


def test_the_units_that_claimed_more_than_was_verified_come_first(world):
    _analysis, block = khoi01(world, with_last_year=False)
    gaps = [(g.unit_name, g.self_points, g.points, g.gap) for g in block.unit_gaps]
    assert gaps == [
        ("Sở Tài chính", 495, 490, 5),
        ("Sở Thông tin và Truyền thông", 500, 500, 0),
        ("Sở Xây dựng", 490, 490, 0),
    ]


def test_the_criteria_the_reviewers_lowered_are_named_with_the_points(world):
    _analysis, block = khoi01(world, with_last_year=False)
    gaps = [
        (g.node.code, g.over_units, g.over_points, g.under_units, g.net_points)
        for g in block.criterion_gaps
    ]
    assert gaps == [("UD6.1", 1, 5, 0, 5)]


def test_the_change_from_last_year_follows_a_renamed_unit(world):
    analysis, block = khoi01(world)
    assert analysis.previous.period.year == 2018
    moves = {m.result.unit_code: m for m in block.movements}
    sotc = moves["K01-05"]
    assert (sotc.one_previous.rank, sotc.result.rank, sotc.rank_change) == (1, 2, -1)
    assert sotc.percent_change == Decimal("-2.00")
    assert not sotc.renamed
    soxd = moves["K01-09"]
    assert soxd.renamed
    assert soxd.one_previous.unit_name == "Sở Xây dựng (cũ)"
    assert (soxd.rank_change, soxd.percent_change) == (-1, Decimal("-2.00"))
    assert moves["K01-11"].rank_change == 0


def test_the_block_s_average_and_levels_are_set_against_last_year(world):
    _analysis, block = khoi01(world)
    assert block.average == Fraction(1480, 1500)
    assert (block.previous_average_percent, block.average_percent) == (
        Decimal("100.00"),
        Decimal("98.67"),
    )
    assert block.average_change == Decimal("-1.33")
    assert [(lv.code, lv.now, lv.before, lv.change) for lv in block.levels] == [
        ("tot", 3, 3, 0),
        ("kha", 0, 0, 0),
        ("trung_binh", 0, 0, 0),
        ("yeu", 0, 0, 0),
    ]


def test_without_last_year_there_is_nothing_to_compare(world):
    analysis, block = khoi01(world, with_last_year=False)
    assert analysis.previous is None
    assert all(m.previous == () and m.rank_change is None for m in block.movements)
    assert block.previous_average is None
    assert all(lv.before is None for lv in block.levels)


def test_the_page_shows_the_figures_of_each_block(world):
    khoi01(world)
    response = client_of(world.provincial_reviewer).get(
        reverse("insight:analysis", kwargs={"year": 2019})
    )
    html = response.content.decode()
    for block in ("Khối 01", "Khối 02", "Khối 03"):
        assert f">{block}</h2>" in html
    assert "98.67%" in html and "−1.33 percentage points" in html
    assert "Sở Xây dựng (cũ)" in html
    assert 'href="/insight/2018/analysis/"' in html


def test_fewer_units_at_a_lower_level_is_shown_as_good_news(world):
    # "Yếu −3" is an improvement: coloured as one, though its count went down.
    _analysis, block = khoi01(world)
    assert [(lv.code, lv.more_is_better) for lv in block.levels] == [
        ("tot", True),
        ("kha", True),
        ("trung_binh", False),
        ("yeu", False),
    ]
    yeu = replace(block.levels[-1], now=0, before=3)
    tot = replace(block.levels[0], now=0, before=3)
    assert (yeu.change, change_class(yeu.judged_change)) == (-3, "change--up")
    assert (tot.change, change_class(tot.judged_change)) == (-3, "change--down")
