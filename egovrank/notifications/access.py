"""Whose notices a person sees: their own, and nobody else's. Every view fetches
notices here; someone else's notice answers 404, exactly like one that does not exist."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from egovrank.accounts.models import User

from .models import Notice

__all__ = ["access_notice", "notices_of"]


def notices_of(user: User | AnonymousUser) -> QuerySet[Notice]:
    """The person's notices, newest first."""
    return Notice.objects.filter(recipient_id=user.pk)


def access_notice(user: User | AnonymousUser, pk: int) -> Notice:
    notice = notices_of(user).filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice
