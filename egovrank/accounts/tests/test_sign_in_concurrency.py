"""Parallel sign-ins against the live server, from real threads: every wrong password is
counted (or refused unchecked, or answered "busy, try again" unchecked), none answers
500, and no more passwords are tried than
the lock-out allows. Valid on SQLite (the default test database) and PostgreSQL."""

from __future__ import annotations

import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.contrib.auth.signals import user_login_failed

from egovrank.accounts.models import SignInThrottle, User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Một mật khẩu dài 2749"  # noqa: S105
BURST = 20


@pytest.fixture
def person(settings):
    settings.SIGNIN_MAX_FAILURES = 5
    user = User.objects.create(username="canbo", full_name="Cán bộ", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def checked_wrong():
    """How many wrong passwords the server checked (Django's own signal, sent by the
    live server's threads)."""
    seen: list[str] = []
    lock = threading.Lock()

    def count(sender, credentials, **kwargs):
        with lock:
            seen.append(credentials.get("username", ""))

    user_login_failed.connect(count, weak=False)
    yield seen
    user_login_failed.disconnect(count)


def _ready_session(url: str) -> tuple[requests.Session, str]:
    session = requests.Session()
    page = session.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token is not None, page.text[:500]
    return session, token.group(1)


def _burst(url: str, passwords: list[str]) -> list[tuple[str, requests.Response]]:
    """Sign in with each password at the same moment, one thread and session each."""
    sessions = [_ready_session(url) for _ in passwords]
    start = threading.Barrier(len(passwords))

    def attempt(i: int) -> tuple[str, requests.Response]:
        session, token = sessions[i]
        start.wait()
        answer = session.post(
            url,
            data={"username": "canbo", "password": passwords[i], "csrfmiddlewaretoken": token},
            headers={"Referer": url},
            allow_redirects=False,
            timeout=60,
        )
        return passwords[i], answer

    with ThreadPoolExecutor(len(passwords)) as pool:
        return list(pool.map(attempt, range(len(passwords))))


def _kind(answer: requests.Response) -> str:
    if answer.status_code == 302:
        return "signed in"
    if answer.status_code == 429 and answer.headers.get("Retry-After", "").isdigit():
        return "refused"
    # SQLite busy past its timeout on a loaded machine: a polite "try again", never a 500.
    if answer.status_code == 503 and answer.headers.get("Retry-After", "").isdigit():
        return "busy"
    if answer.status_code == 200 and 'role="alert"' in answer.text:
        return "wrong"
    return f"unexpected {answer.status_code}"


def _sign_in_url(live_server) -> str:
    return f"{live_server.url}/account/sign-in/"


def test_twenty_parallel_wrong_passwords_check_exactly_five_and_lock_the_name(
    live_server, person, checked_wrong
):
    answers = _burst(_sign_in_url(live_server), ["wrong"] * BURST)
    kinds = Counter(_kind(answer) for _, answer in answers)
    assert set(kinds) <= {"wrong", "refused", "busy"}, kinds
    assert len(checked_wrong) == 5
    throttle = SignInThrottle.objects.get(username="canbo")
    assert throttle.failures == 5 and throttle.locked_until is not None
    # The right password is refused now, unchecked.
    session, token = _ready_session(_sign_in_url(live_server))
    late = session.post(
        _sign_in_url(live_server),
        data={"username": "canbo", "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )
    assert _kind(late) == "refused"


def test_the_right_password_in_a_parallel_burst_never_signs_in_past_the_limit(
    live_server, person, checked_wrong
):
    answers = _burst(_sign_in_url(live_server), ["wrong"] * (BURST - 1) + [PASSWORD])
    kinds = Counter(_kind(answer) for password, answer in answers if password == "wrong")
    right = next(_kind(answer) for password, answer in answers if password == PASSWORD)
    assert set(kinds) <= {"wrong", "refused", "busy"}, kinds
    throttle = SignInThrottle.objects.filter(username="canbo").first()
    if right == "refused":
        # Five wrong passwords took every attempt the limit allows before it.
        assert len(checked_wrong) == 5
        assert throttle is not None and throttle.locked_until is not None
    elif right == "busy":
        # Not checked: the database was too busy to count it.
        assert len(checked_wrong) <= 5
    else:
        # It was checked within the first five attempts. A success forgets the failures
        # counted before it, never those after it, so at most 4 + 5 are checked.
        assert right == "signed in"
        assert len(checked_wrong) <= 4 + 5
        assert throttle is None or throttle.failures <= 5
