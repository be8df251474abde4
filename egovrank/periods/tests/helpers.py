"""Small helpers for the period tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.messages import get_messages
from django.utils import timezone

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def local_input(moment: datetime) -> str:
    """A moment as a datetime-local field sends it: Vietnam time, no zone."""
    return timezone.localtime(moment).strftime(LOCAL_INPUT)


def said(response: Any) -> str:
    """The message the request ended with (earlier ones may wait in the cookie)."""
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert messages, "no message"
    return messages[-1]
