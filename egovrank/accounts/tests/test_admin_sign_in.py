"""Django's admin sign-in (/admin/login/) is under the same lock-out as the app's: its
failures count, and a name locked at either page cannot sign in at the other."""

import pytest
from django.test import Client

from egovrank.accounts.models import SignInThrottle, User

pytestmark = pytest.mark.django_db

PASSWORD = "Một mật khẩu dài 2749"  # noqa: S105


@pytest.fixture
def staff(settings):
    settings.SIGNIN_MAX_FAILURES = 5
    user = User.objects.create(username="quantri", full_name="Quản trị", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def admin_sign_in(client: Client, password: str):
    return client.post("/admin/login/", {"username": "quantri", "password": password})


def test_a_name_locked_at_the_app_cannot_sign_in_at_the_admin(staff):
    for _ in range(5):
        Client().post("/account/sign-in/", {"username": "quantri", "password": "wrong"})
    client = Client()
    response = admin_sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"].isdigit()
    assert "_auth_user_id" not in client.session


def test_wrong_guesses_at_the_admin_count_and_lock_the_name(staff):
    for _ in range(12):
        admin_sign_in(Client(), "wrong")
    throttle = SignInThrottle.objects.get(username="quantri")
    assert throttle.failures == 5 and throttle.locked_until is not None
    response = Client().post("/account/sign-in/", {"username": "quantri", "password": PASSWORD})
    assert response.status_code == 429


def test_the_admin_still_signs_in_staff_with_the_right_password(staff):
    client = Client()
    admin_sign_in(client, "wrong")
    response = admin_sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert not SignInThrottle.objects.exists()


def test_the_admin_refuses_a_person_who_is_not_staff_without_counting_a_failure(staff):
    staff.is_staff = False
    staff.save()
    client = Client()
    response = admin_sign_in(client, PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["__all__"][0].code == "invalid_login"
    assert "_auth_user_id" not in client.session
    assert not SignInThrottle.objects.exists()
