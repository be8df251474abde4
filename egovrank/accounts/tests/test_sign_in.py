"""Signing in: the right password lets in, wrong ones count towards a lock-out."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from egovrank.accounts.models import SignInThrottle, User
from egovrank.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "Một mật khẩu dài 2749"  # noqa: S105


@pytest.fixture
def person():
    user = User.objects.create(username="canbo", full_name="Cán bộ")
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client: Client, username: str, password: str):
    return client.post(reverse("accounts:sign_in"), {"username": username, "password": password})


def test_it_signs_in_with_the_right_password_and_lands_on_the_workspace(person):
    response = sign_in(Client(), "canbo", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("front:workspace")


def test_it_stores_passwords_with_argon2(person):
    assert person.password.startswith("argon2$")


def test_a_wrong_password_says_how_many_attempts_are_left(person):
    response = sign_in(Client(), "canbo", "wrong")
    assert response.status_code == 200
    assert "4" in str(response.context["form"].non_field_errors())


def test_it_locks_the_name_after_five_failures_even_for_the_right_password(person, settings):
    settings.SIGNIN_MAX_FAILURES = 5
    client = Client()
    for _ in range(5):
        sign_in(client, "canbo", "wrong")
    response = sign_in(client, "canbo", PASSWORD)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 15 * 60 + 1
    assert response.context["form"].errors.as_data()["__all__"][0].code == "locked"
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="person.locked_out")
    assert event.target_id == str(person.pk) and event.actor is None


def test_the_lock_counts_names_case_insensitively(person):
    for name in ["CANBO", "CanBo", "canbo", "canbo ", "Canbo"]:
        sign_in(Client(), name, "wrong")
    assert SignInThrottle.objects.get(username="canbo").locked_until is not None


def test_the_lock_ends_after_the_lockout_period(person, settings):
    settings.SIGNIN_LOCKOUT_MINUTES = 15
    for _ in range(settings.SIGNIN_MAX_FAILURES):
        sign_in(Client(), "canbo", "wrong")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert sign_in(Client(), "canbo", PASSWORD).status_code == 302


def test_a_success_forgets_earlier_failures(person):
    sign_in(Client(), "canbo", "wrong")
    sign_in(Client(), "canbo", PASSWORD)
    assert not SignInThrottle.objects.exists()


def test_unknown_names_are_locked_too_so_the_lock_reveals_no_name(settings):
    for _ in range(settings.SIGNIN_MAX_FAILURES):
        response = sign_in(Client(), "nobody", "wrong")
    assert response.context["form"].errors.as_data()["__all__"][0].code == "locked"


def test_a_disabled_person_cannot_sign_in(person):
    person.is_active = False
    person.save()
    assert sign_in(Client(), "canbo", PASSWORD).status_code == 200


def test_signing_out_needs_a_post_and_ends_the_session(person):
    client = Client()
    client.force_login(person)
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    client.post(reverse("accounts:sign_out"))
    assert client.get(reverse("front:workspace")).status_code == 302
