"""The administrator moves a period through the cycle; each move records who and why."""

import pytest
from django.urls import reverse

from egovrank.core.models import AuditEvent
from egovrank.periods.choices import PeriodState

from .helpers import said

pytestmark = pytest.mark.django_db

# Closing the self-assessment before units' deadlines needs a reason.
CLOSING = "Hết hạn tự đánh giá"


def move(client, period, to_state, reason=""):
    return client.post(
        reverse("periods:change_state", kwargs={"year": period.year}),
        {"to_state": to_state, "reason": reason, "confirmed": "yes"},
    )


def state_events(period):
    return list(
        AuditEvent.objects.filter(action="period.state_changed", target_id=str(period.pk)).order_by(
            "id"
        )
    )


def test_it_opens_the_review_and_records_the_move(world, client_as):
    admin = client_as("administrator")
    response = move(admin, world.period, PeriodState.REVIEW, "Hết hạn tự đánh giá")
    assert response.status_code == 302
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.REVIEW
    [event] = state_events(world.period)
    assert (event.data["before"], event.data["after"], event.data["reason"]) == (
        "self_assessment",
        "review",
        "Hết hạn tự đánh giá",
    )
    assert event.actor == world.administrator


@pytest.mark.parametrize("to_state", [PeriodState.FINALISED, PeriodState.PUBLISHED])
def test_finalising_and_publishing_are_not_generic_moves(world, client_as, to_state):
    # They check the reviews and write the results: only the results page does them.
    admin = client_as("administrator")
    move(admin, world.period, PeriodState.REVIEW, "Hết hạn tự đánh giá")
    response = move(admin, world.period, to_state, "Quyết định 123/QĐ-UBND")
    assert response.status_code == 400
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.REVIEW


def test_a_finalised_period_goes_back_to_review_with_a_reason(world, client_as):
    world.period.state = PeriodState.FINALISED
    world.period.save()
    admin = client_as("administrator")
    assert move(admin, world.period, PeriodState.REVIEW, "").status_code == 400
    response = move(admin, world.period, PeriodState.REVIEW, "Phát hiện sai sót khi kiểm tra")
    assert response.status_code == 302
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.REVIEW
    assert state_events(world.period)[-1].data == {
        "before": "finalised",
        "after": "review",
        "reason": "Phát hiện sai sót khi kiểm tra",
    }


def test_the_success_message_names_the_new_state(world, client_as):
    response = move(client_as("administrator"), world.period, PeriodState.REVIEW, CLOSING)
    assert said(response) == "The period is now “In review”."


def test_going_back_needs_a_reason(world, client_as):
    admin = client_as("administrator")
    move(admin, world.period, PeriodState.REVIEW, CLOSING)
    response = move(admin, world.period, PeriodState.SELF_ASSESSMENT, "  ")
    assert response.status_code == 400
    assert "Give the reason for going back." in response.content.decode()
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.REVIEW


def test_going_back_with_a_reason_is_recorded(world, client_as):
    admin = client_as("administrator")
    move(admin, world.period, PeriodState.REVIEW, CLOSING)
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
    # The states by their labels, never their codes.
    assert "State: Open for self-assessment → In review (Hết hạn)" in page


def test_a_move_the_cycle_does_not_have_is_refused(world, client_as):
    response = move(client_as("administrator"), world.period, PeriodState.PUBLISHED)
    assert response.status_code == 400
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.SELF_ASSESSMENT
    assert state_events(world.period) == []


def test_a_published_period_offers_no_move(world, client_as):
    world.period.state = PeriodState.PUBLISHED
    world.period.save()
    admin = client_as("administrator")
    response = admin.get(reverse("periods:detail", kwargs={"year": 2019}))
    assert response.context["state_forms"] == []
    assert reverse("periods:change_state", kwargs={"year": 2019}) not in response.content.decode()
    assert move(admin, world.period, PeriodState.REVIEW, "x").status_code == 400


def test_in_review_the_page_offers_going_back_and_the_results_page(world, client_as):
    admin = client_as("administrator")
    move(admin, world.period, PeriodState.REVIEW, CLOSING)
    page = admin.get(reverse("periods:detail", kwargs={"year": 2019})).content.decode()
    assert "Move on to “Finalised”" not in page
    assert "Go back to “Open for self-assessment”" in page
    assert "Reason for going back" in page
    assert reverse("results:period", kwargs={"year": 2019}) in page


def test_once_finalised_the_page_offers_going_back_to_review(world, client_as):
    world.period.state = PeriodState.FINALISED
    world.period.save()
    page = (
        client_as("administrator")
        .get(reverse("periods:detail", kwargs={"year": 2019}))
        .content.decode()
    )
    assert "Go back to “In review”" in page
    assert "Move on to “Published”" not in page
    assert reverse("results:period", kwargs={"year": 2019}) in page
