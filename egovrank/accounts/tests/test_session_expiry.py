"""A session ends after SESSION_IDLE_MINUTES without a request, and each request renews it."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_the_default_idle_limit_is_thirty_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_RENEW_SECONDS == 60


def test_the_session_is_written_at_most_once_a_minute(world):
    from django.contrib.sessions.models import Session

    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(world.unit_officer)
        client.get(reverse("front:workspace"))
        first = Session.objects.get().expire_date
        clock.move_to(start + timedelta(seconds=30))
        client.get(reverse("front:workspace"))
        assert Session.objects.get().expire_date == first  # not written again
        clock.move_to(start + timedelta(seconds=61))
        client.get(reverse("front:workspace"))
        assert Session.objects.get().expire_date > first


def test_it_signs_out_after_thirty_idle_minutes(world):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(world.unit_officer)
        assert client.get(reverse("front:workspace")).status_code == 200
        clock.move_to(start + timedelta(minutes=31))
        response = client.get(reverse("front:workspace"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_activity_keeps_the_session_alive(world):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(world.unit_officer)
        for minutes in (20, 40, 60):
            clock.move_to(start + timedelta(minutes=minutes))
            assert client.get(reverse("front:workspace")).status_code == 200
