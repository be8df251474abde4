"""Asking for password links is throttled, per e-mail address and per client address
(PASSWORD_RESET_MAX_REQUESTS within the lock-out period): the page answers 429 with
Retry-After and says when to try again, the same for addresses that belong to nobody."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from egovrank.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings):
    settings.PASSWORD_RESET_MAX_REQUESTS = 3
    settings.SIGNIN_LOCKOUT_MINUTES = 15


def ask(email: str, address: str = "203.0.113.7"):
    return Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en").post(
        "/account/password/reset/", {"email": email}
    )


def test_links_for_one_address_are_limited_and_the_page_says_when_to_return():
    User.objects.create(username="canbo", email="canbo@example.vn")
    for index in range(3):
        assert ask("canbo@example.vn", address=f"198.51.100.{index}").status_code == 302
    refused = ask("CANBO@example.vn", address="198.51.100.99")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 15 * 60
    assert "Too many" in refused.content.decode()
    assert len(mail.outbox) == 3
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert ask("canbo@example.vn", address="198.51.100.100").status_code == 302


def test_one_client_asking_for_many_addresses_is_limited():
    for index in range(3):
        assert ask(f"nobody{index}@example.vn").status_code == 302
    assert ask("nobody9@example.vn").status_code == 429
    assert ask("nobody9@example.vn", address="198.51.100.1").status_code == 302


def test_an_unknown_address_is_refused_the_same_way_as_a_known_one():
    for _ in range(3):
        ask("nobody@example.vn", address="198.51.100.1")
    assert ask("nobody@example.vn", address="198.51.100.2").status_code == 429
