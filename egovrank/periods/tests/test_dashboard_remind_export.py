"""The dashboard's Excel export and "remind now": who would be reminded (shown before
anything is sent), the notices, e-mails and history of what is sent, and who may."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from egovrank.accounts.models import User
from egovrank.assessments.models import Assessment
from egovrank.core.models import AuditEvent
from egovrank.notifications.models import Notice, ReminderSent
from egovrank.periods.models import Participant, Period
from egovrank.testing.formulas import HOSTILE_NAMES, assert_xlsx_keeps_as_text

pytestmark = pytest.mark.django_db


def remind_url(world):
    return reverse("periods:remind", kwargs={"year": world.period.year})


def reminded_units(response):
    return [r.participant.unit_code for r in response.context["due"].sent]


# --- the confirmation --------------------------------------------------------------------


def test_the_confirmation_lists_each_late_unit_and_who_is_told_and_sends_nothing(world, client_as):
    Assessment.objects.create(participant=world.participants["lacdao"], state="submitted")
    response = client_as("administrator").get(remind_url(world))
    assert response.status_code == 200
    # Sở Tài chính has an officer and a head; Lạc Đạo submitted; the others have nobody.
    assert reminded_units(response) == ["K01-05"]
    html = response.content.decode()
    assert "This reminder goes to 1 unit:" in html
    assert "Unit Officer, Unit Head" in html
    assert '<input type="hidden" name="unit" value="K01-05">' in html
    assert "csrfmiddlewaretoken" in html
    nobody = [r.participant.unit_name for r in response.context["due"].nobody_to_tell]
    assert "Xã Chỉ Đạo" in nobody and "Xã Lạc Đạo" not in nobody
    assert (
        Notice.objects.count() == 0
        and not AuditEvent.objects.filter(action="participant.reminded").exists()
    )


def test_a_unit_that_owes_nothing_or_is_past_its_deadline_is_not_due(world, client_as):
    client = client_as("administrator")
    Assessment.objects.create(participant=world.participants["sotc"], state="submitted")
    response = client.get(remind_url(world), {"unit": "K01-05"})
    assert reminded_units(response) == []
    assert "This unit is not due a reminder now" in response.content.decode()
    Assessment.objects.filter(participant=world.participants["sotc"]).update(state="draft")
    assert reminded_units(client.get(remind_url(world), {"unit": "K01-05"})) == ["K01-05"]
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(hours=1)
    )
    assert reminded_units(client.get(remind_url(world), {"unit": "K01-05"})) == []


# --- sending ------------------------------------------------------------------------------


def test_sending_tells_the_unit_s_people_by_notice_and_mail_and_records_it(
    world, client_as, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=world.unit_head.pk).update(email="head@sotc.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("administrator").post(
            remind_url(world), {"unit": ["K01-05", "11989"]}, follow=True
        )
    assert response.redirect_chain[-1][0] == reverse("periods:dashboard", kwargs={"year": 2019})
    assert "Reminders sent to 2 units (3 notices)." in response.content.decode()
    notices = Notice.objects.filter(kind="reminder")
    assert sorted(n.recipient.username for n in notices) == [
        "commune_officer",
        "unit_head",
        "unit_officer",
    ]
    # The scheduled reminder's words, counted from now (the deadline is 14 days away).
    head = notices.get(recipient=world.unit_head)
    assert "Sở Tài chính" in head.title and "14" in head.title
    assert head.url == reverse("assessments:form", args=[2019, "K01-05"])
    assert [message.to for message in mail.outbox] == [["head@sotc.example"]]
    events = AuditEvent.objects.filter(action="participant.reminded").order_by("target_id")
    assert {e.target_id for e in events} == {
        str(world.participants["sotc"].pk),
        str(world.participants["lacdao"].pk),
    }
    assert all(e.actor_id == world.administrator.pk for e in events)
    sotc = events.get(target_id=str(world.participants["sotc"].pk))
    assert sotc.summary == "Sở Tài chính: reminder sent to 2 people"
    assert sorted(sotc.data["people"]) == sorted([world.unit_officer.pk, world.unit_head.pk])
    # The schedule is left alone: the 7-, 3- and 1-day reminders still go out.
    assert not ReminderSent.objects.exists()
    # The period's history shows it.
    page = client_as("administrator").get(reverse("periods:detail", kwargs={"year": 2019}))
    assert "reminder sent to 2 people" in page.content.decode()


def test_a_unit_no_longer_due_when_sending_is_skipped(world, client_as):
    Assessment.objects.create(participant=world.participants["sotc"], state="submitted")
    response = client_as("administrator").post(remind_url(world), {"unit": "K01-05"}, follow=True)
    assert "Nobody was due a reminder any more." in response.content.decode()
    assert not Notice.objects.exists()


def test_sending_needs_the_units_named(world, client_as):
    response = client_as("administrator").post(remind_url(world), {})
    assert response.status_code == 400
    assert "Choose the units to remind." in response.content.decode()
    assert not Notice.objects.exists()


def test_a_district_reviewer_reminds_only_the_communes_it_reviews(world, client_as):
    client = client_as("district_reviewer")
    assert reminded_units(client.get(remind_url(world))) == ["11989"]
    assert client.get(remind_url(world), {"unit": "K01-05"}).status_code == 404
    assert client.post(remind_url(world), {"unit": ["11989", "K01-05"]}).status_code == 404
    assert not Notice.objects.exists()  # all or nothing
    assert client.post(remind_url(world), {"unit": "11989"}).status_code == 302
    assert [n.recipient for n in Notice.objects.all()] == [world.commune_officer]


def test_the_dashboard_links_to_remind_while_forms_can_be_handed_in(world, client_as):
    client = client_as("administrator")
    url = reverse("periods:dashboard", kwargs={"year": 2019})
    html = client.get(url).content.decode()
    assert f'href="{remind_url(world)}"' in html
    assert f'href="{remind_url(world)}?unit=K01-05"' in html
    Period.objects.filter(pk=world.period.pk).update(state="published")
    html = client.get(url).content.decode()
    assert remind_url(world) not in html


# --- the export ---------------------------------------------------------------------------


def test_the_export_holds_what_the_dashboard_shows(world, client_as):
    Assessment.objects.create(participant=world.participants["sotc"], state="submitted")
    Assessment.objects.create(participant=world.participants["lacdao"], state="draft")
    response = client_as("administrator").get(
        reverse("periods:dashboard_export", kwargs={"year": 2019})
    )
    assert response["Content-Disposition"] == 'attachment; filename="dashboard-2019.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    summary = list(workbook["Summary"].iter_rows(values_only=True))
    assert summary[0] == (
        "Block",
        "Reviewed by",
        "Units",
        "Not started",
        "In draft",
        "of which missing evidence",
        "Submitted",
    )
    assert ("Khối 01", "All", 3, 2, 0, 0, 1) in summary
    assert ("Khối 03", "UBND huyện Văn Lâm", 2, 1, 1, 1, 0) in summary
    units = {row[2]: row for row in workbook["Units"].iter_rows(min_row=2, values_only=True)}
    assert units["K01-05"][4] == "Submitted"
    assert units["11989"][1] == "UBND huyện Văn Lâm"
    assert units["11989"][4] == "Draft"
    deadline = timezone.localtime(world.period.self_assessment_deadline).replace(tzinfo=None)
    assert abs(units["11989"][8] - deadline) < timedelta(seconds=1)


def test_the_export_writes_unit_names_a_spreadsheet_would_run_as_text(world, client_as):
    # Issue 15: every Excel the app writes keeps formula-like user text as text.
    participants = Participant.objects.filter(period=world.period).order_by("pk")
    assert participants.count() >= len(HOSTILE_NAMES)
    for participant, name in zip(participants, HOSTILE_NAMES, strict=False):
        Participant.objects.filter(pk=participant.pk).update(unit_name=name)
    response = client_as("administrator").get(
        reverse("periods:dashboard_export", kwargs={"year": 2019})
    )
    assert_xlsx_keeps_as_text(response.content)


def test_a_district_reviewer_s_export_holds_its_communes_only(world, client_as):
    response = client_as("district_reviewer").get(
        reverse("periods:dashboard_export", kwargs={"year": 2019})
    )
    workbook = load_workbook(io.BytesIO(response.content))
    codes = [row[2] for row in workbook["Units"].iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == ["11989", "11992"]


def test_in_review_only_a_returned_form_is_reminded_against_its_revision_deadline(world, client_as):
    Period.objects.filter(pk=world.period.pk).update(state="review")
    Assessment.objects.create(participant=world.participants["sotc"], state="draft")
    Assessment.objects.create(
        participant=world.participants["lacdao"],
        state="returned",
        revision_deadline=timezone.now() + timedelta(days=2),
    )
    client = client_as("administrator")
    html = client.get(reverse("periods:dashboard", kwargs={"year": 2019})).content.decode()
    assert f'href="{remind_url(world)}?unit=11989"' in html
    assert f'href="{remind_url(world)}?unit=K01-05"' not in html  # locked: it cannot submit
    due = client.get(remind_url(world)).context["due"].sent
    assert [(r.participant.unit_code, r.kind, r.days_before) for r in due] == [
        ("11989", "revision_reminder", 2)
    ]


def test_sending_needs_the_csrf_token_of_the_confirmation(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.administrator)
    assert client.post(remind_url(world), {"unit": "K01-05"}).status_code == 403
    assert not Notice.objects.exists()
    page = client.get(remind_url(world))
    token = page.context["csrf_token"]
    response = client.post(remind_url(world), {"unit": "K01-05", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Notice.objects.filter(kind="reminder").count() == 2
