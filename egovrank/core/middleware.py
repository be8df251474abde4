"""Keeping sessions alive without a database write on every request."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

__all__ = ["SessionRenewalMiddleware"]

_KEY = "_renewed_at"


class SessionRenewalMiddleware:
    """Renew a signed-in session's idle limit at most once a ``SESSION_RENEW_SECONDS``.

    Saving the session on every request (``SESSION_SAVE_EVERY_REQUEST``) would write
    the session table on each autosave of a form; renewing once a minute keeps the idle
    limit (``SESSION_IDLE_MINUTES``) to the minute at a small fraction of the writes.
    It must come after ``SessionMiddleware``, which saves what this marks as changed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - int(session.get(_KEY, 0)) >= settings.SESSION_RENEW_SECONDS:
                session[_KEY] = now  # marks the session modified: it is saved and renewed
        return response
