"""The name under which a unit of local government issues a document: its People's
Committee (Decree 30/2020/NĐ-CP writes "UBND XÃ LẠC ĐẠO", not "XÃ LẠC ĐẠO"). Registries
name communes, wards and provinces by their place ("Xã Lạc Đạo", "Tỉnh Hưng Yên") and
districts often by their committee already ("UBND huyện Văn Lâm")."""

from __future__ import annotations

from .choices import UnitKind
from .models import Unit

__all__ = ["issuing_name"]

_GOVERNMENTS = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}
_COMMITTEE = "UBND"


def issuing_name(unit: Unit) -> str:
    """``unit``'s name as the issuer of a document: its People's Committee for a province,
    district, commune or ward; a department's own name otherwise."""
    name = unit.name.strip()
    if unit.kind not in _GOVERNMENTS or not name:
        return name
    if name.upper().startswith((_COMMITTEE, "ỦY BAN", "UỶ BAN")):
        return name
    return f"{_COMMITTEE} {name[0].lower()}{name[1:]}"
