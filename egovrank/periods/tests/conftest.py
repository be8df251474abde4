"""Fixtures the period tests share: clients per persona, and a 2020 draft period."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from egovrank.periods.actions import do_create_period
from egovrank.periods.models import Period


@pytest.fixture
def client_as(world: Any) -> Any:
    """``client_as("district_reviewer")``: a client signed in as that persona, reading
    English so that assertions on messages read the same in every language."""

    def make(persona: str) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(world.people[persona])
        return client

    return make


@pytest.fixture
def draft(world: Any) -> Period:
    """An empty 2020 period in draft."""
    return do_create_period(2020, "Đánh giá năm 2020", actor=world.administrator)
