"""A district's ranking scores only its own units (issue 19), yet ranks them exactly as
the whole period's results do, also where a set ranks on the block's best figure."""

from __future__ import annotations

import pytest

from egovrank.assessments.actions import do_submit
from egovrank.assessments.tests.helpers import save
from egovrank.criteria.models import CriteriaVersion
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import PeriodBlock
from egovrank.results import compute as results_compute
from egovrank.review.ranking import district_ranking
from egovrank.review.slots import standings
from egovrank.testing import DECLARED

from .review_helpers import fill, set_period_state, submitted


@pytest.fixture
def scored_units(monkeypatch):
    """The units the results score block by block (the real function runs)."""
    scored: list[str] = []
    real = results_compute.score_block

    def counting(criteria_set, units):
        units = list(units)
        scored.extend(unit.code for unit in units)
        return real(criteria_set, units)

    monkeypatch.setattr(results_compute, "score_block", counting)
    return scored


def whole_period_ranking(world, district):
    """What the district's ranking was before: the period's results, filtered."""
    codes = {p.unit_code for p in world.period.participants.filter(reviewer_unit=district)}
    return [
        (s.ranked.unit.code, s.ranked.score.points, s.ranked.rank_in_parent)
        for s in standings(world.period)
        if s.ranked.unit.code in codes
    ]


def ranking_of(world, district):
    codes = world.period.participants.filter(reviewer_unit=district)
    states = {p.unit_code: "" for p in codes}
    return [
        (entry["code"], entry["points"], entry["rank"])
        for entry in district_ranking(world.period, district, states)
    ]


def test_relative_to_best_scoring_keeps_the_whole_block(world, scored_units):
    """Khối 02's set scores DVC3 against the block's best: given to the communes, Văn
    Giang's Xuân Quan sets the best that Văn Lâm's communes are scored against."""
    khoi02 = CriteriaVersion.objects.get(set_id="hungyen-2018-khoi02")
    PeriodBlock.objects.filter(period=world.period, block=world.blocks["KHOI03"]).update(
        version=khoi02
    )
    officer = world.commune_officer
    for key, seed, dvc3 in (
        ("lacdao", 3, "10/100"),
        ("chidao", 4, "20/100"),
        ("xuanquan", 5, "90/100"),
    ):
        participant = world.participants[key]
        fill(participant, seed=seed, quality=0.9)
        save(participant, "DVC3", dvc3, evidence_explanation="Báo cáo năm", actor=officer)
        do_submit(participant, actor=officer, declaration=DECLARED)
    set_period_state(world.period, PeriodState.REVIEW)
    vanlam = world.units["vanlam"]
    expected = [
        (code, str(points), rank) for code, points, rank in whole_period_ranking(world, vanlam)
    ]
    scored_units.clear()
    assert ranking_of(world, vanlam) == expected
    assert set(scored_units) == {
        world.participants[k].unit_code for k in ("lacdao", "chidao", "xuanquan")
    }


def test_a_district_ranking_is_the_periods_own(world, scored_units):
    officer = world.commune_officer
    for key, seed in (("lacdao", 3), ("chidao", 4), ("xuanquan", 5)):
        submitted(world.participants[key], officer, seed=seed, quality=0.6 + seed / 20)
    set_period_state(world.period, PeriodState.REVIEW)
    vanlam = world.units["vanlam"]
    expected = [
        (code, str(points), rank) for code, points, rank in whole_period_ranking(world, vanlam)
    ]
    scored_units.clear()
    assert ranking_of(world, vanlam) == expected
    assert set(scored_units) == {world.participants[k].unit_code for k in ("lacdao", "chidao")}
