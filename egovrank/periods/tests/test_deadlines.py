"""Deadlines are typed and shown in Vietnam time (UTC+7), dd/mm/yyyy HH:MM, whatever
the server's clock zone; they are stored as moments."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.periods.models import Period

from .helpers import said

pytestmark = pytest.mark.django_db


def test_a_deadline_typed_at_17_00_is_17_00_in_hanoi(world, client_as):
    response = client_as("administrator").post(
        reverse("periods:deadlines", kwargs={"year": 2019}),
        {
            "self_assessment_deadline": "2019-03-31T17:00",
            "review_deadline": "2019-04-30T08:30",
            "revision_deadline": "",
        },
    )
    assert response.status_code == 302
    period = Period.objects.get(year=2019)
    assert period.self_assessment_deadline == datetime(2019, 3, 31, 10, 0, tzinfo=UTC)
    assert period.review_deadline == datetime(2019, 4, 30, 1, 30, tzinfo=UTC)
    assert period.revision_deadline is None


def test_the_pages_show_deadlines_in_vietnam_time(world, client_as):
    Period.objects.filter(year=2019).update(
        self_assessment_deadline=datetime(2019, 3, 31, 10, 0, tzinfo=UTC),
        review_deadline=datetime(2019, 4, 30, 20, 0, tzinfo=UTC),  # 03:00 next day in Hà Nội
    )
    client = client_as("administrator")
    for url in (
        reverse("periods:list"),
        reverse("periods:detail", kwargs={"year": 2019}),
    ):
        page = client.get(url).content.decode()
        assert "31/03/2019 17:00" in page
        assert "01/05/2019 03:00" in page
    dashboard = client.get(reverse("periods:dashboard", kwargs={"year": 2019})).content.decode()
    assert "31/03/2019 17:00" in dashboard


def test_the_form_shows_the_current_deadline_in_vietnam_time(world, client_as):
    Period.objects.filter(year=2019).update(
        self_assessment_deadline=datetime(2019, 3, 31, 10, 0, tzinfo=UTC)
    )
    page = client_as("administrator").get(reverse("periods:detail", kwargs={"year": 2019}))
    assert 'type="datetime-local" name="self_assessment_deadline" value="2019-03-31T17:00"' in (
        page.content.decode()
    )


def test_a_date_that_is_not_one_is_named(world, client_as):
    response = client_as("administrator").post(
        reverse("periods:deadlines", kwargs={"year": 2019}),
        {"self_assessment_deadline": "31 March"},
    )
    assert response.status_code == 400
    assert "Enter a valid date/time." in response.content.decode()


def test_the_deadlines_change_is_recorded_with_before_and_after(world, client_as):
    old = Period.objects.get(year=2019).self_assessment_deadline
    client_as("administrator").post(
        reverse("periods:deadlines", kwargs={"year": 2019}),
        {"self_assessment_deadline": "2019-03-31T17:00"},
    )
    event = AuditEvent.objects.get(action="period.deadlines_changed")
    assert event.actor == world.administrator
    assert event.data["before"]["self_assessment_deadline"] == old.isoformat()
    assert event.data["after"]["self_assessment_deadline"] == "2019-03-31T17:00:00+07:00"


def test_an_open_period_keeps_a_self_assessment_deadline(world, client_as):
    old = Period.objects.get(year=2019).self_assessment_deadline
    response = client_as("administrator").post(
        reverse("periods:deadlines", kwargs={"year": 2019}), {"self_assessment_deadline": ""}
    )
    assert said(response) == "An open period needs its self-assessment deadline."
    assert Period.objects.get(year=2019).self_assessment_deadline == old
