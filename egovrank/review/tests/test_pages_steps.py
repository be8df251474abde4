"""The steps that close or re-open a review through the page: returning the form with
the draft comments and a deadline, approving, re-opening, closing a form never
submitted."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.models import Assessment
from egovrank.assessments.queries import criteria_set_for
from egovrank.assessments.tests.conftest import client_of
from egovrank.periods.models import Period
from egovrank.review.actions import do_adjust, do_approve, do_comment
from egovrank.review.models import ReviewComment, RevisionRequest

LOCAL_INPUT = "%Y-%m-%dT%H:%M"
# The post of the confirmation step, which binds.
CONFIRMED = {"confirmed": "yes"}


def submit(participant):
    answers = plausible_answers(criteria_set_for(participant), seed=1)
    fill_demo_form(participant, answers, submit=True)


def url(world, name, key="sotc"):
    unit = world.participants[key].unit_code
    return reverse(f"review:{name}", kwargs={"year": world.period.year, "unit": unit})


def local(moment):
    return timezone.localtime(moment).strftime(LOCAL_INPUT)


def test_the_return_form_lists_the_comments_it_will_send(world):
    sotc = world.participants["sotc"]
    submit(sotc)
    do_comment(sotc, "HT1", "Gửi danh sách máy tính", actor=world.provincial_reviewer)
    html = client_of(world.provincial_reviewer).get(url(world, "detail")).content.decode()
    drafts = html[html.index('id="return-drafts"') :]
    assert "This comment goes to the unit with the return" in drafts
    assert "HT1</a>: Gửi danh sách máy tính" in drafts


def test_the_revision_deadline_defaults_to_the_periods(world):
    sotc = world.participants["sotc"]
    submit(sotc)
    deadline = timezone.now() + timedelta(days=20)
    Period.objects.filter(pk=world.period.pk).update(revision_deadline=deadline)
    html = client_of(world.provincial_reviewer).get(url(world, "detail")).content.decode()
    assert f'value="{local(deadline)}"' in html
    # Without one (or once it is past), a week from now.
    Period.objects.filter(pk=world.period.pk).update(revision_deadline=None)
    html = client_of(world.provincial_reviewer).get(url(world, "detail")).content.decode()
    week = timezone.now() + timedelta(days=7)
    assert f'value="{local(week)[:10]}' in html


def test_returning_sends_the_comments_with_the_deadline_in_vietnam_time(world):
    sotc = world.participants["sotc"]
    submit(sotc)
    do_comment(sotc, "HT1", "Gửi danh sách máy tính", actor=world.provincial_reviewer)
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(
        url(world, "return"),
        {"message": "Bổ sung minh chứng", "deadline": "2099-12-31T17:00", "confirmed": "yes"},
    )
    assert response.status_code == 302
    request = RevisionRequest.objects.get()
    assert request.message == "Bổ sung minh chứng"
    # 17:00 in Hà Nội is 10:00 UTC.
    assert (request.deadline.hour, request.deadline.minute) == (10, 0)
    assert ReviewComment.objects.get().sent_in == request
    assert Assessment.objects.get(participant=sotc).state == "returned"
    page = reviewer.get(response["Location"]).content.decode()
    assert "returned to the unit for revision (return 1)" in page
    assert "Returned to the unit for revision until" in page  # the lock now
    assert "Sent with return 1:" in page


def test_returning_with_nothing_to_say_is_refused(world):
    submit(world.participants["sotc"])
    future = local(timezone.now() + timedelta(days=3))
    response = client_of(world.provincial_reviewer).post(
        url(world, "return"), {"message": "", "deadline": future}
    )
    assert response.status_code == 400
    assert "Say what to revise" in response.content.decode()
    assert not RevisionRequest.objects.exists()


def test_returning_with_a_past_deadline_is_refused(world):
    submit(world.participants["sotc"])
    response = client_of(world.provincial_reviewer).post(
        url(world, "return"), {"message": "Bổ sung", "deadline": "2001-01-01T08:00"}
    )
    assert response.status_code == 400
    assert "must be in the future" in response.content.decode()
    assert Assessment.objects.get().state == "submitted"


def test_approving_closes_the_review(world):
    sotc = world.participants["sotc"]
    submit(sotc)
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(url(world, "approve"), CONFIRMED)
    assert response.status_code == 302
    assessment = Assessment.objects.get(participant=sotc)
    assert (assessment.state, assessment.approved_by) == ("approved", world.provincial_reviewer)
    page = reviewer.get(response["Location"]).content.decode()
    assert "The review is approved." in page
    assert "re-open it to change it" in page
    assert "Re-open the review" in page
    assert "/accept/" not in page


def test_approving_with_unsent_comments_is_refused_with_them_listed(world):
    sotc = world.participants["sotc"]
    submit(sotc)
    do_comment(sotc, "HT1", "Gửi danh sách máy tính", actor=world.provincial_reviewer)
    response = client_of(world.provincial_reviewer).post(url(world, "approve"))
    assert response.status_code == 409  # refused on the confirmation step already
    html = response.content.decode()
    problems = html[html.index('id="review-problems"') :]
    assert "have not been sent" in problems
    assert "HT1: Gửi danh sách máy tính" in problems
    assert Assessment.objects.get().state == "submitted"


def test_reopening_needs_a_reason(world):
    sotc = world.participants["sotc"]
    submit(sotc)
    do_approve(sotc, actor=world.provincial_reviewer)
    reviewer = client_of(world.provincial_reviewer)
    assert reviewer.post(url(world, "reopen"), {"reason": ""}).status_code == 400
    assert Assessment.objects.get().state == "approved"
    response = reviewer.post(url(world, "reopen"), {"reason": "Sai số liệu DVC1"})
    assert response.status_code == 302
    assert Assessment.objects.get().state == "in_review"


def test_a_form_never_submitted_is_closed_once_its_deadline_passed(world):
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(days=1)
    )
    reviewer = client_of(world.district_reviewer)
    page = reviewer.get(url(world, "detail", "lacdao")).content.decode()
    assert "Close as not submitted" in page
    response = reviewer.post(url(world, "not_submitted", "lacdao"), {"reason": "Quá hạn"})
    assert response.status_code == 302
    assert Assessment.objects.get(participant=world.participants["lacdao"]).state == (
        "not_submitted"
    )


def test_a_form_cannot_be_closed_before_its_deadline(world):
    reviewer = client_of(world.district_reviewer)
    page = reviewer.get(url(world, "detail", "lacdao")).content.decode()
    assert "Close as not submitted" not in page
    response = reviewer.post(url(world, "not_submitted", "lacdao"), {"reason": "Quá hạn"})
    assert response.status_code == 409
    assert "deadline has not passed yet" in response.content.decode()
    assert not Assessment.objects.exists()


def test_approving_first_shows_what_the_unit_will_see(world):
    sotc = world.participants["sotc"]
    submit(sotc)
    do_adjust(
        sotc,
        "HT1",
        value="5/10",
        reason="Chỉ 5 máy có chữ ký số",
        revision=0,
        actor=world.provincial_reviewer,
    )
    response = client_of(world.provincial_reviewer).post(url(world, "approve"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="confirm-verified"' in html and "Verified points:" in html
    adjustments = html[html.index('id="confirm-adjustments"') :]
    assert "HT1" in adjustments and "Chỉ 5 máy có chữ ký số" in adjustments
    assert 'name="confirmed" value="yes"' in html
    assert Assessment.objects.get().state != "approved"


def test_returning_first_shows_the_message_and_deadline_and_carries_them(world):
    submit(world.participants["sotc"])
    response = client_of(world.provincial_reviewer).post(
        url(world, "return"), {"message": "Bổ sung minh chứng", "deadline": "2099-12-31T17:00"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="confirm-message"' in html and "Bổ sung minh chứng" in html
    assert "31/12/2099" in html or "12/31/2099" in html
    assert 'name="deadline" value="2099-12-31T17:00"' in html
    assert not RevisionRequest.objects.exists()
