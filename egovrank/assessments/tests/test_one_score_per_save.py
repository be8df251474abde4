"""A save scores the unit's form once for its new state and hands that score to the
history and to the response (issue 19): the core's ``score_unit`` runs once for the
state before (the history's ``points_before``) and once for the state after, whether
the save comes from the page, from HTMX or from the API. The spy wraps the real
function: every score is still the core's."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client

from egovrank.assessments import sheet
from egovrank.assessments.tests.conftest import form_url
from egovrank.assessments.tests.helpers import fill_in
from egovrank.core.audit import history_of
from egovrank.scoring import engine

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def scores(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The units the core scores one at a time, in order (the real function runs)."""
    calls: list[str] = []
    real = engine.score_unit

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[1].code)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "score_unit", counting)
    monkeypatch.setattr(sheet, "score_unit", counting)
    return calls


def _saved(world):
    participant = world.participants["sotc"]
    [event] = [e for e in history_of(participant.assessment) if e.action == "answer.changed"][:1]
    return event


def test_an_htmx_save_scores_the_form_before_and_after_only(world, officer, scores):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    scores.clear()
    url = form_url(world, name="assessments:save", code="HT3.1")
    response = officer.post(url, {"value": "no", "revision": 1}, **HTMX)
    assert response.status_code == 200
    assert len(scores) == 2
    # The response shows the score the history recorded.
    event = _saved(world)
    assert event.data["points_after"] == "0"
    line = response.context["sheet"].by_code["HT3.1"]
    assert line.points == Decimal(event.data["points_after"])
    # ... and the totals a fresh read of the page shows.
    page = officer.get(form_url(world)).context["sheet"]
    shown = response.context["sheet"]
    assert (shown.points, shown.max_points, shown.percent_text, shown.level) == (
        page.points,
        page.max_points,
        page.percent_text,
        page.level,
    )
    assert [line.points for line in shown.lines] == [line.points for line in page.lines]


def test_a_save_without_javascript_scores_before_and_after_only(world, officer, scores):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    scores.clear()
    url = form_url(world, name="assessments:save", code="HT3.1")
    assert officer.post(url, {"value": "no", "revision": 1}).status_code == 302
    assert len(scores) == 2


def test_an_api_save_scores_before_and_after_only(world, scores):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.unit_officer)
    participant = world.participants["sotc"]
    url = f"/api/v1/assessments/{world.period.year}/{participant.unit_code}/answers/HT3.1/"
    scores.clear()
    response = client.post(url, {"value": "no", "revision": 1}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert len(scores) == 2
    event = _saved(world)
    assert response.json()["criterion"]["points"] == event.data["points_after"]


def test_a_note_alone_scores_once(world, officer, scores):
    """A note changes no points: the state before is the state after."""
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    scores.clear()
    url = form_url(world, name="assessments:save", code="HT3.1")
    response = officer.post(
        url, {"value": "yes", "note": "Quyết định số 12", "revision": 1}, **HTMX
    )
    assert response.status_code == 200
    assert len(scores) == 1
    event = _saved(world)
    assert event.data["points_before"] == event.data["points_after"]


def test_a_stale_save_is_refused_with_one_score_for_the_page(world, officer, scores):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    scores.clear()
    url = form_url(world, name="assessments:save", code="HT3.1")
    response = officer.post(url, {"value": "no", "revision": 0}, **HTMX)
    assert response.status_code == 409
    assert len(scores) == 1


def test_an_htmx_save_costs_a_fixed_number_of_queries(world, officer, django_assert_num_queries):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    url = form_url(world, name="assessments:save", code="HT3.1")
    # PostgreSQL also holds the period FOR SHARE (periods/locks.py); SQLite has no row locks.
    share_lock = 1 if connection.features.has_select_for_update else 0
    with django_assert_num_queries(QUERIES_PER_SAVE + share_lock):
        response = officer.post(url, {"value": "no", "revision": 1}, **HTMX)
    assert response.status_code == 200


# Was 26 before the save handed its score on (the criteria set was read again), 25
# before the fragment was drawn from the save's own score and answer (the whole form,
# its evidence and its review were read again) and the save read the criteria set once,
# 18 before the answer came with the form's other answers (the participant's lock
# already keeps it).
QUERIES_PER_SAVE = 17


TOTAL = re.compile(r'<span class="group__total" id="total-([^"]+)"[^>]*>([^<]*)</span>')


def test_a_save_answers_with_the_totals_it_moved_as_the_page_shows_them(world, officer):
    """The groups above the criterion, each with the total a fresh page shows; the
    groups a criterion's answer cannot move are left as they are on the page."""
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    url = form_url(world, name="assessments:save", code="HT3.1")
    response = officer.post(url, {"value": "no", "revision": 1}, **HTMX)
    assert response.status_code == 200
    moved = dict(TOTAL.findall(response.content.decode()))
    assert set(moved) == {"HT3", "HT"}
    page = dict(TOTAL.findall(officer.get(form_url(world)).content.decode()))
    assert {"HT5", "UD", "CCCS", "HT3", "HT"} <= set(page)
    assert moved == {code: page[code] for code in moved}
