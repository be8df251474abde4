"""Clients for the insight tests."""

from __future__ import annotations

from typing import Any

from django.test import Client


def client_of(person: Any = None, *, language: str = "en") -> Client:
    """A client reading ``language`` (English by default, so assertions on messages read
    the same everywhere), signed in as ``person`` unless None."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if person is not None:
        client.force_login(person)
    return client
