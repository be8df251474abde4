"""How a unit's events read on its page (core/history.py), translated when shown; the
events store codes and the file's name only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from egovrank.core.history import describer

from .choices import SuccessionKind
from .models import Unit

__all__: list[str] = []


def _field(name: str) -> str:
    try:
        field = Unit._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


@describer("unit.created")
def _created(data: dict[str, Any]) -> str:
    return _("Created by importing %(file)s") % {"file": data["file"]}


@describer("unit.updated")
def _updated(data: dict[str, Any]) -> str:
    return _("%(fields)s changed by importing %(file)s") % {
        "fields": ", ".join(_field(name) for name in data["changed"]),
        "file": data["file"],
    }


@describer("unit.succession_added")
def _succession(data: dict[str, Any]) -> str:
    # The event is the predecessor's: its page names it already.
    return _("Continued by %(successor)s from %(year)s (%(kind)s)") % {
        "successor": data["successor"],
        "kind": SuccessionKind(data["kind"]).label,
        "year": data["year"],
    }
