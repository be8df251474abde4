"""The Hưng Yên demo: blocks, the province, its 2019 units, and one account per role.

The passwords below are published in the README. Only ``seed_demo`` sets them, and it
refuses to run on an installation that is not in DEBUG mode unless told it is a demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from egovrank.accounts.actions import do_grant_role
from egovrank.accounts.choices import Role
from egovrank.accounts.models import User
from egovrank.orgs.actions import ImportReport, do_import_units
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoAccount", "load_demo"]

UNITS_FILE = Path(__file__).resolve().parent.parent / "orgs" / "data" / "hungyen-units-2019.csv"
PROVINCE = ("33", "Tỉnh Hưng Yên", "Hưng Yên")
BLOCKS = [
    ("KHOI01", "Khối 01", "Các sở, ban, ngành", UnitKind.DEPARTMENT),
    ("KHOI02", "Khối 02", "UBND các huyện, thị xã, thành phố", UnitKind.DISTRICT),
    ("KHOI03", "Khối 03", "UBND các xã, phường, thị trấn", UnitKind.COMMUNE),
]
DEMO_PASSWORD = "HungYen@2749"  # noqa: S105 - published on purpose: demo only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    works_at: str
    role: Role
    unit: str | None = None  # the unit a unit-bound role is for
    unit_name: str = ""  # for printing the list without a database


DEMO_ACCOUNTS = [
    DemoAccount("quantri", "Quản trị viên Sở TT&TT", "K01-11", Role.ADMINISTRATOR),
    DemoAccount("thamdinh.tinh", "Thẩm định viên Sở TT&TT", "K01-11", Role.PROVINCIAL_REVIEWER),
    DemoAccount(
        "thamdinh.vanlam",
        "Thẩm định viên huyện Văn Lâm",
        "325",
        Role.DISTRICT_REVIEWER,
        "325",
        "UBND huyện Văn Lâm",
    ),
    DemoAccount(
        "canbo.sotc", "Cán bộ Sở Tài chính", "K01-05", Role.UNIT_OFFICER, "K01-05", "Sở Tài chính"
    ),
    DemoAccount(
        "lanhdao.sotc", "Lãnh đạo Sở Tài chính", "K01-05", Role.UNIT_HEAD, "K01-05", "Sở Tài chính"
    ),
    DemoAccount(
        "canbo.lacdao",
        "Cán bộ UBND xã Lạc Đạo",
        "11989",
        Role.UNIT_OFFICER,
        "11989",
        "Xã Lạc Đạo (huyện Văn Lâm)",
    ),
]


@transaction.atomic
def load_demo() -> ImportReport:
    """Create or refresh the demo; safe to run again. Demo passwords are reset."""
    for order, (code, name, description, kind) in enumerate(BLOCKS, start=1):
        Block.objects.update_or_create(
            code=code,
            defaults={"name": name, "description": description, "unit_kind": kind, "order": order},
        )
    code, name, short_name = PROVINCE
    Unit.objects.update_or_create(
        code=code,
        defaults={"name": name, "short_name": short_name, "kind": UnitKind.PROVINCE},
    )
    report = do_import_units(UNITS_FILE.name, UNITS_FILE.read_bytes(), actor=None)
    units = {unit.code: unit for unit in Unit.objects.all()}
    for account in DEMO_ACCOUNTS:
        person, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "full_name": account.full_name,
                "unit": units[account.works_at],
                "email": f"{account.username}@demo.invalid",
                "is_active": True,
            },
        )
        person.set_password(DEMO_PASSWORD)
        person.save(update_fields=["password"])
        do_grant_role(
            person, account.role, units[account.unit] if account.unit else None, actor=None
        )
    return report
