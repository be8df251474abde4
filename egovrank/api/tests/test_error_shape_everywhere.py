"""Whatever goes wrong under /api/ answers the documented JSON error shape, never an
HTML page: unknown addresses (a newline in the path too), wrong methods, requests Django
refuses before any view, and a bug in a view (with DEBUG off, through Django's own
handler). Pages keep their HTML error pages."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from .helpers import api_as

pytestmark = [pytest.mark.django_db, pytest.mark.shared_world]

DOCUMENTED = {"path", "message", "code"}


def errors(response) -> list[dict[str, str]]:
    assert response["Content-Type"] == "application/json", response.content[:200]
    body = response.json()
    assert set(body) == {"errors"}
    assert body["errors"] and all(set(item) == DOCUMENTED for item in body["errors"])
    return body["errors"]


@pytest.mark.parametrize(
    "path",
    [
        # The client drops a raw newline from a path, as browsers do; %0A reaches the app.
        "/api/v1/units/%0A/",
        "/api/v1/units/K01-05%0A/",
        "/api/%0A",
        "/api/v1/assessments/2019/K01-05/answers/HT1/%0D%0A/",
        "/api/v1/units/%00/",
        "/api/v1/nothing/",
        "/api/v1/units/no-such-unit/",
    ],
)
def test_an_unknown_api_address_is_a_json_404(world, path):
    response = api_as(world.administrator).get(path)
    assert response.status_code == 404
    assert [e["code"] for e in errors(response)] == ["not_found"]


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
def test_a_method_an_api_address_does_not_take_is_a_json_405(method):
    response = getattr(Client(), method)("/api/v1/criteria/")
    assert response.status_code in (405, 401)
    if response.status_code == 405:
        assert [e["code"] for e in errors(response)] == ["method_not_allowed"]
    response = getattr(Client(), method)("/api/docs/")
    assert response.status_code == 405
    assert [e["code"] for e in errors(response)] == ["method_not_allowed"]


def test_a_request_refused_before_any_view_is_json_under_the_api():
    response = Client().get("/api/v1/units/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert [e["code"] for e in errors(response)] == ["bad_request"]


@pytest.mark.urls("egovrank.api.tests.urls_with_a_fault")
def test_a_bug_in_an_api_view_is_a_json_500_and_is_logged(caplog, settings):
    settings.DEBUG = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get("/api/v1/faulty/")
    assert response.status_code == 500
    [error] = errors(response)
    assert error["code"] == "server_error"
    assert "ZeroDivisionError" not in response.content.decode()  # nothing of the inside
    assert any("ZeroDivisionError" in str(r.exc_info) for r in caplog.records)


@pytest.mark.urls("egovrank.api.tests.urls_with_a_fault")
def test_pages_keep_their_html_error_pages(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    assert client.get("/faulty/")["Content-Type"].startswith("text/html")
    assert client.get("/no-such-page/")["Content-Type"].startswith("text/html")
    assert client.get("/no-such-page/\n")["Content-Type"].startswith("text/html")
