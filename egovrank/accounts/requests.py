"""The request of a page that only signed-in people reach, for the type checker."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User

__all__ = ["SignedInRequest"]


class SignedInRequest(HttpRequest):
    """A request past ``core.access.role_required`` (or ``login_required``): its user is a
    signed-in person, never the anonymous one. Only a type: Django builds ``HttpRequest``s."""

    user: User
