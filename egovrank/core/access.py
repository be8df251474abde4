"""The guard for pages that belong to a role: sign in first, then hold the role.

Objects inside such pages are fetched through each app's ``access.py``, which answers
404 for an object the person may not see, exactly as for one that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from egovrank.core.roles import Roles, roles_of

__all__ = ["role_required", "signed_in"]

View = Callable[..., HttpResponseBase]


def role_required(allowed: Callable[[Roles], bool]) -> Callable[[View], View]:
    """Anonymous people are sent to sign in; signed-in people without the role get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(roles_of(request.user)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return guarded

    return decorate


def signed_in(roles: Roles) -> bool:
    """Any signed-in person, with or without a role."""
    return True
