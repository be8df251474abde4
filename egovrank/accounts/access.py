"""Who may see and manage people. Only the administrator manages people."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from egovrank.core.roles import Person, Roles, roles_of

from .models import User

__all__ = ["access_person", "can_manage_people", "people_visible_to"]


def can_manage_people(roles: Roles) -> bool:
    return roles.administrator


def people_visible_to(user: Person) -> QuerySet[User]:
    if not can_manage_people(roles_of(user)):
        return User.objects.none()
    return User.objects.all()


def access_person(user: Person, pk: int) -> User:
    """The person ``pk`` for an administrator; 404 for anyone else or a missing person."""
    try:
        return people_visible_to(user).select_related("unit").get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None
