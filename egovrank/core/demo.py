"""The Hưng Yên demo: blocks, the province, its 2019 units, and one account per role.

The passwords below are published in the README. Only ``seed_demo`` sets them, and it
refuses to run on an installation that is not in DEBUG mode unless told it is a demo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from egovrank.accounts.actions import do_grant_role
from egovrank.accounts.choices import Role
from egovrank.accounts.models import User
from egovrank.orgs.actions import ImportReport, do_import_units
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEMO_YEAR",
    "DemoAccount",
    "PeriodReport",
    "load_demo",
    "load_demo_period",
]

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
        "lanhdao.lacdao",
        "Chủ tịch UBND xã Lạc Đạo",
        "11989",
        Role.UNIT_HEAD,
        "11989",
        "Xã Lạc Đạo (huyện Văn Lâm)",
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


DEMO_YEAR = 2019
# Units the demo accounts fill in stay drafts, so a visitor can work on them.
_DEMO_DRAFTS = {"K01-05", "11989"}


@dataclass(frozen=True)
class PeriodReport:
    year: int
    participants: int
    submitted: int
    drafts: int
    not_started: int


def _demo_fate(code: str) -> tuple[str, float, float]:
    """A unit's part in the demo, the same on every machine: (fate, quality, share)."""
    rng = random.Random(f"egovrank-demo-{code}")  # noqa: S311 - demo data, not secrets
    quality = rng.uniform(0.35, 0.97)
    if code in _DEMO_DRAFTS:
        return "draft", 0.8, 0.85
    roll = rng.random()
    if roll < 0.45:
        return "submitted", quality, 1.0
    if roll < 0.8:
        return "draft", quality, rng.uniform(0.2, 0.95)
    return "not_started", quality, 0.0


def load_demo_period(now: datetime | None = None) -> PeriodReport:
    """The 2019 period open for self-assessment with the shipped sets, every unit of a
    block taking part, and answers for most units (some submitted, some drafts, some not
    started). Safe to run again: it keeps the deadline three weeks away and never
    touches a form that already has answers."""
    from egovrank.assessments.demo import fill_demo_form, plausible_answers
    from egovrank.assessments.queries import criteria_set_for
    from egovrank.criteria.models import CriteriaVersion
    from egovrank.criteria.versions import ensure_shipped_versions
    from egovrank.periods.actions import (
        do_add_participants,
        do_change_state,
        do_create_period,
        do_set_block_version,
    )
    from egovrank.periods.choices import PeriodState
    from egovrank.periods.models import Period

    now = now or timezone.now()
    # 17:00 Vietnam time, three weeks on: the end of a working day.
    deadline = timezone.localtime(now + timedelta(days=21)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    ensure_shipped_versions()
    period = Period.objects.filter(year=DEMO_YEAR).first()
    if period is None:
        period = do_create_period(
            DEMO_YEAR,
            f"Đánh giá, xếp hạng mức độ Chính quyền điện tử năm {DEMO_YEAR} (dữ liệu mẫu)",
            actor=None,
            self_assessment_deadline=deadline,
            review_deadline=deadline + timedelta(days=30),
            revision_deadline=deadline + timedelta(days=14),
        )
        for number, block in enumerate(Block.objects.order_by("order"), start=1):
            version = CriteriaVersion.objects.get(set_id=f"hungyen-2018-khoi0{number}")
            do_set_block_version(period, block, version, actor=None)
        units = (
            Unit.objects.valid_in(DEMO_YEAR).filter(block__isnull=False).select_related("parent")
        )
        do_add_participants(period, list(units), actor=None)
        period = do_change_state(period, PeriodState.SELF_ASSESSMENT, actor=None)
    elif period.state == PeriodState.SELF_ASSESSMENT:
        Period.objects.filter(pk=period.pk).update(self_assessment_deadline=deadline)
    counts = {"submitted": 0, "draft": 0, "not_started": 0}
    for participant in period.participants.select_related("period"):
        fate, quality, share = _demo_fate(participant.unit_code)
        counts[fate] += 1
        if fate == "not_started":
            continue
        criteria_set = criteria_set_for(participant)
        answers = plausible_answers(
            criteria_set, seed=int(participant.unit.pk), quality=quality, share=share
        )
        with transaction.atomic():
            fill_demo_form(participant, answers, submit=fate == "submitted")
    return PeriodReport(
        DEMO_YEAR,
        period.participants.count(),
        counts["submitted"],
        counts["draft"],
        counts["not_started"],
    )
