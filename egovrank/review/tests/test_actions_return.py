"""Returning a form for revision: what it needs, what it sends, until when the unit may
revise, what the resubmission shows the reviewer, and who is told."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egovrank.assessments.actions import (
    AnswerInput,
    FormLocked,
    SubmissionRefused,
    do_add_file,
    do_add_link,
    do_remove_file,
    do_save_answer,
    do_submit,
)
from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Answer, Assessment, Submission
from egovrank.assessments.tests.conftest import pdf
from egovrank.core.models import AuditEvent
from egovrank.notifications.models import Notice
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.review.actions import (
    ReviewRefused,
    do_approve,
    do_comment,
    do_return,
    review_lock,
)
from egovrank.review.changes import changes_since_previous_submission
from egovrank.review.models import ReviewComment, RevisionRequest, Verification
from egovrank.testing import DECLARED

from .review_helpers import (
    accept,
    adjust,
    english,
    in_days,
    set_period_state,
    state_of,
    submitted,
)

__all__ = ["english"]

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def sotc(world):
    participant = world.participants["sotc"]
    submitted(participant, world.unit_head)
    return participant


def assessment_of(participant):
    return Assessment.objects.get(participant=participant)


def answer(participant, code):
    return Answer.objects.get(assessment__participant=participant, code=code)


def save(participant, code, actor, **changes):
    current = answer(participant, code)
    entered = AnswerInput(
        value=changes.get("value", current.value),
        not_applicable=changes.get("not_applicable", current.not_applicable),
        note=changes.get("note", current.note),
        evidence_explanation=changes.get("evidence_explanation", current.evidence_explanation),
    )
    return do_save_answer(participant, code, entered, revision=current.revision, actor=actor)


def recipients(kind):
    return {notice.recipient.username for notice in Notice.objects.filter(kind=kind)}


# --- what a return needs -------------------------------------------------------------------


@pytest.mark.parametrize("message", ["", "   "])
def test_a_return_needs_a_message_or_a_comment(world, sotc, message):
    before = AuditEvent.objects.count()
    with pytest.raises(ReviewRefused, match="write a message or comment"):
        do_return(sotc, message=message, deadline=in_days(7), actor=world.provincial_reviewer)
    assert state_of(sotc) == AssessmentState.SUBMITTED
    assert not RevisionRequest.objects.exists()
    assert AuditEvent.objects.count() == before
    assert not Notice.objects.filter(kind="returned").exists()


@pytest.mark.parametrize("days", [-1, 0])
def test_a_return_needs_a_deadline_in_the_future(world, sotc, days):
    now = in_days(0)
    with time_machine.travel(now, tick=False):
        with pytest.raises(ReviewRefused, match="deadline must be in the future"):
            do_return(
                sotc,
                message="Bổ sung hồ sơ",
                deadline=now + timedelta(days=days),
                actor=world.provincial_reviewer,
            )
    assert state_of(sotc) == AssessmentState.SUBMITTED
    assert not RevisionRequest.objects.exists()


def test_a_return_with_comments_only_sends_every_draft_comment(world, sotc):
    reviewer = world.provincial_reviewer
    do_comment(sotc, "HT1", "Thiếu danh sách máy tính", actor=reviewer)
    do_comment(sotc, "NL1", "Nháp", actor=reviewer)
    do_comment(sotc, "NL1", "  Cần quyết định cử cán bộ  ", actor=reviewer)  # edits the draft
    do_comment(sotc, "UD1", "Sẽ xoá", actor=reviewer)
    do_comment(sotc, "UD1", "", actor=reviewer)  # an empty text deletes the draft
    deadline = in_days(7)
    request = do_return(sotc, message="", deadline=deadline, actor=reviewer)

    assert (request.number, request.message, request.deadline) == (1, "", deadline)
    sent = {c.code: c.text for c in request.comments.all()}
    assert sent == {"HT1": "Thiếu danh sách máy tính", "NL1": "Cần quyết định cử cán bộ"}
    assert not ReviewComment.objects.filter(sent_in__isnull=True).exists()
    assessment = assessment_of(sotc)
    assert assessment.state == AssessmentState.RETURNED
    assert assessment.revision_deadline == deadline
    event = AuditEvent.objects.get(action="assessment.returned")
    assert event.actor == reviewer
    assert event.data["before"] == AssessmentState.SUBMITTED
    assert event.data["after"] == AssessmentState.RETURNED
    assert event.data["comments"] == sent
    assert event.data["return"] == 1


def test_a_return_from_review_keeps_the_verdicts(world, sotc):
    reviewer = world.provincial_reviewer
    adjust(sotc, "HT1", "5/50", actor=reviewer)
    do_return(sotc, message="Xem lại HT1", deadline=in_days(5), actor=reviewer)
    assert AuditEvent.objects.get(action="assessment.returned").data["before"] == "in_review"
    assert Verification.objects.get(code="HT1").value == "5/50"
    reason = review_lock(sotc, assessment_of(sotc))
    assert reason and reason.startswith("Returned to the unit for revision until")


# --- until when the unit may revise --------------------------------------------------------


def test_the_unit_revises_until_the_forms_revision_deadline_and_not_after(world, sotc):
    reviewer, officer = world.provincial_reviewer, world.unit_officer
    deadline = in_days(5)
    # The period's own revision deadline is earlier: the form's own one decides.
    Period.objects.filter(pk=world.period.pk).update(revision_deadline=in_days(1))
    do_return(sotc, message="Bổ sung", deadline=deadline, actor=reviewer)
    set_period_state(world.period, PeriodState.REVIEW)  # self-assessment is over for others

    with time_machine.travel(deadline - timedelta(minutes=1), tick=False):
        save(sotc, "HT2", officer, value="30/30")
        assert answer(sotc, "HT2").value == "30/30"
    with time_machine.travel(deadline + timedelta(minutes=1), tick=False):
        with pytest.raises(FormLocked, match="revision deadline .* has passed"):
            save(sotc, "HT2", officer, value="1/30")
        with pytest.raises(SubmissionRefused, match="revision deadline .* has passed"):
            do_submit(sotc, actor=world.unit_head, declaration=DECLARED)
    assert answer(sotc, "HT2").value == "30/30"
    assert state_of(sotc) == AssessmentState.RETURNED


def test_a_returned_form_may_be_resubmitted_after_the_self_assessment_deadline(world, sotc):
    self_deadline = world.period.self_assessment_deadline
    revision_deadline = self_deadline + timedelta(days=3)
    do_return(sotc, message="Bổ sung", deadline=revision_deadline, actor=world.provincial_reviewer)
    with time_machine.travel(self_deadline + timedelta(days=1), tick=False):
        save(sotc, "HT2", world.unit_officer, value="29/30")
        do_submit(sotc, actor=world.unit_head, declaration=DECLARED)
    assert state_of(sotc) == AssessmentState.SUBMITTED
    assert Submission.objects.filter(assessment__participant=sotc).count() == 2


def test_the_reviewer_cannot_act_while_the_form_is_with_the_unit(world, sotc):
    reviewer = world.provincial_reviewer
    do_return(sotc, message="Bổ sung", deadline=in_days(5), actor=reviewer)
    for act in (
        lambda: accept(sotc, "HT1", actor=reviewer),
        lambda: adjust(sotc, "HT1", "1/50", actor=reviewer),
        lambda: do_comment(sotc, "HT1", "x", actor=reviewer),
        lambda: do_approve(sotc, actor=reviewer),
        lambda: do_return(sotc, message="lần nữa", deadline=in_days(6), actor=reviewer),
    ):
        with pytest.raises(ReviewRefused, match="Returned to the unit for revision until"):
            act()


def test_a_returned_form_left_past_its_revision_deadline_is_reviewed_as_it_stands(world, sotc):
    reviewer = world.provincial_reviewer
    deadline = in_days(3)
    do_return(sotc, message="Bổ sung", deadline=deadline, actor=reviewer)
    save(sotc, "HT2", world.unit_officer, note="Sửa dở, chưa nộp lại")
    with time_machine.travel(deadline + timedelta(days=1), tick=False):
        assert review_lock(sotc, assessment_of(sotc)) is None
        do_approve(sotc, actor=reviewer)
    assessment = assessment_of(sotc)
    assert assessment.state == AssessmentState.APPROVED
    # What the form held is kept as a submission by the reviewer, so the change shows.
    resumed = assessment.submissions.get(number=2)
    assert resumed.submitted_by == reviewer
    assert set(changes_since_previous_submission(assessment)) == {"HT2"}
    event = AuditEvent.objects.filter(action="review.resumed").get()
    assert event.data["after"] == AssessmentState.IN_REVIEW


# --- the resubmission ------------------------------------------------------------------


def test_a_resubmission_is_submission_2_and_shows_exactly_what_changed(world, sotc):
    reviewer, officer = world.provincial_reviewer, world.unit_officer
    assert changes_since_previous_submission(assessment_of(sotc)) == {}
    adjust(sotc, "HT1", "5/50", actor=reviewer)
    do_comment(sotc, "HT1", "Thiếu danh sách", actor=reviewer)
    do_return(sotc, message="", deadline=in_days(5), actor=reviewer)

    old_ht1 = answer(sotc, "HT1").value
    save(sotc, "HT1", officer, value="41/50")
    save(sotc, "HT2", officer, note="Số liệu đến 30/11")
    save(sotc, "HT3.1", officer, value=answer(sotc, "HT3.1").value)  # no change at all
    nl2 = answer(sotc, "NL2").value
    save(sotc, "NL2", officer, value="no" if nl2 == "yes" else "yes")
    save(sotc, "NL2", officer, value=nl2)  # changed and changed back
    do_add_link(sotc, "UD1", title="Quyết định 123/QĐ-STC", url="https://x.vn/a", actor=officer)
    do_submit(sotc, actor=world.unit_head, declaration=DECLARED)

    assessment = assessment_of(sotc)
    assert assessment.state == AssessmentState.SUBMITTED
    assert list(assessment.submissions.values_list("number", flat=True)) == [1, 2]
    second = assessment.submissions.get(number=2)
    assert second.submitted_by == world.unit_head
    assert (
        AuditEvent.objects.filter(action="assessment.submitted").latest("pk").data["submission"]
        == 2
    )

    changes = changes_since_previous_submission(assessment)
    assert set(changes) == {"HT1", "HT2", "UD1"}
    assert changes["HT1"].answer_changed and not changes["HT1"].note_changed
    assert (changes["HT1"].before["value"], changes["HT1"].after["value"]) == (old_ht1, "41/50")
    assert changes["HT2"].note_changed and not changes["HT2"].answer_changed
    assert changes["UD1"].added_evidence == ["Quyết định 123/QĐ-STC"]
    assert changes["UD1"].removed_evidence == []
    assert not changes["UD1"].answer_changed
    # The reviewer's verdict stays, and shows the unit's answer it was made on.
    verification = Verification.objects.get(code="HT1")
    assert verification.seen_value == old_ht1 != answer(sotc, "HT1").value
    # The review goes on from there.
    accept(sotc, "HT2", actor=reviewer)
    assert state_of(sotc) == AssessmentState.IN_REVIEW


def test_a_file_replaced_by_one_of_the_same_name_shows_as_removed_and_added(world, sotc):
    reviewer, officer = world.provincial_reviewer, world.unit_officer
    do_return(sotc, message="Bản quét mờ", deadline=in_days(5), actor=reviewer)
    old = do_add_file(sotc, "HT1", pdf("danh-sach.pdf"), actor=officer)
    do_add_link(sotc, "NL1", title="QĐ 5", actor=officer)
    do_submit(sotc, actor=world.unit_head, declaration=DECLARED)
    do_return(sotc, message="Vẫn mờ", deadline=in_days(6), actor=reviewer)
    do_remove_file(old, actor=officer)
    do_add_file(sotc, "HT1", pdf("danh-sach.pdf"), actor=officer)
    do_submit(sotc, actor=world.unit_head, declaration=DECLARED)

    changes = changes_since_previous_submission(assessment_of(sotc))
    assert set(changes) == {"HT1"}
    assert changes["HT1"].added_evidence == ["danh-sach.pdf"]
    assert changes["HT1"].removed_evidence == ["danh-sach.pdf"]


def test_the_second_return_is_numbered_2_and_sends_only_new_comments(world, sotc):
    reviewer = world.provincial_reviewer
    do_comment(sotc, "HT1", "Lần 1", actor=reviewer)
    do_return(sotc, message="", deadline=in_days(5), actor=reviewer)
    do_submit(sotc, actor=world.unit_head, declaration=DECLARED)
    do_comment(sotc, "HT1", "Lần 2", actor=reviewer)  # a new draft beside the sent one
    request = do_return(sotc, message="Vẫn thiếu", deadline=in_days(6), actor=reviewer)
    assert request.number == 2
    assert [c.text for c in request.comments.all()] == ["Lần 2"]
    assert ReviewComment.objects.get(text="Lần 1").sent_in.number == 1
    assert list(Submission.objects.values_list("number", flat=True)) == [1, 2]


def test_draft_comments_block_approval_until_sent_or_deleted(world, sotc):
    reviewer = world.provincial_reviewer
    do_comment(sotc, "HT1", "Thiếu danh sách", actor=reviewer)
    do_comment(sotc, "NL1", "Thiếu quyết định", actor=reviewer)
    with pytest.raises(ReviewRefused, match="have not been sent") as refused:
        do_approve(sotc, actor=reviewer)
    assert refused.value.problems == ["HT1: Thiếu danh sách", "NL1: Thiếu quyết định"]
    assert state_of(sotc) == AssessmentState.SUBMITTED
    do_comment(sotc, "HT1", "", actor=reviewer)
    do_comment(sotc, "NL1", " ", actor=reviewer)
    do_approve(sotc, actor=reviewer)
    assert state_of(sotc) == AssessmentState.APPROVED


def test_comments_already_sent_do_not_block_approval(world, sotc):
    reviewer = world.provincial_reviewer
    do_comment(sotc, "HT1", "Thiếu danh sách", actor=reviewer)
    do_return(sotc, message="", deadline=in_days(5), actor=reviewer)
    do_submit(sotc, actor=world.unit_head, declaration=DECLARED)
    assessment = do_approve(sotc, actor=reviewer)
    assert assessment.state == AssessmentState.APPROVED
    assert assessment.approved_by == reviewer


# --- who is told ---------------------------------------------------------------------------


def test_submitting_tells_the_reviewers_of_the_unit_only(world):
    submitted(world.participants["sotc"], world.unit_head)
    assert recipients("submitted") == {"provincial_reviewer"}
    notice = Notice.objects.get(kind="submitted")
    assert "Sở Tài chính" in notice.title and "2019" in notice.title
    assert notice.url.endswith("/K01-05/")

    submitted(world.participants["lacdao"], world.commune_officer)
    assert {n.recipient.username for n in Notice.objects.filter(title__contains="Lạc Đạo")} == {
        "district_reviewer"
    }


def test_returning_tells_the_units_people_with_the_message_and_deadline(world, sotc):
    deadline = in_days(5)
    do_return(sotc, message="Bổ sung HT1", deadline=deadline, actor=world.provincial_reviewer)
    assert recipients("returned") == {"unit_head", "unit_officer"}
    for notice in Notice.objects.filter(kind="returned"):
        assert notice.body.startswith("Bổ sung HT1")
        assert deadline.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M") in notice.body
        assert "/K01-05/" in notice.url


def test_approving_tells_the_units_people(world, sotc):
    do_approve(sotc, actor=world.provincial_reviewer)
    assert recipients("approved") == {"unit_head", "unit_officer"}


def test_a_refused_action_tells_nobody(world, sotc):
    reviewer = world.provincial_reviewer
    do_comment(sotc, "HT1", "x", actor=reviewer)
    with pytest.raises(ReviewRefused):
        do_approve(sotc, actor=reviewer)
    with pytest.raises(ReviewRefused):
        do_return(sotc, message="x", deadline=in_days(-1), actor=reviewer)
    assert not Notice.objects.exclude(kind="submitted").exists()
