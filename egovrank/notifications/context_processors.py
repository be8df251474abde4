"""The number of unread notices beside the account links of every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .access import notices_of

__all__ = ["notices"]


def notices(request: HttpRequest) -> dict[str, Any]:
    """``unread_notices`` for a signed-in person: one COUNT, made only when a template
    shows it (fragments that do not extend base.html never ask). Nothing for anonymous
    people, so the public pages make no query for it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notices": SimpleLazyObject(
            lambda: notices_of(user).filter(read_at__isnull=True).count()
        )
    }
