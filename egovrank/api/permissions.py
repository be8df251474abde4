"""The API's role guard, the same as the pages' ``core.access.role_required``: a view
names the predicate of the app's ``access.py`` that opens it (``allowed``); anonymous
callers get 401, signed-in people without the role 403. Views without ``allowed`` are
public (the criteria sets, the published results)."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from egovrank.accounts.models import User
from egovrank.core.roles import roles_of

__all__ = ["RoleRequired", "acting_user"]


class RoleRequired(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        # Read from the class: a function stored on it must not be bound to the view.
        allowed = getattr(type(view), "allowed", None)
        if allowed is None:
            return True
        if not request.user or not request.user.is_authenticated:
            return False  # DRF answers 401 to an unauthenticated caller
        return bool(allowed(roles_of(request.user)))


def acting_user(request: Request) -> User:
    """The person a view opened by ``RoleRequired`` acts for: never the anonymous one,
    whom the guard answers 401 before the view runs."""
    user = request.user
    assert user.is_authenticated
    return user
