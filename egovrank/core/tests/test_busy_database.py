"""SQLite, busy past its timeout (another process holds the write lock): the sign-in
page and the API answer 503 "try again" with Retry-After, never a server error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import requests
from django.db import connection

from egovrank.accounts.models import User

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's one-writer lock"),
]


@contextmanager
def database_locked() -> Iterator[None]:
    """Another connection holds SQLite's write lock; the server's connections give up
    after 0.2 s instead of the default 5."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    before = options.get("timeout")
    options["timeout"] = 0.2
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        if before is None:
            options.pop("timeout")
        else:
            options["timeout"] = before


def test_a_sign_in_on_a_locked_database_is_asked_to_try_again(live_server):
    User.objects.create(username="canbo", full_name="Cán bộ")
    session = requests.Session()
    page = session.get(f"{live_server.url}/account/sign-in/", timeout=30)
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    with database_locked():
        answer = session.post(
            f"{live_server.url}/account/sign-in/",
            data={"username": "canbo", "password": "wrong", "csrfmiddlewaretoken": token},
            timeout=30,
        )
    assert answer.status_code == 503
    assert answer.headers["Retry-After"].isdigit()
    assert "Hệ thống đang bận" in answer.text


def test_an_api_call_on_a_locked_database_answers_the_error_shape(live_server):
    with database_locked():
        answer = requests.get(
            f"{live_server.url}/api/v1/units/",
            headers={"Authorization": "Token egv_x_y"},
            timeout=30,
        )
    assert answer.status_code == 503
    assert answer.headers["Retry-After"].isdigit()
    assert answer.json()["errors"][0]["code"] == "busy"
