"""Saves at the same moment, through the real server: people saving different criteria
of one form all succeed; two saving the same criterion at once get one success and one
409 (the stale-save answer), never a 500. Through the API and the page, on SQLite (WAL,
a busy timeout, IMMEDIATE write transactions) as on PostgreSQL.

Real threads send real HTTP requests to the live server, which handles each in a thread
of its own with its own database connection, as gunicorn's workers would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings
from django.test import Client

from egovrank.api.actions import do_create_token
from egovrank.assessments.models import Answer
from egovrank.core.audit import AuditEvent
from egovrank.core.roles import Role
from egovrank.testing.world import make_period, make_person, make_world

pytestmark = pytest.mark.django_db(transaction=True)

CRITERIA = ["HT3.1", "HT3.2", "HT5.1"]
SAVES_EACH = 5
ROUNDS = 3
CSRF = "concurrentsavestestcsrftoken0001"  # any 32 letters: the cookie and header agree

Save = Callable[[str, dict[str, str], int], requests.Response]


@pytest.fixture
def officers(transactional_db):
    world = make_world()
    make_period(world)
    sotc = world.units["sotc"]
    people = [world.unit_officer] + [
        make_person(f"officer_{n}", (Role.UNIT_OFFICER, sotc)) for n in (2, 3)
    ]
    return world, people


def api_saver(base: str, person) -> Save:
    _token, secret = do_create_token(person, "tests", actor=person)
    session = requests.Session()
    session.headers["Authorization"] = f"Token {secret}"

    def save(code: str, fields: dict[str, str], revision: int) -> requests.Response:
        url = f"{base}/api/v1/assessments/2019/K01-05/answers/{code}/"
        return session.post(url, json={**fields, "revision": revision}, timeout=60)

    return save


def page_saver(base: str, person) -> Save:
    """The form's own request: an HTMX post with the session and the CSRF token."""
    client = Client()
    client.force_login(person)
    session = requests.Session()
    signed_in = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookies = f"{settings.SESSION_COOKIE_NAME}={signed_in}; {settings.CSRF_COOKIE_NAME}={CSRF}"
    session.headers.update({"Cookie": cookies, "X-CSRFToken": CSRF, "HX-Request": "true"})

    def save(code: str, fields: dict[str, str], revision: int) -> requests.Response:
        url = f"{base}/assessments/2019/K01-05/criteria/{code}/save/"
        data = {**fields, "revision": str(revision)}
        return session.post(url, data=data, timeout=60, allow_redirects=False)

    return save


def in_parallel(jobs: list[Callable[[], list[int]]]) -> list[list[int]]:
    """Run the jobs in threads of their own, released together."""
    start = threading.Barrier(len(jobs))

    def run(job: Callable[[], list[int]]) -> list[int]:
        start.wait()
        return job()

    with ThreadPoolExecutor(len(jobs)) as pool:
        return list(pool.map(run, jobs))


def saving_one_criterion(save: Save, code: str) -> Callable[[], list[int]]:
    """One writer saving ``code`` again and again, yes and no in turn, each save on the
    revision the previous one made."""

    def job() -> list[int]:
        statuses, revision = [], 0
        for n in range(SAVES_EACH):
            response = save(code, {"value": "yes" if n % 2 == 0 else "no"}, revision)
            statuses.append(response.status_code)
            if response.status_code == 200:
                revision += 1
        return statuses

    return job


def saving_once(
    save: Save, code: str, fields: dict[str, str], revision: int
) -> Callable[[], list[int]]:
    return lambda: [save(code, fields, revision).status_code]


@pytest.mark.parametrize("saver", [api_saver, page_saver], ids=["api", "page"])
def test_writers_on_different_criteria_all_succeed(live_server, officers, saver):
    _world, people = officers
    savers = [saver(live_server.url, person) for person in people]
    results = in_parallel(
        [saving_one_criterion(save, code) for save, code in zip(savers, CRITERIA, strict=True)]
    )
    assert results == [[200] * SAVES_EACH] * len(CRITERIA)
    saved = dict(Answer.objects.values_list("code", "revision"))
    assert saved == dict.fromkeys(CRITERIA, SAVES_EACH)
    assert AuditEvent.objects.filter(action="answer.changed").count() == SAVES_EACH * 3


@pytest.mark.parametrize("saver", [api_saver, page_saver], ids=["api", "page"])
def test_two_saving_one_criterion_at_once_one_wins_and_the_other_gets_409(
    live_server, officers, saver
):
    _world, people = officers
    first, second = (saver(live_server.url, person) for person in people[:2])
    for round_ in range(ROUNDS):
        # Both read the criterion at the same revision and save different figures at the
        # same moment.
        statuses = in_parallel(
            [
                saving_once(
                    first, "HT1", {"numerator": str(10 + round_), "denominator": "50"}, round_
                ),
                saving_once(
                    second, "HT1", {"numerator": str(30 + round_), "denominator": "50"}, round_
                ),
            ]
        )
        assert sorted(status for [status] in statuses) == [200, 409], f"round {round_}"
    assert Answer.objects.get(code="HT1").revision == ROUNDS
