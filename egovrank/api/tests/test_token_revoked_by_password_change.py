"""A new password revokes the person's API tokens, whoever sets it (the person, the
administrator in the admin, a reset link); the pages say so before and after. Tokens
may also expire after ``API_TOKEN_MAX_AGE_DAYS``."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from egovrank.accounts.models import User
from egovrank.api.actions import do_create_token
from egovrank.core.models import AuditEvent

pytestmark = pytest.mark.django_db

OLD = "Mật khẩu cũ dài 2749"  # noqa: S105
NEW = "Mật khẩu mới dài 2025"  # noqa: S105
REVOKED_NOTE = "API"


@pytest.fixture
def person():
    user = User.objects.create(username="canbo", full_name="Cán bộ", email="canbo@example.vn")
    user.set_password(OLD)
    user.save()
    return user


def api_status(secret: str) -> int:
    return Client().get("/api/v1/criteria/", HTTP_AUTHORIZATION=f"Token {secret}").status_code


def test_changing_ones_own_password_revokes_ones_tokens_and_says_so(person):
    _, secret = do_create_token(person, "Cổng dịch vụ công", actor=person)
    _, other = do_create_token(person, "Báo cáo", actor=person)
    assert api_status(secret) == 200
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    before = client.get("/account/password/")
    assert "revokes your API tokens" in before.content.decode()
    done = client.post(
        "/account/password/",
        {"old_password": OLD, "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "API tokens were revoked" in done.content.decode()
    assert api_status(secret) == 401
    assert api_status(other) == 401
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 2


def test_an_administrator_setting_a_password_in_the_admin_revokes_the_tokens(person):
    _, secret = do_create_token(person, "Cổng dịch vụ công", actor=person)
    operator = User.objects.create(username="vanhanh", is_staff=True, is_superuser=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(operator)
    url = f"/admin/accounts/user/{person.pk}/password/"
    assert "revokes this person’s API tokens" in client.get(url).content.decode()
    done = client.post(
        url, {"password1": NEW, "password2": NEW, "usable_password": "true"}, follow=True
    )
    assert "API tokens were revoked" in done.content.decode()
    assert api_status(secret) == 401


def test_a_reset_link_revokes_the_tokens(person):
    _, secret = do_create_token(person, "Cổng dịch vụ công", actor=person)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/account/password/reset/", {"email": person.email})
    link = re.search(r"http://\S+/account/password/reset/\S+/", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(0), follow=True)
    assert "revokes your API tokens" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert "API tokens were revoked" in done.content.decode()
    assert api_status(secret) == 401


def test_a_save_without_a_new_password_keeps_the_tokens(person):
    _, secret = do_create_token(person, "Cổng dịch vụ công", actor=person)
    person.full_name = "Cán bộ mới"
    person.save()
    assert api_status(secret) == 200


def test_tokens_expire_after_the_configured_age(person, settings):
    settings.API_TOKEN_MAX_AGE_DAYS = 90
    _, secret = do_create_token(person, "Cổng dịch vụ công", actor=person)
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        assert api_status(secret) == 200
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        answer = Client().get("/api/v1/criteria/", HTTP_AUTHORIZATION=f"Token {secret}")
        assert answer.status_code == 401
        assert answer.json()["errors"][0]["code"] == "authentication_failed"


def test_tokens_never_expire_by_default(person, settings):
    assert settings.API_TOKEN_MAX_AGE_DAYS == 0
    _, secret = do_create_token(person, "Cổng dịch vụ công", actor=person)
    with time_machine.travel(timezone.now() + timedelta(days=3650)):
        assert api_status(secret) == 200
