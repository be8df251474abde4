"""Django's own messages that reach the sign-in and password pages (its field
validators and password validators) are in Vietnamese, like the app's."""

from __future__ import annotations

import pytest
from django.test import Client

from egovrank.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Một mật khẩu dài 2749"  # noqa: S105


@pytest.fixture
def person():
    user = User.objects.create(username="canbo", full_name="Cán bộ", email="canbo@example.vn")
    user.set_password(PASSWORD)
    user.save()
    return user


def errors(response) -> list[str]:
    form = response.context["form"]
    return [str(message) for messages in form.errors.values() for message in messages]


def in_both_languages(send) -> tuple[list[str], list[str]]:
    return errors(send(Client(HTTP_ACCEPT_LANGUAGE="vi"))), errors(
        send(Client(HTTP_ACCEPT_LANGUAGE="en"))
    )


def assert_translated(send, expected_vi: str) -> None:
    vi, en = in_both_languages(send)
    assert vi and len(vi) == len(en)
    untranslated = [message for message in vi if message in en]
    assert not untranslated, untranslated
    assert any(expected_vi in message for message in vi), vi


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"username": "can\x00bo", "password": "x"}, "Không được dùng ký tự rỗng"),
        ({"username": "", "password": ""}, "bắt buộc"),
        ({"username": "c" * 100_000, "password": "x"}, "tối đa 150"),
    ],
    ids=["null character", "empty", "too long"],
)
def test_the_sign_in_page(data, expected):
    assert_translated(lambda client: client.post("/account/sign-in/", data), expected)


@pytest.mark.parametrize(
    ("email", "expected"),
    [("canbo\x00@example.vn", "ký tự rỗng"), ("x" * 250 + "@a.vn", "tối đa 254")],
    ids=["null character", "too long"],
)
def test_the_password_reset_page(email, expected):
    assert_translated(
        lambda client: client.post("/account/password/reset/", {"email": email}), expected
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("sai", "Mật khẩu mới dài 2025", "Mật khẩu cũ"),
        (PASSWORD, "12345678901", "hoàn toàn là số"),
        (PASSWORD, "ngan", "quá ngắn"),
        (PASSWORD, "password123", "quá phổ biến"),
        (PASSWORD, "mật\x00khẩu mới dài", "ký tự rỗng"),
    ],
    ids=["wrong old", "numeric", "short", "common", "null character"],
)
def test_the_password_change_page(person, old, new, expected):
    def send(client):
        client.force_login(person)
        return client.post(
            "/account/password/",
            {"old_password": old, "new_password1": new, "new_password2": new},
        )

    assert_translated(send, expected)
