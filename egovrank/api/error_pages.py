"""Django's own error answers (400, 403, 404, 500) in the API's error shape for every
address under /api/, so a script never has to read an HTML page: an address no view
matches (a newline in it too), a request Django refuses before any view (a bad Host), a
bug in a view. Every other address keeps the HTML pages. A bug is still logged and
reported by Django as before; the answer says nothing of it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

__all__ = ["bad_request", "is_api", "page_not_found", "permission_denied", "server_error"]

API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX) or request.path_info == API_PREFIX[:-1]


def json_error(status: int, message: str, code: str) -> JsonResponse:
    return JsonResponse({"errors": [{"path": "", "message": message, "code": code}]}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error(400, _("The request was refused."), "bad_request")
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error(
            403, _("You do not have permission to perform this action."), "permission_denied"
        )
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return json_error(404, _("No API endpoint at this address."), "not_found")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return json_error(
            500, _("The server failed to answer; the error was recorded."), "server_error"
        )
    return defaults.server_error(request)
