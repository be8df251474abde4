"""The three Hưng Yên sets shipped with the package load and total as stated."""

from decimal import Decimal

import pytest

from egovrank.scoring.catalogue import packaged_set, packaged_set_ids
from egovrank.scoring.engine import UnitInput, score_block

IDS = ["hungyen-2018-khoi01", "hungyen-2018-khoi02", "hungyen-2018-khoi03"]


def test_the_three_sets_are_shipped():
    assert set(IDS) <= set(packaged_set_ids())


@pytest.mark.parametrize("set_id", IDS)
def test_each_set_totals_500_and_says_it_is_reconstructed(set_id):
    cs = packaged_set(set_id)
    assert cs.max_total == Decimal(500)
    assert cs.meta.reconstructed is True
    assert cs.meta.province == "Hưng Yên"
    assert dict(cs.meta.legal_basis)["number"] == "2749/QĐ-UBND"
    assert "inferred" in cs.meta.provenance


def test_khoi01_has_the_six_published_groups():
    cs = packaged_set("hungyen-2018-khoi01")
    assert [(g.code, g.full_max) for g in cs.groups] == [
        ("HT", Decimal(50)),
        ("UD", Decimal(100)),
        ("WEB", Decimal(100)),
        ("DVC", Decimal(100)),
        ("CCCS", Decimal(100)),
        ("NL", Decimal(50)),
    ]
    # The group maxima read from the 2018 announcement are marked read; the rest inferred.
    status = {g.code: g.status for g in cs.groups}
    assert status == {
        "HT": "read",
        "UD": "read",
        "WEB": "read",
        "DVC": "inferred",
        "CCCS": "inferred",
        "NL": "inferred",
    }


@pytest.mark.parametrize("set_id", IDS)
def test_every_criterion_says_where_it_comes_from(set_id):
    cs = packaged_set(set_id)
    for node in cs.walk():
        if node.carries_points:
            assert node.status in {"read", "derived", "inferred", "official"}, node.code


@pytest.mark.parametrize("set_id", IDS)
def test_full_marks_reach_the_top_level_and_nothing_reaches_the_bottom(set_id):
    cs = packaged_set(set_id)
    empty = UnitInput("x", "Empty")
    absent = UnitInput("y", "Absent", submitted=False)
    block = score_block(cs, [empty, absent])
    assert [(r.unit.code, r.score.points, r.score.level.name, r.rank) for r in block.rows] == [
        ("x", Decimal(0), "Yếu", 1),
        ("y", Decimal(0), "Yếu", 2),
    ]
