"""Guessing tokens is throttled per client address: after API_TOKEN_MAX_FAILURES failed
token authentications, that address is answered 429 (the API's error shape, with
Retry-After) until the lock-out period ends; other addresses are not affected."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from egovrank.accounts.models import User
from egovrank.api.actions import do_create_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret(settings):
    settings.API_TOKEN_MAX_FAILURES = 3
    settings.SIGNIN_LOCKOUT_MINUTES = 15
    person = User.objects.create(username="canbo")
    return do_create_token(person, "Cổng dịch vụ công", actor=person)[1]


def call(token: str, address: str = "203.0.113.7", **headers: str):
    return Client(REMOTE_ADDR=address).get(
        "/api/v1/criteria/", HTTP_AUTHORIZATION=f"Token {token}", **headers
    )


def test_failed_tokens_lock_the_address_out_with_the_error_shape(secret):
    for _ in range(3):
        assert call("egv_guess_wrong").status_code == 401
    refused = call("egv_guess_wrong")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 15 * 60
    error = refused.json()["errors"][0]
    assert error["code"] == "throttled" and error["message"]
    # The right token from that address waits too; another address is not affected.
    assert call(secret).status_code == 429
    assert call(secret, address="198.51.100.9").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert call(secret).status_code == 200


def test_successes_are_not_counted(secret):
    for _ in range(10):
        assert call(secret).status_code == 200


def test_behind_a_trusted_proxy_the_address_is_the_one_it_saw(secret, settings):
    settings.TRUST_X_REAL_IP = True
    for _ in range(3):
        call("egv_guess_wrong", address="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert call(secret, address="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7").status_code == 429
    assert call(secret, address="127.0.0.1", HTTP_X_REAL_IP="198.51.100.9").status_code == 200


def test_without_trust_a_sent_x_real_ip_changes_nothing(secret):
    for index in range(3):
        call("egv_guess_wrong", HTTP_X_REAL_IP=f"192.0.2.{index}")
    assert call(secret, HTTP_X_REAL_IP="192.0.2.200").status_code == 429
