"""Nobody acts out of order: each review action refuses, with a message saying why,
when the form or the period is not where the action belongs. A refusal changes
nothing and records nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.core.models import AuditEvent
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant
from egovrank.results.models import Correction
from egovrank.review.actions import (
    ReviewRefused,
    do_accept,
    do_adjust,
    do_approve,
    do_clear,
    do_comment,
    do_forward,
    do_mark_not_submitted,
    do_reopen,
    do_return,
    do_send_back,
    review_lock,
)
from egovrank.review.models import Forwarding

from .review_helpers import (
    accept,
    approved,
    english,
    fill,
    in_days,
    set_period_state,
    state_of,
    submitted,
)

__all__ = ["english"]


def review_actions(participant, actor):
    """Every action that needs a form awaiting review, by name."""
    return {
        "accept": lambda: do_accept(participant, "HT1", revision=0, actor=actor),
        "adjust": lambda: do_adjust(
            participant, "HT1", value="1/50", reason="x", revision=0, actor=actor
        ),
        "clear": lambda: do_clear(participant, "HT1", revision=0, actor=actor),
        "comment": lambda: do_comment(participant, "HT1", "x", actor=actor),
        "return": lambda: do_return(participant, message="x", deadline=in_days(5), actor=actor),
        "approve": lambda: do_approve(participant, actor=actor),
    }


def refused_everywhere(participant, actor, message):
    """Every review action is refused with ``message`` and nothing is recorded."""
    count = AuditEvent.objects.count()
    form = Assessment.objects.filter(participant=participant).first()
    for name, act in review_actions(participant, actor).items():
        with pytest.raises(ReviewRefused, match=message):
            act()
        assert AuditEvent.objects.count() == count, name
    after = Assessment.objects.filter(participant=participant).first()
    assert (after.state if after else None) == (form.state if form else None)


# --- the form is not submitted ------------------------------------------------------------


def test_nothing_can_be_reviewed_before_the_unit_starts(world):
    sotc = world.participants["sotc"]
    refused_everywhere(sotc, world.provincial_reviewer, "has not submitted its form")
    assert not Assessment.objects.exists()


def test_a_draft_cannot_be_reviewed(world):
    sotc = world.participants["sotc"]
    fill(sotc)
    refused_everywhere(sotc, world.provincial_reviewer, "has not submitted its form")
    assert state_of(sotc) == AssessmentState.DRAFT


def test_a_withdrawn_form_cannot_be_reviewed(world):
    from egovrank.assessments.actions import do_withdraw

    sotc = world.participants["sotc"]
    submitted(sotc, world.unit_head)
    do_withdraw(sotc, actor=world.unit_head)
    refused_everywhere(sotc, world.provincial_reviewer, "has not submitted its form")


# --- the review is closed -------------------------------------------------------------------


def test_approving_twice_is_refused(world):
    sotc = world.participants["sotc"]
    reviewer = world.provincial_reviewer
    approved(sotc, reviewer, head=world.unit_head)
    refused_everywhere(sotc, reviewer, "The review is approved; re-open it")
    assert AuditEvent.objects.filter(action="assessment.approved").count() == 1


def test_a_form_closed_as_not_submitted_cannot_be_reviewed(world):
    sotc = world.participants["sotc"]
    set_period_state(world.period, PeriodState.REVIEW)
    do_mark_not_submitted(sotc, actor=world.provincial_reviewer)
    refused_everywhere(sotc, world.provincial_reviewer, "closed as not submitted")


# --- the period is not in review ----------------------------------------------------------


def test_nothing_is_reviewed_while_the_period_is_a_draft(world):
    sotc = world.participants["sotc"]
    submitted(sotc, world.unit_head)
    set_period_state(world.period, PeriodState.DRAFT)
    refused_everywhere(sotc, world.provincial_reviewer, "The period is not open yet")
    with pytest.raises(ReviewRefused, match="not open yet"):
        do_mark_not_submitted(world.participants["soxd"], actor=world.provincial_reviewer)


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (PeriodState.FINALISED, "The results are finalised"),
        (PeriodState.PUBLISHED, "The results are published: a change needs a correction"),
    ],
)
def test_nothing_changes_once_finalised_or_published(world, state, message):
    reviewer = world.provincial_reviewer
    sotc, soxd, sotttt = (world.participants[k] for k in ("sotc", "soxd", "sotttt"))
    submitted(sotc, world.unit_head)
    approved(soxd, reviewer, seed=2)
    set_period_state(world.period, state)
    count = AuditEvent.objects.count()
    refused_everywhere(sotc, reviewer, message)
    with pytest.raises(ReviewRefused, match=message):
        do_reopen(soxd, reason="sai sót", actor=reviewer)
    with pytest.raises(ReviewRefused, match=message):
        do_mark_not_submitted(sotttt, actor=reviewer)
    with pytest.raises(ReviewRefused, match="only while the period is in review"):
        do_forward(world.period, world.units["vanlam"], actor=world.district_reviewer)
    assert AuditEvent.objects.count() == count
    assert state_of(soxd) == AssessmentState.APPROVED


def test_a_correction_reopens_one_published_unit_and_no_other(world):
    reviewer = world.provincial_reviewer
    sotc, soxd = world.participants["sotc"], world.participants["soxd"]
    approved(sotc, reviewer, head=world.unit_head)
    approved(soxd, reviewer, seed=2)
    set_period_state(world.period, PeriodState.PUBLISHED)
    Correction.objects.create(participant=sotc, reason="Khiếu nại HT1", opened_by=reviewer)
    do_reopen(sotc, reason="Khiếu nại HT1", actor=reviewer)
    accept(sotc, "HT1", actor=reviewer)
    assert state_of(sotc) == AssessmentState.IN_REVIEW
    with pytest.raises(ReviewRefused, match="published"):
        do_reopen(soxd, reason="x", actor=reviewer)


# --- closing a form as not submitted ------------------------------------------------------


def test_a_form_is_closed_as_not_submitted_only_after_the_units_deadline(world):
    reviewer = world.provincial_reviewer
    sotc, soxd = world.participants["sotc"], world.participants["soxd"]
    fill(sotc)  # a draft
    with pytest.raises(ReviewRefused, match="deadline has not passed yet"):
        do_mark_not_submitted(sotc, actor=reviewer)
    with pytest.raises(ReviewRefused, match="deadline has not passed yet"):
        do_mark_not_submitted(soxd, actor=reviewer)  # not started
    assert not AuditEvent.objects.filter(action="assessment.not_submitted").exists()

    after = world.period.self_assessment_deadline + timedelta(minutes=1)
    Participant.objects.filter(pk=soxd.pk).update(extended_until=after + timedelta(days=2))
    with time_machine.travel(after, tick=False):
        do_mark_not_submitted(sotc, reason=" quá hạn ", actor=reviewer)
        do_mark_not_submitted(world.participants["sotttt"], actor=reviewer)
        with pytest.raises(ReviewRefused, match="deadline has not passed yet"):
            do_mark_not_submitted(soxd, actor=reviewer)  # its extension runs still
    assert state_of(sotc) == AssessmentState.NOT_SUBMITTED
    assert state_of(world.participants["sotttt"]) == AssessmentState.NOT_SUBMITTED
    event = AuditEvent.objects.filter(action="assessment.not_submitted").earliest("pk")
    assert event.data == {"before": "draft", "after": "not_submitted", "reason": "quá hạn"}
    assert event.actor == reviewer


def test_once_the_period_is_in_review_an_unsubmitted_form_can_be_closed(world):
    set_period_state(world.period, PeriodState.REVIEW)
    do_mark_not_submitted(world.participants["sotc"], actor=world.provincial_reviewer)
    assert state_of(world.participants["sotc"]) == AssessmentState.NOT_SUBMITTED


@pytest.mark.parametrize("stage", ["submitted", "in_review", "approved", "returned", "closed"])
def test_a_form_the_unit_submitted_cannot_be_closed_as_not_submitted(world, stage):
    reviewer = world.provincial_reviewer
    sotc = world.participants["sotc"]
    if stage == "closed":
        set_period_state(world.period, PeriodState.REVIEW)
        do_mark_not_submitted(sotc, actor=reviewer)
    else:
        submitted(sotc, world.unit_head)
    if stage == "in_review":
        accept(sotc, "HT1", actor=reviewer)
    elif stage == "approved":
        do_approve(sotc, actor=reviewer)
    elif stage == "returned":
        do_return(sotc, message="x", deadline=in_days(3), actor=reviewer)
    state = state_of(sotc)
    set_period_state(world.period, PeriodState.REVIEW)
    with pytest.raises(ReviewRefused, match="Only a form that was never submitted"):
        do_mark_not_submitted(sotc, actor=reviewer)
    assert state_of(sotc) == state


# --- re-opening ---------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "  "])
def test_reopening_needs_a_reason(world, reason):
    sotc = world.participants["sotc"]
    approved(sotc, world.provincial_reviewer, head=world.unit_head)
    with pytest.raises(ReviewRefused, match="Give the reason for re-opening"):
        do_reopen(sotc, reason=reason, actor=world.provincial_reviewer)
    assert state_of(sotc) == AssessmentState.APPROVED


def test_only_a_closed_review_can_be_reopened(world):
    reviewer = world.provincial_reviewer
    sotc = world.participants["sotc"]
    with pytest.raises(ReviewRefused, match="Only an approved or closed review"):
        do_reopen(sotc, reason="x", actor=reviewer)  # not started
    submitted(sotc, world.unit_head)
    with pytest.raises(ReviewRefused, match="Only an approved or closed review"):
        do_reopen(sotc, reason="x", actor=reviewer)
    accept(sotc, "HT1", actor=reviewer)
    with pytest.raises(ReviewRefused, match="Only an approved or closed review"):
        do_reopen(sotc, reason="x", actor=reviewer)
    assert not AuditEvent.objects.filter(action="review.reopened").exists()


def test_reopening_takes_an_approved_form_back_into_review(world):
    reviewer = world.provincial_reviewer
    sotc = world.participants["sotc"]
    approved(sotc, reviewer, head=world.unit_head)
    assessment = do_reopen(sotc, reason=" Sai HT1 ", actor=reviewer)
    assert assessment.state == AssessmentState.IN_REVIEW
    assert (assessment.approved_at, assessment.approved_by) == (None, None)
    event = AuditEvent.objects.get(action="review.reopened")
    assert event.data == {"before": "approved", "after": "in_review", "reason": "Sai HT1"}
    assert review_lock(sotc, Assessment.objects.get(participant=sotc)) is None
    do_approve(sotc, actor=reviewer)
    assert state_of(sotc) == AssessmentState.APPROVED


def test_reopening_a_form_closed_as_not_submitted_gives_it_back_to_the_unit(world):
    reviewer = world.provincial_reviewer
    sotc = world.participants["sotc"]
    set_period_state(world.period, PeriodState.REVIEW)
    do_mark_not_submitted(sotc, actor=reviewer)
    do_reopen(sotc, reason="Gửi nhầm", actor=reviewer)
    assert state_of(sotc) == AssessmentState.DRAFT
    refused_everywhere(sotc, reviewer, "has not submitted its form")


# --- forwarding -----------------------------------------------------------------------------


def close_communes(world, *, chidao="approved"):
    """Lạc Đạo approved; Chỉ Đạo as asked (approved, submitted, draft, none)."""
    district = world.district_reviewer
    lacdao, chidao_p = world.participants["lacdao"], world.participants["chidao"]
    approved(lacdao, district, seed=5, head=world.commune_officer)
    if chidao == "approved":
        approved(chidao_p, district, seed=6, head=world.commune_officer)
    elif chidao == "submitted":
        submitted(chidao_p, world.commune_officer, seed=6)
    elif chidao == "draft":
        fill(chidao_p, seed=6)


@pytest.mark.parametrize(
    ("chidao", "state"),
    [("submitted", "Submitted"), ("draft", "Draft"), ("none", "Not started")],
)
def test_forwarding_is_refused_while_a_commune_is_not_closed(world, chidao, state):
    close_communes(world, chidao=chidao)
    with pytest.raises(ReviewRefused, match="1 remain") as refused:
        do_forward(world.period, world.units["vanlam"], actor=world.district_reviewer)
    assert len(refused.value.problems) == 1
    assert refused.value.problems[0].startswith(f"Xã Chỉ Đạo: {state}")
    assert "Lạc Đạo" not in " ".join(refused.value.problems)
    assert not Forwarding.objects.exists()
    assert not AuditEvent.objects.filter(action="review.forwarded").exists()


def test_a_district_reviewing_no_commune_cannot_forward(world):
    with pytest.raises(ReviewRefused, match="Not every commune") as refused:
        do_forward(world.period, world.units["soxd"], actor=world.district_reviewer)
    assert "reviews no unit" in refused.value.problems[0]


def test_forwarding_twice_is_refused(world):
    close_communes(world)
    do_forward(world.period, world.units["vanlam"], actor=world.district_reviewer)
    with pytest.raises(ReviewRefused, match="already forwarded"):
        do_forward(world.period, world.units["vanlam"], actor=world.district_reviewer)
    assert Forwarding.objects.count() == 1


def test_a_forwarded_districts_communes_are_out_of_its_hands(world):
    close_communes(world, chidao="none")
    reviewer = world.district_reviewer
    lacdao, chidao = world.participants["lacdao"], world.participants["chidao"]
    set_period_state(world.period, PeriodState.REVIEW)
    do_mark_not_submitted(chidao, actor=reviewer)
    do_forward(world.period, world.units["vanlam"], actor=reviewer)
    count = AuditEvent.objects.count()
    for act in (
        lambda: do_reopen(lacdao, reason="x", actor=reviewer),
        lambda: do_reopen(chidao, reason="x", actor=reviewer),
        lambda: do_accept(lacdao, "HT1", revision=0, actor=reviewer),
        lambda: do_approve(lacdao, actor=reviewer),
    ):
        with pytest.raises(ReviewRefused, match="The district forwarded its results to Sở TT&TT"):
            act()
    assert AuditEvent.objects.count() == count
    # Another district's commune is not concerned.
    assert "forwarded" not in (review_lock(world.participants["xuanquan"], None) or "")


def test_sending_back_needs_a_reason_and_happens_once(world):
    close_communes(world)
    forwarding = do_forward(world.period, world.units["vanlam"], actor=world.district_reviewer)
    for reason in ("", "   "):
        with pytest.raises(ReviewRefused, match="Give the reason for sending the results back"):
            do_send_back(forwarding, reason=reason, actor=world.provincial_reviewer)
    forwarding.refresh_from_db()
    assert forwarding.standing
    do_send_back(forwarding, reason="Xem lại Lạc Đạo", actor=world.provincial_reviewer)
    with pytest.raises(ReviewRefused, match="already sent back"):
        do_send_back(forwarding, reason="lần nữa", actor=world.provincial_reviewer)


@pytest.mark.parametrize("state", [PeriodState.FINALISED, PeriodState.PUBLISHED])
def test_nothing_is_sent_back_once_finalised(world, state):
    close_communes(world)
    forwarding = do_forward(world.period, world.units["vanlam"], actor=world.district_reviewer)
    set_period_state(world.period, state)
    with pytest.raises(ReviewRefused, match="can no longer be sent back"):
        do_send_back(forwarding, reason="x", actor=world.provincial_reviewer)
    forwarding.refresh_from_db()
    assert forwarding.standing
