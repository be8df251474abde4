"""The main navigation: each person sees the pages their roles open to them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egovrank.accounts.access import can_manage_people
from egovrank.assessments.access import has_assessment_role
from egovrank.core.roles import Person, Roles, roles_of
from egovrank.orgs.access import can_see_units
from egovrank.periods.access import can_see_periods
from egovrank.results.access import can_see_results
from egovrank.review.access import has_review_role

__all__ = ["NavItem", "menu_for"]


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    # The URL namespace (or name) that marks the item as the current page.
    section: str


def _everyone(roles: Roles) -> bool:
    return True


# (item, who sees it, needs sign-in)
_MENU: list[tuple[NavItem, Callable[[Roles], bool], bool]] = [
    (NavItem(_("Home"), "front:home", "front:home"), _everyone, False),
    (NavItem(_("Workspace"), "front:workspace", "front:workspace"), _everyone, True),
    (NavItem(_("Self-assessments"), "assessments:list", "assessments"), has_assessment_role, True),
    (NavItem(_("Review"), "review:queue", "review"), has_review_role, True),
    (NavItem(_("Results"), "results:index", "results"), can_see_results, True),
    (NavItem(_("Periods"), "periods:list", "periods"), can_see_periods, True),
    # Public: the results as published, for anyone, signed in or not.
    (NavItem(_("Published results"), "publication:index", "publication"), _everyone, False),
    (NavItem(_("Criteria sets"), "criteria:list", "criteria"), _everyone, False),
    # Public like the criteria sets: the frameworks a province may adopt.
    (NavItem(_("Frameworks"), "criteria:frameworks", "criteria:frameworks"), _everyone, False),
    (NavItem(_("Units"), "orgs:list", "orgs"), can_see_units, True),
    (NavItem(_("People"), "people:list", "people"), can_manage_people, True),
]


def menu_for(user: Person | None) -> list[NavItem]:
    signed_in = bool(getattr(user, "is_authenticated", False))
    roles = roles_of(user)
    return [
        item
        for item, allowed, needs_sign_in in _MENU
        if (signed_in or not needs_sign_in) and allowed(roles)
    ]
