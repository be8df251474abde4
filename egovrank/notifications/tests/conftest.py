"""Shared pieces of the notification tests: signed-in clients, notices, forms."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from egovrank.assessments.models import Assessment
from egovrank.notifications.models import Notice


def client_of(person: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)
    return client


def notice_for(
    person: Any, title: str = "Sở Tài chính nộp bản tự đánh giá", **fields: Any
) -> Notice:
    fields.setdefault("kind", "submitted")
    fields.setdefault("url", "/assessments/2019/K01-05/")
    return Notice.objects.create(recipient=person, title=title, **fields)


def form_of(world: Any, key: str, state: str, **fields: Any) -> Assessment:
    """The unit's form, put straight into ``state`` (the tests here are about who is
    told, not about how a form gets there)."""
    return Assessment.objects.create(participant=world.participants[key], state=state, **fields)


@pytest.fixture
def with_addresses(world: Any) -> Any:
    """Every persona gets an e-mail address, ``<username>@example.org``."""
    for person in world.people.values():
        person.email = f"{person.username}@example.org"
        person.save(update_fields=["email"])
    return world
