"""What every API view shares: the role predicate that opens it (``allowed``, the same
predicate as the page's ``role_required``), the errors it documents (``api_errors``), and
the validation of its query parameters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rest_framework import generics, serializers
from rest_framework.request import Request

from egovrank.core.roles import Roles

__all__ = ["ApiView", "data_of"]


class ApiView(generics.GenericAPIView[Any]):
    # The predicate of the app's access.py that opens the view (None: public).
    allowed: ClassVar[Callable[[Roles], bool] | None] = None
    # Statuses besides 401/403 this view answers, for the schema: a tuple, or per method.
    api_errors: ClassVar[tuple[int, ...] | dict[str, tuple[int, ...]]] = ()
    # Query parameters, validated (400 with the parameter's name as the path).
    query_serializer: ClassVar[type[serializers.Serializer[Any]] | None] = None
    # No OPTIONS description: the OpenAPI schema is the API's description (and DRF's
    # would need a serializer on every view).
    metadata_class = None

    def query(self) -> dict[str, Any]:
        if self.query_serializer is None:
            return {}
        found = self.query_serializer(data=self.request.query_params)
        found.is_valid(raise_exception=True)
        return dict(found.validated_data)


def data_of(request: Request, serializer: type[serializers.Serializer[Any]]) -> dict[str, Any]:
    """The request's body, validated by ``serializer`` (400 with each field's path)."""
    found = serializer(data=request.data)
    found.is_valid(raise_exception=True)
    return dict(found.validated_data)
