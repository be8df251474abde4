"""The shared test world: a few Hưng Yên units and one person per role.

Tests across the apps use the same named people (``world.unit_officer`` …) so that
permission tests read alike everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from egovrank.accounts.models import RoleAssignment, User
from egovrank.core.roles import Role
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import ensure_shipped_versions
from egovrank.demo.hungyen import DEMO_PASSWORD
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit
from egovrank.periods.models import Participant, Period, PeriodBlock
from egovrank.periods.rules import reviewer_unit_for

__all__ = ["PERSONAS", "World", "make_period", "make_world", "sign_in_browser"]

# Every persona of the permission tests, anonymous first.
PERSONAS = [
    "anonymous",
    "outsider",
    "administrator",
    "provincial_reviewer",
    "district_reviewer",
    "unit_officer",
    "unit_head",
    "commune_officer",
]


@dataclass
class World:
    blocks: dict[str, Block]
    units: dict[str, Unit]
    people: dict[str, User] = field(default_factory=dict)
    period: Period | None = None  # once make_period has run
    participants: dict[str, Participant] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # Only called for names that are not fields: a person, by persona. Not while
        # copy.deepcopy builds a World, before ``people`` exists.
        people = self.__dict__.get("people", {})
        try:
            return people[name]
        except KeyError:
            raise AttributeError(name) from None


def make_unit(code: str, name: str, kind: str, block: Block | None, parent: Unit | None) -> Unit:
    return Unit.objects.create(code=code, name=name, kind=kind, block=block, parent=parent)


def make_person(
    username: str, *roles: tuple[str, Unit | None], works_at: Unit | None = None
) -> User:
    person = User.objects.create(
        username=username, full_name=username.replace("_", " ").title(), unit=works_at
    )
    for role, unit in roles:
        RoleAssignment.objects.create(user=person, role=role, unit=unit)
    return person


def make_world() -> World:
    """Units: two departments, two districts, two communes of Văn Lâm and one of Văn
    Giang. People: one per persona, bound as the demo binds them."""
    blocks = {
        "KHOI01": Block.objects.create(
            code="KHOI01", name="Khối 01", unit_kind=UnitKind.DEPARTMENT, order=1
        ),
        "KHOI02": Block.objects.create(
            code="KHOI02", name="Khối 02", unit_kind=UnitKind.DISTRICT, order=2
        ),
        "KHOI03": Block.objects.create(
            code="KHOI03", name="Khối 03", unit_kind=UnitKind.COMMUNE, order=3
        ),
    }
    province = make_unit("33", "Tỉnh Hưng Yên", UnitKind.PROVINCE, None, None)
    units = {"province": province}
    units["sotttt"] = make_unit(
        "K01-11", "Sở Thông tin và Truyền thông", UnitKind.DEPARTMENT, blocks["KHOI01"], province
    )
    units["sotc"] = make_unit(
        "K01-05", "Sở Tài chính", UnitKind.DEPARTMENT, blocks["KHOI01"], province
    )
    units["soxd"] = make_unit(
        "K01-09", "Sở Xây dựng", UnitKind.DEPARTMENT, blocks["KHOI01"], province
    )
    units["vanlam"] = make_unit(
        "325", "UBND huyện Văn Lâm", UnitKind.DISTRICT, blocks["KHOI02"], province
    )
    units["vangiang"] = make_unit(
        "326", "UBND huyện Văn Giang", UnitKind.DISTRICT, blocks["KHOI02"], province
    )
    units["lacdao"] = make_unit(
        "11989", "Xã Lạc Đạo", UnitKind.COMMUNE, blocks["KHOI03"], units["vanlam"]
    )
    units["chidao"] = make_unit(
        "11992", "Xã Chỉ Đạo", UnitKind.COMMUNE, blocks["KHOI03"], units["vanlam"]
    )
    units["xuanquan"] = make_unit(
        "12022", "Xã Xuân Quan", UnitKind.COMMUNE, blocks["KHOI03"], units["vangiang"]
    )
    world = World(blocks=blocks, units=units)
    world.people = {
        "outsider": make_person("outsider"),
        "administrator": make_person(
            "administrator", (Role.ADMINISTRATOR, None), works_at=units["sotttt"]
        ),
        "provincial_reviewer": make_person(
            "provincial_reviewer", (Role.PROVINCIAL_REVIEWER, None), works_at=units["sotttt"]
        ),
        "district_reviewer": make_person(
            "district_reviewer", (Role.DISTRICT_REVIEWER, units["vanlam"]), works_at=units["vanlam"]
        ),
        "unit_officer": make_person(
            "unit_officer", (Role.UNIT_OFFICER, units["sotc"]), works_at=units["sotc"]
        ),
        "unit_head": make_person(
            "unit_head", (Role.UNIT_HEAD, units["sotc"]), works_at=units["sotc"]
        ),
        "commune_officer": make_person(
            "commune_officer", (Role.UNIT_OFFICER, units["lacdao"]), works_at=units["lacdao"]
        ),
    }
    return world


def make_period(
    world: World, *, year: int = 2019, state: str = "self_assessment", days_left: int = 14
) -> Period:
    """A period of ``year`` using the shipped Hưng Yên sets, with every unit of the
    world that belongs to a block taking part, its deadline ``days_left`` days away.
    ``world.participants`` is keyed like ``world.units``."""
    ensure_shipped_versions()
    period = Period.objects.create(
        year=year,
        title=f"Đánh giá, xếp hạng mức độ Chính quyền điện tử năm {year}",
        state=state,
        self_assessment_deadline=timezone.now() + timedelta(days=days_left),
        opened_at=timezone.now() if state != "draft" else None,
    )
    in_use = {unit.block_id for unit in world.units.values()}
    for number, block in enumerate(world.blocks.values(), start=1):
        if block.pk not in in_use:  # e.g. the districts' block after the 2025 reform
            continue
        version = CriteriaVersion.objects.get(set_id=f"hungyen-2018-khoi0{number}")
        PeriodBlock.objects.create(period=period, block=block, version=version)
    province = world.units["province"]
    for key, unit in world.units.items():
        if unit.block_id is None:
            continue
        world.participants[key] = Participant.objects.create(
            period=period,
            unit=unit,
            block_id=unit.block_id,
            reviewer_unit=reviewer_unit_for(unit, year, province),
            unit_code=unit.code,
            unit_name=unit.name,
        )
    world.period = period
    return period


def sign_in_browser(page: Any, base_url: str, username: str, *, language: str = "vi") -> None:
    """Sign a browser page in as a demo account through the real sign-in page (fields
    found by id, so it works in either language), in ``language``."""
    if language != "vi":
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    page.goto(base_url + "/account/sign-in/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator(".sign-in button[type=submit]").click()
    page.wait_for_url("**/workspace/")
