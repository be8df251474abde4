"""The administrator gives one unit more time, with a reason; the unit's deadline moves
and the page and the history show it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant, Period

from .helpers import local_input, said

pytestmark = pytest.mark.django_db


def extend(client, participant, until, reason):
    return client.post(
        reverse("periods:extend", kwargs={"year": participant.period.year}),
        {"participant": participant.pk, "until": local_input(until), "reason": reason},
    )


def later(world, days=7):
    # Whole minutes: the form takes hours and minutes.
    deadline = world.period.self_assessment_deadline.replace(second=0, microsecond=0)
    return deadline + timedelta(days=days)


def test_it_moves_the_units_deadline_and_records_why(world, client_as):
    lacdao = world.participants["lacdao"]
    until = later(world)
    response = extend(client_as("administrator"), lacdao, until, "Lũ lụt làm mất điện")
    assert said(response) == "Xã Lạc Đạo has more time to self-assess."
    lacdao.refresh_from_db()
    assert lacdao.extended_until == until
    assert lacdao.deadline == until
    assert lacdao.extension_reason == "Lũ lụt làm mất điện"
    assert lacdao.extended_by == world.administrator
    event = AuditEvent.objects.get(action="participant.extended")
    assert event.actor == world.administrator
    assert event.data["reason"] == "Lũ lụt làm mất điện"
    # Other units keep the period's deadline.
    assert world.participants["chidao"].deadline == world.period.self_assessment_deadline


def test_it_needs_a_reason(world, client_as):
    lacdao = world.participants["lacdao"]
    response = extend(client_as("administrator"), lacdao, later(world), "   ")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    lacdao.refresh_from_db()
    assert lacdao.extended_until is None


def test_it_must_end_after_the_periods_deadline(world, client_as):
    lacdao = world.participants["lacdao"]
    response = extend(client_as("administrator"), lacdao, later(world, days=-1), "Sớm hơn")
    assert response.status_code == 400
    assert "An extension must end after the period&#x27;s deadline" in response.content.decode()


def test_the_page_shows_the_extension_and_the_reason_to_the_provinces_staff(world, client_as):
    until = datetime(2019, 4, 15, 17, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=until - timedelta(days=10)
    )
    extend(client_as("administrator"), world.participants["lacdao"], until, "Lũ lụt")
    for persona in ("administrator", "provincial_reviewer"):
        page = client_as(persona).get(reverse("periods:detail", kwargs={"year": 2019}))
        text = page.content.decode()
        assert "extended to 15/04/2019 17:00" in text
        assert "Lũ lụt" in text
    # Others see the new deadline, not the reason.
    text = client_as("commune_officer").get(reverse("periods:detail", kwargs={"year": 2019}))
    assert "extended to 15/04/2019 17:00" in text.content.decode()
    assert "Lũ lụt" not in text.content.decode()


def test_it_is_refused_once_self_assessment_is_over(world, client_as):
    Period.objects.filter(pk=world.period.pk).update(state=PeriodState.REVIEW)
    world.period.refresh_from_db()
    admin = client_as("administrator")
    page = admin.get(reverse("periods:detail", kwargs={"year": 2019}))
    assert "extension_form" not in page.context
    response = extend(admin, world.participants["lacdao"], later(world), "Muộn")
    assert said(response) == "Self-assessment is over in this period."
    assert Participant.objects.get(pk=world.participants["lacdao"].pk).extended_until is None
