"""How a person's events read on their page (core/history.py), translated when shown;
the events store codes only (the page names the person already)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from egovrank.core.history import describer
from egovrank.core.roles import Role

from .models import User

__all__: list[str] = []


def _field(name: str) -> str:
    try:
        field = User._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


def _role(data: dict[str, Any]) -> str:
    role = str(Role(data["role"]).label)
    unit = data.get("unit")
    return _("%(role)s of %(unit)s") % {"role": role, "unit": unit} if unit else role


@describer("person.created")
def _created(data: dict[str, Any]) -> str:
    return _("Account created")


@describer("person.updated")
def _updated(data: dict[str, Any]) -> str:
    fields = ", ".join(_field(name) for name in sorted(data["changed"]))
    return _("Changed: %(fields)s") % {"fields": fields}


@describer("person.role_granted")
def _granted(data: dict[str, Any]) -> str:
    return _("Role granted: %(role)s") % {"role": _role(data)}


@describer("person.role_revoked")
def _revoked(data: dict[str, Any]) -> str:
    return _("Role revoked: %(role)s") % {"role": _role(data)}


@describer("person.unlocked")
def _unlocked(data: dict[str, Any]) -> str:
    return _("Sign-in unlocked")


@describer("person.password_link_sent")
def _link_sent(data: dict[str, Any]) -> str:
    return _("A link to choose a password was sent")


@describer("person.locked_out")
def _locked_out(data: dict[str, Any]) -> str:
    return _("Sign-in locked after too many failed attempts")
