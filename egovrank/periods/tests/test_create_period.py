"""The administrator creates a period from the list page's "new period" form."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_it_creates_a_draft_period_with_its_deadlines(world, client_as):
    response = client_as("administrator").post(
        reverse("periods:create"),
        {
            "year": 2020,
            "title": "Đánh giá năm 2020",
            "self_assessment_deadline": "2020-03-31T17:00",
            "review_deadline": "2020-04-30T17:00",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("periods:detail", kwargs={"year": 2020})
    period = Period.objects.get(year=2020)
    assert period.state == PeriodState.DRAFT
    assert period.title == "Đánh giá năm 2020"
    assert period.self_assessment_deadline == datetime(2020, 3, 31, 17, tzinfo=VIETNAM)
    assert period.review_deadline == datetime(2020, 4, 30, 17, tzinfo=VIETNAM)
    assert period.revision_deadline is None


def test_it_records_who_created_the_period(world, client_as):
    client_as("administrator").post(reverse("periods:create"), {"year": 2020, "title": "2020"})
    event = AuditEvent.objects.get(action="period.created")
    assert event.actor == world.administrator
    assert event.data == {"year": 2020, "title": "2020"}


def test_it_says_when_the_year_has_a_period_already(world, client_as):
    response = client_as("administrator").post(
        reverse("periods:create"), {"year": 2019, "title": "Again"}
    )
    assert response.status_code == 400
    assert "A period for 2019 already exists." in response.content.decode()
    assert Period.objects.count() == 1


def test_it_names_the_missing_fields(world, client_as):
    response = client_as("administrator").post(reverse("periods:create"), {"year": ""})
    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"year", "title"}


def test_the_list_shows_each_period_with_its_state_and_deadlines(world, client_as):
    response = client_as("unit_officer").get(reverse("periods:list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Open for self-assessment" in page
    assert reverse("periods:detail", kwargs={"year": 2019}) in page
    # Only the administrator is offered the form for a new period.
    assert reverse("periods:create") not in page
    admin_page = client_as("administrator").get(reverse("periods:list")).content.decode()
    assert reverse("periods:create") in admin_page
