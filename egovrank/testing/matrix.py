"""The permission matrix's vocabulary: a case names a URL, the object it is asked about,
and the answer every persona must get. Each app lists its cases in
``<app>/tests/matrix_cases.py`` (``CASES``); ``tests/test_permission_matrix.py``
runs them all and fails when a URL has no case.

Answers: 200 shown, 302 sent elsewhere (anonymous people to sign in), 400 form refused,
403 the role does not open the page, 404 missing or not visible (the same answer for
both), 405 wrong method, 409 refused because of the object's state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from egovrank.testing.world import PERSONAS, World

__all__ = [
    "ADMINISTRATOR",
    "ADMINISTRATOR_POST",
    "NOT_FOR_ROLES_404",
    "POST_ONLY",
    "PUBLIC",
    "SIGNED_IN",
    "WITH_A_ROLE",
    "Case",
    "Kwargs",
    "expect",
    "officer_role",
    "person",
    "seen_by",
    "unit",
]

Kwargs = Callable[[World], dict[str, Any]]


def expect(default: int, **overrides: int) -> dict[str, int]:
    unknown = set(overrides) - set(PERSONAS)
    assert not unknown, f"unknown personas {unknown}"
    return {persona: overrides.get(persona, default) for persona in PERSONAS}


PUBLIC = expect(200)
SIGNED_IN = expect(200, anonymous=302)
WITH_A_ROLE = expect(200, anonymous=302, outsider=403)
ADMINISTRATOR = expect(403, anonymous=302, administrator=200)
ADMINISTRATOR_POST = expect(403, anonymous=302, administrator=302)
POST_ONLY = expect(405)
NOT_FOR_ROLES_404 = expect(404, anonymous=302, outsider=403)


def seen_by(*personas: str) -> dict[str, int]:
    """A unit page: the listed personas see it, other role holders get 404."""
    return {**NOT_FOR_ROLES_404, **dict.fromkeys(personas, 200)}


@dataclass(frozen=True)
class Case:
    url_name: str
    expected: dict[str, int]
    target: str = ""
    kwargs: Kwargs = field(default=lambda world: {})
    method: str = "get"
    data: Kwargs = field(default=lambda world: {})

    @property
    def id(self) -> str:
        target = f"[{self.target}]" if self.target else ""
        return f"{self.method.upper()} {self.url_name}{target}"


def unit(key: str) -> Kwargs:
    return lambda world: {"code": world.units[key].code}


def person(persona: str) -> Kwargs:
    return lambda world: {"pk": world.people[persona].pk}


def officer_role(world: World) -> dict[str, Any]:
    assignment = world.unit_officer.role_assignments.get()
    return {"pk": world.unit_officer.pk, "assignment_pk": assignment.pk}
