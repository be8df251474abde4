"""Cron's ``send_deadline_reminders``: units whose form is not in hear about their
deadline 7, 3 and 1 days before, once per step and deadline."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.reminders import send_deadline_reminders
from egovrank.notifications.models import Notice, ReminderSent
from egovrank.periods.choices import PeriodState

from .conftest import form_of

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = datetime(2019, 4, 30, 17, 0, tzinfo=VIETNAM)


@pytest.fixture
def due(world):
    """The 2019 period's deadline is 30/04/2019 17:00 Vietnam time. In the world only
    Sở Tài chính (officer and head) and Xã Lạc Đạo (officer) have people to tell."""
    world.period.self_assessment_deadline = DEADLINE
    world.period.save()
    return world


def run(*args, at):
    out, err = StringIO(), StringIO()
    with time_machine.travel(at, tick=False), translation.override("en"):
        call_command("send_deadline_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def told():
    return sorted((n.recipient.username, n.kind) for n in Notice.objects.all())


def test_it_reminds_the_people_of_each_unit_whose_form_is_not_in(
    due, with_addresses, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out, err = run(at=DEADLINE - timedelta(days=2))
    assert told() == [
        ("commune_officer", "reminder"),
        ("unit_head", "reminder"),
        ("unit_officer", "reminder"),
    ]
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "commune_officer@example.org",
        "unit_head@example.org",
        "unit_officer@example.org",
    ]
    assert out.splitlines()[-1] == "Sent 2 reminders (3 notices)."
    # Units with nobody to tell are named, so the administrator can give someone the role.
    assert (
        "2019 K01-09 Sở Xây dựng: due 30/04/2019 17:00, 3-day reminder: "
        "nobody in the unit has an account to tell"
    ) in [line.strip() for line in err.splitlines()]


def test_the_notice_gives_the_deadline_in_vietnam_time_and_links_to_the_form(due):
    run(at=DEADLINE - timedelta(hours=30))
    notice = Notice.objects.get(recipient=due.commune_officer)
    assert "Xã Lạc Đạo" in notice.title
    assert "2019" in notice.title
    assert "30/04/2019 17:00" in notice.body
    assert notice.url == reverse("assessments:form", args=[2019, "11989"])


def test_running_it_twice_sends_nothing_new(due):
    at = DEADLINE - timedelta(days=2)
    run(at=at)
    out, _err = run(at=at + timedelta(hours=1))
    assert out.splitlines()[-1] == "Sent 0 reminders (0 notices)."
    assert Notice.objects.count() == 3


def test_it_reminds_once_at_each_step_as_the_deadline_comes_near(due):
    for days_left in (10, 6.5, 6, 2.5, 2, 0.5, 0.25):
        run(at=DEADLINE - timedelta(days=days_left))
    steps = ReminderSent.objects.filter(participant=due.participants["lacdao"])
    assert sorted(steps.values_list("days_before", flat=True)) == [1, 3, 7]
    assert Notice.objects.filter(recipient=due.commune_officer).count() == 3


def test_a_late_first_run_sends_only_the_nearest_step(due):
    run(at=DEADLINE - timedelta(hours=12))
    assert list(
        ReminderSent.objects.filter(participant=due.participants["lacdao"]).values_list(
            "days_before", flat=True
        )
    ) == [1]
    assert Notice.objects.filter(recipient=due.commune_officer).count() == 1


def test_the_steps_can_be_chosen(due):
    run("--days", "5", "--days", "2,1", at=DEADLINE - timedelta(days=4))
    assert set(ReminderSent.objects.values_list("days_before", flat=True)) == {5}


@pytest.mark.parametrize("days", ["0", "two", "3,,1", "-1"])
def test_steps_that_are_not_whole_days_are_refused(due, days):
    with pytest.raises(CommandError, match="--days"):
        run("--days", days, at=DEADLINE - timedelta(days=2))
    assert not Notice.objects.exists()


def test_a_dry_run_lists_them_and_sends_nothing(
    due, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        out, _err = run("--dry-run", at=DEADLINE - timedelta(days=2))
    lines = out.splitlines()
    assert "2019 K01-05 Sở Tài chính: due 30/04/2019 17:00, 3-day reminder" in lines[0]
    assert "2019 11989 Xã Lạc Đạo: due 30/04/2019 17:00, 3-day reminder" in lines[1]
    assert lines[-1] == "Dry run: 2 reminders would be sent; nothing was sent."
    assert callbacks == []
    assert mailoutbox == []
    assert not Notice.objects.exists()
    assert not ReminderSent.objects.exists()


@pytest.mark.parametrize(
    "state",
    [
        AssessmentState.SUBMITTED,
        AssessmentState.IN_REVIEW,
        AssessmentState.APPROVED,
        AssessmentState.NOT_SUBMITTED,
    ],
)
def test_a_form_that_is_in_is_not_reminded(due, state):
    form_of(due, "lacdao", state)
    run(at=DEADLINE - timedelta(days=2))
    assert not Notice.objects.filter(recipient=due.commune_officer).exists()


def test_a_draft_is_reminded_like_a_form_not_started(due):
    form_of(due, "lacdao", AssessmentState.DRAFT)
    run(at=DEADLINE - timedelta(days=2))
    assert Notice.objects.filter(recipient=due.commune_officer, kind="reminder").exists()


def test_an_extension_is_a_new_deadline_and_gets_its_own_reminder(due):
    lacdao = due.participants["lacdao"]
    run(at=DEADLINE - timedelta(days=2))
    lacdao.extended_until = DEADLINE + timedelta(days=1)
    lacdao.save()
    out, _err = run(at=DEADLINE - timedelta(days=1, hours=12))
    assert "Xã Lạc Đạo: due 01/05/2019 17:00, 3-day reminder" in out
    assert "Sở Tài chính" not in out  # its deadline and step are unchanged
    assert Notice.objects.filter(recipient=due.commune_officer).count() == 2


def test_nothing_is_sent_once_the_deadline_has_passed(due):
    out, _err = run(at=DEADLINE + timedelta(minutes=1))
    assert not Notice.objects.exists()
    assert out.splitlines()[-1] == "Sent 0 reminders (0 notices)."


def test_periods_not_open_for_self_assessment_are_left_alone(due):
    due.period.state = PeriodState.DRAFT
    due.period.save()
    run(at=DEADLINE - timedelta(days=2))
    due.period.state = PeriodState.REVIEW
    due.period.save()
    run(at=DEADLINE - timedelta(days=2))
    assert not Notice.objects.exists()


def test_a_returned_form_is_reminded_of_its_revision_deadline(due):
    revision = DEADLINE + timedelta(days=20)
    due.period.state = PeriodState.REVIEW
    due.period.save()
    form_of(due, "sotc", AssessmentState.RETURNED, revision_deadline=revision)
    run(at=revision - timedelta(hours=20))
    assert told() == [("unit_head", "revision_reminder"), ("unit_officer", "revision_reminder")]
    notice = Notice.objects.filter(recipient=due.unit_officer).get()
    assert "20/05/2019 17:00" in notice.body


def test_a_returned_form_without_its_own_deadline_uses_the_periods(due):
    revision = DEADLINE + timedelta(days=20)
    due.period.revision_deadline = revision
    due.period.save()
    form_of(due, "lacdao", AssessmentState.RETURNED)
    run(at=revision - timedelta(days=5))
    assert ReminderSent.objects.get().deadline == revision


def test_the_reminder_function_returns_what_it_sent(due):
    result = send_deadline_reminders(now=DEADLINE - timedelta(days=2))
    assert [(r.participant.unit_code, r.kind, r.days_before) for r in result.sent] == [
        ("K01-05", "reminder", 3),
        ("11989", "reminder", 3),
    ]
    assert result.sent[0].deadline == DEADLINE
    assert result.notice_count == 3
    assert "K01-09" in [r.participant.unit_code for r in result.nobody_to_tell]
    with pytest.raises(ValueError):
        send_deadline_reminders([0], now=DEADLINE)
