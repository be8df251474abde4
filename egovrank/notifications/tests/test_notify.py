"""Telling people about a change: a notice for each person concerned but the one who
acted, and an e-mail once (and only if) the change commits."""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from egovrank.assessments.choices import AssessmentState
from egovrank.notifications.models import Notice
from egovrank.notifications.notify import (
    notify,
    notify_approved,
    notify_returned,
    notify_submitted,
)

from .conftest import form_of

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def recipients(notices):
    return sorted(notice.recipient.username for notice in notices)


def test_it_tells_everyone_but_the_person_who_acted(world):
    people = [world.unit_officer, world.unit_head]
    notices = notify(people, "test", "Một việc", actor=world.unit_head)
    assert recipients(notices) == ["unit_officer"]
    assert recipients(Notice.objects.all()) == ["unit_officer"]


def test_it_tells_everyone_when_nobody_acted(world):
    notices = notify([world.unit_officer, world.unit_head], "test", "Một việc", actor=None)
    assert recipients(notices) == ["unit_head", "unit_officer"]


def test_it_sends_the_email_only_after_the_change_commits(
    with_addresses, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://egov.hungyen.gov.vn/"
    world = with_addresses
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            [world.unit_officer, world.unit_head],
            "test",
            "Tiêu đề",
            "Nội dung",
            "/assessments/2019/K01-05/",
            actor=world.unit_head,
        )
        assert mailoutbox == []
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["unit_officer@example.org"]
    assert mail.subject == "Tiêu đề"
    assert mail.body == "Nội dung\n\nhttps://egov.hungyen.gov.vn/assessments/2019/K01-05/"
    assert mail.from_email == settings.DEFAULT_FROM_EMAIL


def test_it_sends_one_email_per_person_so_nobody_sees_the_others_address(
    with_addresses, mailoutbox, django_capture_on_commit_callbacks
):
    world = with_addresses
    with django_capture_on_commit_callbacks(execute=True):
        notify([world.unit_officer, world.unit_head], "test", "Tiêu đề", actor=None)
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "unit_head@example.org",
        "unit_officer@example.org",
    ]
    assert all(len(mail.to) == 1 for mail in mailoutbox)


def test_it_tells_nobody_when_the_change_rolls_back(
    with_addresses, mailoutbox, django_capture_on_commit_callbacks
):
    world = with_addresses
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([world.unit_officer], "test", "Tiêu đề", actor=None)
            raise RuntimeError("the action failed after notifying")
    assert callbacks == []
    assert mailoutbox == []
    assert not Notice.objects.exists()


def test_it_skips_the_email_for_people_without_an_address(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify([world.unit_officer], "test", "Tiêu đề", actor=None)
    assert callbacks == []
    assert mailoutbox == []
    assert Notice.objects.get().recipient == world.unit_officer


def test_a_mail_server_that_is_down_does_not_break_the_change(
    with_addresses, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = "egovrank.notifications.tests.test_notify.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notify([with_addresses.unit_officer], "test", "Tiêu đề", actor=None)
    assert Notice.objects.count() == 1
    assert "could not send 1 notification e-mails" in caplog.text


class BrokenBackend:
    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_a_returned_form_tells_the_unit_what_to_do_and_by_when(
    with_addresses, mailoutbox, django_capture_on_commit_callbacks
):
    world = with_addresses
    assessment = form_of(world, "sotc", AssessmentState.RETURNED)
    request = SimpleNamespace(
        deadline=datetime(2019, 5, 10, 17, 0, tzinfo=VIETNAM), message="Bổ sung minh chứng 1.2"
    )
    with django_capture_on_commit_callbacks(execute=True):
        notices = notify_returned(assessment, request, actor=world.provincial_reviewer)
    assert recipients(notices) == ["unit_head", "unit_officer"]
    notice = notices[0]
    assert notice.kind == "returned"
    assert notice.url == reverse("assessments:form", args=[2019, "K01-05"])
    assert "2019" in notice.title
    assert notice.body.startswith("Bổ sung minh chứng 1.2\n\n")
    assert "10/05/2019 17:00" in notice.body
    assert len(mailoutbox) == 2


def test_a_returned_form_without_a_deadline_says_no_date(world):
    assessment = form_of(world, "sotc", AssessmentState.RETURNED)
    request = SimpleNamespace(deadline=None, message="")
    notices = notify_returned(assessment, request, actor=world.provincial_reviewer)
    assert notices
    assert "/" not in notices[0].body  # no date: the old code printed "now" as the deadline


def test_an_approved_review_tells_the_unit(world):
    assessment = form_of(world, "lacdao", AssessmentState.APPROVED)
    notices = notify_approved(assessment, actor=world.district_reviewer)
    assert recipients(notices) == ["commune_officer"]
    assert notices[0].kind == "approved"
    assert notices[0].url == reverse("assessments:form", args=[2019, "11989"])


def test_a_submission_tells_the_units_reviewers_but_not_the_submitter(world):
    try:
        reverse("review:detail", args=[2019, "11989"])
    except NoReverseMatch:
        pytest.skip("the review pages are not there yet")
    assessment = form_of(world, "lacdao", AssessmentState.SUBMITTED)
    notices = notify_submitted(assessment, actor=world.commune_officer)
    assert recipients(notices) == ["district_reviewer"]
    assert "Xã Lạc Đạo" in notices[0].title
    assert notices[0].url == reverse("review:detail", args=[2019, "11989"])
