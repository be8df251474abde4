"""How a criteria-set version's events read on its page (core/history.py), translated
when shown; the events store codes and numbers only."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from egovrank.core.history import describer

__all__: list[str] = []


@describer("criteria_version.imported")
def _imported(data: dict[str, Any]) -> str:
    if data["file"] == "shipped":
        return _("Added from the sets shipped with egovrank")
    return _("Imported from %(file)s") % {"file": data["file"]}


@describer("criteria_version.copied")
def _copied(data: dict[str, Any]) -> str:
    return _("Copied from %(source)s") % {"source": data["from"]}


@describer("criteria_version.node_changed")
def _changed(data: dict[str, Any]) -> str:
    return _("Criterion %(code)s changed") % {"code": data["code"]}


@describer("criteria_version.node_added")
def _added(data: dict[str, Any]) -> str:
    return _("Criterion %(code)s added") % {"code": data["code"]}


@describer("criteria_version.node_moved")
def _moved(data: dict[str, Any]) -> str:
    return _("Criterion %(code)s moved") % {"code": data["code"]}


@describer("criteria_version.node_deleted")
def _deleted(data: dict[str, Any]) -> str:
    return _("Criterion %(code)s deleted") % {"code": data["code"]}


@describer("criteria_version.metadata_changed")
def _metadata(data: dict[str, Any]) -> str:
    return _("The description of the set changed")


@describer("criteria_version.levels_changed")
def _levels(data: dict[str, Any]) -> str:
    return _("The levels changed")
