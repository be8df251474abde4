"""The signed-in browser session works with the API too; a change made through it needs
Django's CSRF token, as on the pages (a token-carrying request needs none)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from .helpers import api, api_as, form_kwargs

pytestmark = pytest.mark.django_db


def session_of(person, **options):
    client = Client(HTTP_ACCEPT_LANGUAGE="en", **options)
    client.force_login(person)
    return client


def answer_url(world):
    return api("answer", **form_kwargs(world, "sotc"), code="HT3.1")


def test_it_reads_with_the_session(world):
    assert session_of(world.unit_officer).get(api("units")).status_code == 200


def test_it_refuses_a_change_through_the_session_without_the_csrf_token(world):
    client = session_of(world.unit_officer, enforce_csrf_checks=True)
    body = json.dumps({"value": "yes", "revision": 0})
    response = client.post(answer_url(world), body, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["errors"][0]["message"]


def test_it_accepts_a_change_through_the_session_with_the_csrf_token(world):
    client = session_of(world.unit_officer, enforce_csrf_checks=True)
    client.get("/workspace/")  # sets the CSRF cookie, as any page does
    token = client.cookies["csrftoken"].value
    body = json.dumps({"value": "yes", "revision": 0})
    response = client.post(
        answer_url(world), body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200


def test_a_token_needs_no_csrf_token(world):
    client = api_as(world.unit_officer)
    client.client.handler.enforce_csrf_checks = True
    assert client.post(answer_url(world), {"value": "yes", "revision": 0}).status_code == 200
