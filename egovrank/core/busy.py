"""A busy database is answered "try again shortly", never with a server error.

SQLite lets one writer at a time; a request that waited its whole busy timeout for the
lock gets ``OperationalError: database is locked``. Nothing was changed (the statement
failed), so the person can simply send it again: 503 with ``Retry-After``, as a page, or
in the API's error shape under ``/api/``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

__all__ = ["DatabaseBusyMiddleware", "is_busy"]

RETRY_AFTER_SECONDS = 5
_BUSY = ("database is locked", "database table is locked")


def is_busy(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and any(word in str(error) for word in _BUSY)


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        message = _("The system is busy right now. Nothing was saved: try again in a few seconds.")
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"errors": [{"path": "", "message": message, "code": "busy"}]}, status=503
            )
        else:
            response = render(request, "core/busy.html", {"message": message}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
