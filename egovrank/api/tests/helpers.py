"""Shared pieces of the API tests: clients that carry a person's token (or session),
URLs of the API, and forms filled through the apps' own actions."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from django.urls import reverse

from egovrank.api.actions import do_create_token
from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.queries import criteria_set_for

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ApiClient:
    """A test client that sends a token (``Authorization: Token …``) and English, and
    posts JSON."""

    def __init__(self, secret: str | None = None) -> None:
        headers = {"HTTP_ACCEPT_LANGUAGE": "en"}
        if secret is not None:
            headers["HTTP_AUTHORIZATION"] = f"Token {secret}"
        self.client = Client(**headers)

    def get(self, url: str, data: dict[str, Any] | None = None) -> Any:
        return self.client.get(url, data or {})

    def post(self, url: str, data: dict[str, Any] | None = None) -> Any:
        return self.client.post(url, json.dumps(data or {}), content_type="application/json")

    def upload(self, url: str, data: dict[str, Any]) -> Any:
        return self.client.post(url, data)  # multipart

    def delete(self, url: str) -> Any:
        return self.client.delete(url)


def api_as(person: Any) -> ApiClient:
    """A client with a new token of ``person``."""
    _token, secret = do_create_token(person, "tests", actor=person)
    return ApiClient(secret)


def page_as(person: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    return client


def form_kwargs(world: Any, key: str) -> dict[str, Any]:
    return {"year": world.period.year, "unit": world.participants[key].unit_code}


def api(name: str, **kwargs: Any) -> str:
    return reverse(f"api:{name}", kwargs=kwargs)


def submit_demo(participant: Any, *, seed: int = 1) -> None:
    """A complete form, submitted (answers stored in one go, as the demo does)."""
    answers = plausible_answers(criteria_set_for(participant), seed=seed)
    fill_demo_form(participant, answers, submit=True)


def codes_of(response: Any) -> list[tuple[str, str]]:
    """(path, code) of each error of an API answer."""
    return [(error["path"], error["code"]) for error in response.json()["errors"]]
