"""What roles a signed-in person holds, read once per request.

Everything that asks "may this person…" starts here; the per-app ``access.py`` modules
turn these facts into querysets and refusals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .choices import Role

__all__ = ["NOBODY", "Roles", "roles_of"]

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


def roles_of(user: Any) -> Roles:
    """The roles of ``user`` (anonymous and inactive people hold none), cached on it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOBODY
    cached: Roles | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = _load(user)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def _load(user: Any) -> Roles:
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
