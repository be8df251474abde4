"""The administrator moves a period through the cycle; each move records who and why."""

import pytest
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.periods.choices import PeriodState

from .helpers import said

pytestmark = pytest.mark.django_db


def move(client, period, to_state, reason=""):
    return client.post(
        reverse("periods:change_state", kwargs={"year": period.year}),
        {"to_state": to_state, "reason": reason},
    )


def state_events(period):
    return list(
        AuditEvent.objects.filter(action="period.state_changed", target_id=str(period.pk)).order_by(
            "id"
        )
    )


def test_it_goes_through_the_whole_cycle_and_records_each_move(world, client_as):
    admin = client_as("administrator")
    period = world.period
    for to_state, note in [
        (PeriodState.REVIEW, "Hết hạn tự đánh giá"),
        (PeriodState.FINALISED, ""),
        (PeriodState.PUBLISHED, "Quyết định 123/QĐ-UBND"),
    ]:
        response = move(admin, period, to_state, note)
        assert response.status_code == 302
        period.refresh_from_db()
        assert period.state == to_state
    events = state_events(period)
    assert [(e.data["before"], e.data["after"], e.data["reason"]) for e in events] == [
        ("self_assessment", "review", "Hết hạn tự đánh giá"),
        ("review", "finalised", ""),
        ("finalised", "published", "Quyết định 123/QĐ-UBND"),
    ]
    assert {event.actor for event in events} == {world.administrator}


def test_the_success_message_names_the_new_state(world, client_as):
    response = move(client_as("administrator"), world.period, PeriodState.REVIEW)
    assert said(response) == "The period is now “In review”."


def test_going_back_needs_a_reason(world, client_as):
    admin = client_as("administrator")
    move(admin, world.period, PeriodState.REVIEW)
    response = move(admin, world.period, PeriodState.SELF_ASSESSMENT, "  ")
    assert response.status_code == 400
    assert "Give the reason for going back." in response.content.decode()
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.REVIEW


def test_going_back_with_a_reason_is_recorded(world, client_as):
    admin = client_as("administrator")
    move(admin, world.period, PeriodState.REVIEW)
    response = move(admin, world.period, PeriodState.SELF_ASSESSMENT, "Hệ thống lỗi 3 ngày")
    assert response.status_code == 302
    last = state_events(world.period)[-1]
    assert last.data == {
        "before": "review",
        "after": "self_assessment",
        "reason": "Hệ thống lỗi 3 ngày",
    }
    assert "Hệ thống lỗi 3 ngày" in last.summary


def test_the_history_on_the_page_shows_the_moves_and_their_reasons(world, client_as):
    admin = client_as("administrator")
    move(admin, world.period, PeriodState.REVIEW, "Hết hạn")
    page = admin.get(reverse("periods:detail", kwargs={"year": 2019})).content.decode()
    assert "self_assessment → review (Hết hạn)" in page


def test_a_move_the_cycle_does_not_have_is_refused(world, client_as):
    response = move(client_as("administrator"), world.period, PeriodState.PUBLISHED)
    assert response.status_code == 400
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.SELF_ASSESSMENT
    assert state_events(world.period) == []


def test_a_published_period_offers_no_move(world, client_as):
    admin = client_as("administrator")
    for to_state in (PeriodState.REVIEW, PeriodState.FINALISED, PeriodState.PUBLISHED):
        move(admin, world.period, to_state)
    response = admin.get(reverse("periods:detail", kwargs={"year": 2019}))
    assert response.context["state_forms"] == []
    assert reverse("periods:change_state", kwargs={"year": 2019}) not in response.content.decode()


def test_the_page_offers_the_next_and_previous_moves(world, client_as):
    admin = client_as("administrator")
    move(admin, world.period, PeriodState.REVIEW)
    page = admin.get(reverse("periods:detail", kwargs={"year": 2019})).content.decode()
    assert "Move on to “Finalised”" in page
    assert "Go back to “Open for self-assessment”" in page
    assert "Reason for going back" in page
