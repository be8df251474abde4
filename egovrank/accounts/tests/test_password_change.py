"""A signed-in person changes their password and stays signed in."""

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.accounts.models import User

pytestmark = pytest.mark.django_db

OLD = "Mật khẩu cũ dài 2749"  # noqa: S105
NEW = "Mật khẩu mới dài 2025"  # noqa: S105


@pytest.fixture
def client_of_person():
    person = User.objects.create(username="canbo")
    person.set_password(OLD)
    person.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    return client


def test_it_changes_the_password_and_keeps_the_session(client_of_person):
    response = client_of_person.post(
        reverse("accounts:password_change"),
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    assert client_of_person.get(reverse("front:workspace")).status_code == 200
    assert User.objects.get(username="canbo").check_password(NEW)


def test_a_wrong_old_password_changes_nothing(client_of_person):
    response = client_of_person.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors
    assert User.objects.get(username="canbo").check_password(OLD)


def test_a_weak_new_password_is_refused(client_of_person):
    response = client_of_person.post(
        reverse("accounts:password_change"),
        {"old_password": OLD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert "new_password2" in response.context["form"].errors
