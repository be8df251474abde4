"""Every error the API answers, in one shape:

    {"errors": [{"path": "field.or.path", "message": "…", "code": "…"}]}

``path`` names the input concerned (``value``, ``links.0.url``), empty for the request
as a whole. The statuses are the pages': 400 what was sent is refused, 401 no valid
token or session, 403 the role does not allow it, 404 missing or out of reach (the same
answer for both), 409 refused because of the object's state or a stale revision (the
answer then carries the current state).

The apps' refusals (``FormLocked``, ``ReviewRefused``…) are translated here, so a view
calls the action and lets its refusal through; a view that knows more (the input a
refusal is about, the current revision) raises ``Refusal`` itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from egovrank.assessments.actions import (
    DeclarationMissing,
    EnteredElsewhere,
    EvidenceRefused,
    FormLocked,
    SubmissionRefused,
)
from egovrank.core.said import said
from egovrank.periods.actions import PeriodRefused
from egovrank.results.actions import ResultsRefused
from egovrank.review.actions import InvalidReviewInput, ReviewRefused

__all__ = ["Refusal", "errors_of", "exception_handler", "refusal"]


class Refusal(exceptions.APIException):
    """An answer in the errors shape with any status, and extra members beside
    ``errors`` (``current`` for a stale revision)."""

    def __init__(
        self,
        status_code: int,
        errors: list[dict[str, str]],
        **extra: Any,
    ) -> None:
        super().__init__(errors[0]["message"] if errors else "")
        self.status_code = status_code
        self.errors = errors
        self.extra = extra


def error(message: str, code: str, path: str = "") -> dict[str, str]:
    # A message of the scoring core is said in the request's language, like the rest.
    return {"path": path, "message": said(message), "code": code}


# The apps' refusals: (status, code, the input they are about). Subclasses first.
_REFUSALS: list[tuple[type[Exception], int, str, str]] = [
    (InvalidReviewInput, status.HTTP_400_BAD_REQUEST, "invalid", ""),
    (ReviewRefused, status.HTTP_409_CONFLICT, "review_refused", ""),
    (EnteredElsewhere, status.HTTP_409_CONFLICT, "entered_elsewhere", "value"),
    (FormLocked, status.HTTP_409_CONFLICT, "form_locked", ""),
    (DeclarationMissing, status.HTTP_400_BAD_REQUEST, "declaration_missing", "declaration"),
    (SubmissionRefused, status.HTTP_409_CONFLICT, "submission_refused", ""),
    (EvidenceRefused, status.HTTP_400_BAD_REQUEST, "evidence_refused", "file"),
    (ResultsRefused, status.HTTP_409_CONFLICT, "results_refused", ""),
    (PeriodRefused, status.HTTP_409_CONFLICT, "period_refused", ""),
]


def refusal(exc: Exception, path: str = "", **extra: Any) -> Refusal | None:
    """The API's answer to one of the apps' refusals (None for anything else): the
    message first, then each listed problem (what is missing, for people)."""
    for kind, status_code, code, about in _REFUSALS:
        if isinstance(exc, kind):
            errors = [error(str(exc), code, path or about)]
            errors += [error(problem, "problem") for problem in getattr(exc, "problems", [])]
            return Refusal(status_code, errors, **extra)
    return None


def _flatten(detail: Any, path: str) -> Iterator[dict[str, str]]:
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "detail") else str(key)
            yield from _flatten(value, f"{path}.{name}" if path and name else path or name)
    elif isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            for item in detail:
                yield error(item, getattr(item, "code", "invalid") or "invalid", path)
        else:
            for index, item in enumerate(detail):
                if item:
                    yield from _flatten(item, f"{path}.{index}" if path else str(index))
    else:
        yield error(str(detail), getattr(detail, "code", "error") or "error", path)


def errors_of(exc: exceptions.APIException) -> list[dict[str, str]]:
    if isinstance(exc, Refusal):
        return exc.errors
    errors = list(_flatten(exc.detail, ""))
    return errors or [error(_("The request was refused."), exc.default_code)]


def _api_exception(exc: Exception) -> exceptions.APIException | None:
    """The exception as the API answers it; None for a bug (Django's 500, never hidden)."""
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return refusal(exc)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    api_exc = _api_exception(exc)
    if api_exc is None:
        return None
    response = drf_exception_handler(api_exc, context)
    assert response is not None
    # Errors are JSON whatever the view renders otherwise (the documentation's HTML,
    # the schema's YAML).
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    data: dict[str, Any] = {"errors": errors_of(api_exc)}
    if isinstance(api_exc, Refusal):
        data.update(api_exc.extra)
    response.data = data
    return response
