"""A district forwards its communes, ranked within the district by the scoring core, to
Sở TT&TT; Sở TT&TT may send them back; every forwarding stays on record."""

from __future__ import annotations

from decimal import Decimal

import pytest

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.assessments.queries import criteria_set_for, entries_of
from egovrank.assessments.sheet import answers_of
from egovrank.core.audit import history_of
from egovrank.core.models import AuditEvent
from egovrank.notifications.models import Notice
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant
from egovrank.review.actions import (
    do_approve,
    do_forward,
    do_mark_not_submitted,
    do_reopen,
    do_send_back,
    forwarding_problems,
    standing_forwarding,
)
from egovrank.review.models import Forwarding
from egovrank.review.queries import compare, verifications_of, verified_entries
from egovrank.scoring.engine import UnitInput, score_block

from .review_helpers import adjust, approved, english, set_period_state, state_of, submitted

__all__ = ["english"]

COMMUNES = ("lacdao", "chidao", "xuanquan")
# What Lạc Đạo's reviewer finds unsupported.
CUTS = {
    "DVC2": "0/40",
    "WEB2": "0",
    "UD1": "0/30",
    "UD4": "0/25",
    "HT1": "0/15",
    "WEB1": "no",
    "CCCS2": "no",
    "NL1": "no",
    "NL2": "0/20",
}


def core_block(world):
    """Khối 03 scored and ranked by the core directly from the verified entries of the
    counted forms, each commune under its district."""
    criteria_set = criteria_set_for(world.participants["lacdao"])
    units = []
    for key in COMMUNES:
        participant = world.participants[key]
        assessment = Assessment.objects.filter(participant=participant).first()
        counted = assessment is not None and assessment.state in (
            AssessmentState.APPROVED,
            AssessmentState.SUBMITTED,
            AssessmentState.IN_REVIEW,
        )
        verified = (
            verified_entries(entries_of(assessment), verifications_of(assessment))
            if counted
            else {}
        )
        units.append(
            UnitInput(
                participant.unit_code,
                participant.unit_name,
                answers_of(criteria_set, verified)[0] if counted else {},
                submitted=counted,
                parent=participant.reviewer_unit.code,
            )
        )
    return score_block(criteria_set, units)


@pytest.fixture
def communes(world):
    """Lạc Đạo answers well but its reviewer cuts two criteria; Chỉ Đạo answers less
    well and is approved as it stands; Xuân Quan (Văn Giang) is submitted."""
    reviewer = world.district_reviewer
    lacdao, chidao = world.participants["lacdao"], world.participants["chidao"]
    submitted(lacdao, world.commune_officer, seed=7, quality=0.95)
    for code, value in CUTS.items():
        adjust(lacdao, code, value, actor=reviewer, reason="Không có hồ sơ kiểm chứng")
    do_approve(lacdao, actor=reviewer)
    submitted(chidao, world.commune_officer, seed=8, quality=0.5)
    do_approve(chidao, actor=reviewer)
    submitted(world.participants["xuanquan"], world.commune_officer, seed=9)
    return lacdao, chidao


def forward(world, note=""):
    return do_forward(world.period, world.units["vanlam"], note=note, actor=world.district_reviewer)


def test_forwarding_records_the_communes_ranked_by_the_core(world, communes):
    assert forwarding_problems(world.period, world.units["vanlam"]) == []
    forwarding = forward(world, note="  Kết quả xếp hạng xã  ")
    assert forwarding.note == "Kết quả xếp hạng xã"
    assert forwarding.forwarded_by == world.district_reviewer
    assert forwarding.standing
    assert standing_forwarding(world.period, world.units["vanlam"].pk) == forwarding

    block = core_block(world)
    codes = {world.participants[k].unit_code for k in ("lacdao", "chidao")}
    expected = [row for row in block.rows if row.unit.code in codes]
    assert [entry["code"] for entry in forwarding.ranking] == [row.unit.code for row in expected]
    for entry, row in zip(forwarding.ranking, expected, strict=True):
        assert entry["rank"] == row.rank_in_parent
        assert Decimal(entry["points"]) == row.score.points
        assert Decimal(entry["max_points"]) == row.score.max_points
        assert entry["level"] == row.score.level.code
        assert entry["state"] == AssessmentState.APPROVED
        assert entry["name"] == row.unit.name
    # The reviewer's cuts decide the order: Chỉ Đạo first, although Lạc Đạo answered better.
    criteria_set = criteria_set_for(world.participants["lacdao"])
    lacdao, chidao = (compare(p, criteria_set, "vi") for p in communes)
    assert lacdao.own.points > chidao.own.points
    assert lacdao.verified.points < chidao.verified.points
    assert [entry["name"] for entry in forwarding.ranking] == ["Xã Chỉ Đạo", "Xã Lạc Đạo"]
    assert [entry["rank"] for entry in forwarding.ranking] == [1, 2]
    stored = Forwarding.objects.get()
    assert stored.ranking == forwarding.ranking


def test_equal_shares_share_a_rank_within_the_district(world):
    reviewer = world.district_reviewer
    for key in ("lacdao", "chidao"):
        approved(world.participants[key], reviewer, seed=11, head=world.commune_officer)
    forwarding = forward(world)
    assert [entry["rank"] for entry in forwarding.ranking] == [1, 1]
    # Equal ranks in Vietnamese alphabetical order: Chỉ before Lạc.
    assert [entry["name"] for entry in forwarding.ranking] == ["Xã Chỉ Đạo", "Xã Lạc Đạo"]


def test_a_commune_closed_as_not_submitted_is_forwarded_after_the_others(world):
    reviewer = world.district_reviewer
    approved(world.participants["lacdao"], reviewer, seed=5, head=world.commune_officer)
    set_period_state(world.period, PeriodState.REVIEW)
    do_mark_not_submitted(world.participants["chidao"], actor=reviewer)
    forwarding = forward(world)
    names = [entry["name"] for entry in forwarding.ranking]
    assert names == ["Xã Lạc Đạo", "Xã Chỉ Đạo"]
    last = forwarding.ranking[-1]
    assert last["state"] == AssessmentState.NOT_SUBMITTED
    assert Decimal(last["points"]) == 0
    row = core_block(world).row(world.participants["chidao"].unit_code)
    assert last["rank"] == row.rank_in_parent
    assert last["level"] == row.score.level.code


def test_forwarding_writes_an_event_on_itself_and_on_each_communes_form(world, communes):
    lacdao, chidao = communes
    forwarding = forward(world, note="Gửi Sở")
    on_forwarding = history_of(forwarding).get()
    assert on_forwarding.action == "review.forwarded"
    assert on_forwarding.actor == world.district_reviewer
    assert on_forwarding.data == {
        "forwarding": forwarding.pk,
        "district": world.units["vanlam"].code,
        "note": "Gửi Sở",
    }
    for participant in (lacdao, chidao):
        form = Assessment.objects.get(participant=participant)
        assert history_of(form).filter(action="review.forwarded").count() == 1
    xuanquan = Assessment.objects.get(participant=world.participants["xuanquan"])
    assert not history_of(xuanquan).filter(action="review.forwarded").exists()
    assert AuditEvent.objects.filter(action="review.forwarded").count() == 3


def test_forwarding_tells_sở_tttt_staff(world, communes):
    forward(world, note="Kính gửi Sở")
    notices = Notice.objects.filter(kind="forwarded")
    assert {n.recipient.username for n in notices} == {"provincial_reviewer", "administrator"}
    for notice in notices:
        assert "UBND huyện Văn Lâm" in notice.title
        assert notice.body == "Kính gửi Sở"


def test_sending_back_lets_the_district_act_again_and_a_new_forwarding_keeps_the_old(
    world, communes
):
    lacdao, chidao = communes
    first = forward(world)
    sent_back = do_send_back(first, reason="  Xem lại Lạc Đạo ", actor=world.provincial_reviewer)
    assert not sent_back.standing
    assert sent_back.sent_back_by == world.provincial_reviewer
    assert sent_back.sent_back_reason == "Xem lại Lạc Đạo"
    assert standing_forwarding(world.period, world.units["vanlam"].pk) is None
    events = AuditEvent.objects.filter(action="review.sent_back")
    assert events.count() == 3  # the forwarding and both communes' forms
    assert all(e.data["reason"] == "Xem lại Lạc Đạo" for e in events)
    assert {n.recipient.username for n in Notice.objects.filter(kind="sent_back")} == {
        "district_reviewer"
    }

    # The district acts again: re-opens Lạc Đạo, accepts its answer, approves.
    reviewer = world.district_reviewer
    do_reopen(lacdao, reason="Sở TT&TT trả lại", actor=reviewer)
    assert state_of(lacdao) == AssessmentState.IN_REVIEW
    adjust(lacdao, "WEB2", "40", actor=reviewer, reason="Đã có tin bài")
    do_approve(lacdao, actor=reviewer)

    second = forward(world, note="Gửi lại")
    assert second.pk != first.pk
    assert Forwarding.objects.count() == 2
    old = Forwarding.objects.get(pk=first.pk)
    assert old.ranking == first.ranking  # the old one stays as it was forwarded
    assert old.sent_back_reason == "Xem lại Lạc Đạo"
    assert standing_forwarding(world.period, world.units["vanlam"].pk) == second
    block = core_block(world)
    for entry in second.ranking:
        assert entry["rank"] == block.row(entry["code"]).rank_in_parent
        assert Decimal(entry["points"]) == block.row(entry["code"]).score.points
    lacdao_code = lacdao.unit_code
    before = next(e for e in first.ranking if e["code"] == lacdao_code)
    after = next(e for e in second.ranking if e["code"] == lacdao_code)
    assert Decimal(after["points"]) > Decimal(before["points"])


@pytest.fixture
def scored_units(monkeypatch):
    """The units the results score block by block (the real function runs)."""
    from egovrank.results import compute

    scored: list[str] = []
    real = compute.score_block

    def counting(criteria_set, units):
        units = list(units)
        scored.extend(unit.code for unit in units)
        return real(criteria_set, units)

    monkeypatch.setattr(compute, "score_block", counting)
    return scored


def test_forwarding_scores_only_the_districts_communes(world, communes, scored_units):
    """Not the departments, the districts or another district's communes (issue 19):
    Khối 03's set ranks on each commune's own answers, so Văn Giang's Xuân Quan plays
    no part in Văn Lâm's ranking."""
    forwarding = forward(world)
    # Lạc Đạo's adjusted form is scored twice: verified, and on its own answers.
    assert set(scored_units) == {entry["code"] for entry in forwarding.ranking}
    assert set(scored_units) == {world.participants[key].unit_code for key in ("lacdao", "chidao")}


def test_forwarding_costs_a_fixed_number_of_queries(world, communes, django_assert_num_queries):
    with django_assert_num_queries(QUERIES_PER_FORWARDING):
        forward(world)


# As before it scored every block: the results read the period in five queries either way.
QUERIES_PER_FORWARDING = 18


def test_the_blockers_are_in_vietnamese_order_not_code_points(world):
    # Code points put "Lương" (ư, U+01B0) before "Lạc" (ạ, U+1EA1); Vietnamese does not.
    Participant.objects.filter(pk=world.participants["chidao"].pk).update(unit_name="Xã Lương Tài")
    problems = forwarding_problems(world.period, world.units["vanlam"])
    assert [problem.split(":")[0] for problem in problems] == ["Xã Lạc Đạo", "Xã Lương Tài"]
