"""The roles of the decision, and which of them a signed-in person holds.

Every app's ``access.py`` asks "may this person…" from here, so the vocabulary sits on
the ground floor; ``accounts`` stores who holds which role (``RoleAssignment``, read here
through ``user.role_assignments``) and manages people.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeGuard

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "NOBODY",
    "UNIT_BOUND_ROLES",
    "Actor",
    "Person",
    "Role",
    "Roles",
    "is_actor",
    "roles_of",
]


class Role(models.TextChoices):
    """The five roles of the evaluation (docs/domain.md). A person may hold several."""

    ADMINISTRATOR = "administrator", _("Administrator")
    PROVINCIAL_REVIEWER = "provincial_reviewer", _("Provincial reviewer")
    DISTRICT_REVIEWER = "district_reviewer", _("District reviewer")
    UNIT_OFFICER = "unit_officer", _("Unit officer")
    UNIT_HEAD = "unit_head", _("Unit head")


# These roles act for one unit (a district reviewer for one district); the others for
# the whole province.
UNIT_BOUND_ROLES = frozenset({Role.DISTRICT_REVIEWER, Role.UNIT_OFFICER, Role.UNIT_HEAD})

_CACHE_ATTRIBUTE = "_egovrank_roles"


@dataclass(frozen=True)
class Roles:
    """The roles of one person: province-wide ones as flags, unit-bound ones as unit ids."""

    administrator: bool = False
    provincial_reviewer: bool = False
    reviewed_districts: frozenset[int] = frozenset()
    officer_units: frozenset[int] = frozenset()
    head_units: frozenset[int] = frozenset()

    @property
    def any(self) -> bool:
        return bool(
            self.administrator
            or self.provincial_reviewer
            or self.reviewed_districts
            or self.officer_units
            or self.head_units
        )

    @property
    def sees_every_unit(self) -> bool:
        return self.administrator or self.provincial_reviewer

    @property
    def own_units(self) -> frozenset[int]:
        """Units the person fills in or submits for."""
        return self.officer_units | self.head_units


NOBODY = Roles()


class Person(Protocol):
    """Whoever asks, signed in or not, as core sees them: accounts' ``User`` or Django's
    ``AnonymousUser`` (core must not import accounts: docs/architecture.md)."""

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...


class _Assignments(Protocol):
    """The roles a person holds: accounts' ``RoleAssignment`` rows, read as (role, unit id)."""

    def values_list(self, *fields: str) -> Iterable[tuple[str, int | None]]: ...


class Actor(Person, Protocol):
    """A signed-in person as core sees them: what the roles and the audit trail need of
    accounts' ``User``."""

    @property
    def pk(self) -> int: ...

    @property
    def role_assignments(self) -> _Assignments: ...


def roles_of(user: Person | None) -> Roles:
    """The roles of ``user`` (anonymous and inactive people hold none), cached on it."""
    if not is_actor(user) or not user.is_active:
        return NOBODY
    cached: Roles | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = _load(user)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def is_actor(person: Person | None) -> TypeGuard[Actor]:
    """Whether ``person`` is signed in (only accounts' ``User`` is, and it is an Actor)."""
    return bool(getattr(person, "is_authenticated", False))


def _load(user: Actor) -> Roles:
    held: dict[str, set[int]] = {role: set() for role in Role.values}
    flags: set[str] = set()
    for role, unit_id in user.role_assignments.values_list("role", "unit_id"):
        if unit_id is None:
            flags.add(role)
        else:
            held[role].add(unit_id)
    return Roles(
        administrator=Role.ADMINISTRATOR in flags,
        provincial_reviewer=Role.PROVINCIAL_REVIEWER in flags,
        reviewed_districts=frozenset(held[Role.DISTRICT_REVIEWER]),
        officer_units=frozenset(held[Role.UNIT_OFFICER]),
        head_units=frozenset(held[Role.UNIT_HEAD]),
    )
