"""A small two-tier province for tests: the shared world (``testing/world.py``) carried
through the 2025 reform, as a province records it. Districts and old communes end in
2024; from 2025 the communes answer to the province:

- Phường Phố Hiến (code 11989, REUSED from Xã Lạc Đạo) continues Lạc Đạo and Chỉ Đạo,
  both of the former Văn Lâm district (merged);
- Xã Nghĩa Trụ (12040) continues Xã Xuân Quan of the former Văn Giang district.

Every link across 2025 is a successor link; the reused code tells nothing by itself.
"""

from __future__ import annotations

from typing import Any

from egovrank.orgs.actions import do_add_succession
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Unit

__all__ = ["FORMER", "reform"]

REFORM_YEAR = 2025
# New unit key → (code, name, predecessor keys)
FORMER = {
    "phohien": ("11989", "Phường Phố Hiến", ("lacdao", "chidao")),
    "nghiatru": ("12040", "Xã Nghĩa Trụ", ("xuanquan",)),
}


def reform(world: Any) -> dict[str, Unit]:
    """End the districts and communes of ``world`` in 2024 and form the new communes
    from 2025, linked to their predecessors; ``world.units`` is left with the units of
    2025 (departments and the new communes). The new units, by key."""
    province = world.units["province"]
    ending = ["vanlam", "vangiang", *(key for _c, _n, keys in FORMER.values() for key in keys)]
    Unit.objects.filter(pk__in=[world.units[key].pk for key in ending]).update(valid_until=2024)
    created = {}
    for key, (code, name, predecessors) in FORMER.items():
        unit = Unit.objects.create(
            code=code,
            name=name,
            kind=UnitKind.COMMUNE,
            block=world.blocks["KHOI03"],
            parent=province,
            valid_from=REFORM_YEAR,
        )
        created[key] = unit
        for old in predecessors:
            do_add_succession(
                world.units[old],
                unit,
                kind="merged",
                year=REFORM_YEAR,
                note="Nghị quyết 1666/NQ-UBTVQH15",
                actor=world.administrator,
            )
    for key in ending:
        del world.units[key]
    world.units.update(created)
    return created
