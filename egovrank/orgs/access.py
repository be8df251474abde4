"""Who may see and change which units. Every view fetches units through here."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from egovrank.core.roles import Person, Roles, roles_of

from .models import Unit, UnitQuerySet

__all__ = ["access_unit", "can_manage_units", "can_see_units", "units_visible_to"]


def can_see_units(roles: Roles) -> bool:
    return roles.any


def can_manage_units(roles: Roles) -> bool:
    return roles.administrator


def units_visible_to(user: Person) -> UnitQuerySet:
    """The province's staff see every unit; a district reviewer its district and its
    communes; an officer or head the units they act for; anyone else none."""
    roles = roles_of(user)
    units: UnitQuerySet = Unit.objects.all()
    if roles.sees_every_unit:
        return units
    if not roles.any:
        return units.none()
    return units.filter(
        Q(pk__in=roles.own_units)
        | Q(pk__in=roles.reviewed_districts)
        | Q(parent_id__in=roles.reviewed_districts)
    )


def access_unit(user: Person, code: str, year: int | None = None) -> Unit:
    """The unit with ``code`` (valid in ``year`` when given) if ``user`` may see it; 404
    if it is missing or hidden. A reused code names the latest unit without a year."""
    unit = units_visible_to(user).select_related("block", "parent").filter(code=code)
    if year is not None:
        unit = unit.valid_in(year)
    found = unit.latest_first().first()
    if found is None:
        raise Http404
    return found
