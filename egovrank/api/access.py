"""Who may see and change which API tokens: each person their own, nobody else's."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from egovrank.accounts.models import User

from .models import ApiToken

__all__ = ["access_token", "tokens_of"]


def tokens_of(user: User | AnonymousUser) -> QuerySet[ApiToken]:
    """The person's own tokens, newest first (revoked ones included)."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user)


def access_token(user: User | AnonymousUser, pk: int) -> ApiToken:
    """One of the person's own tokens; 404 for anyone else's, as for a missing one."""
    token = tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token
