"""The Hưng Yên demo: blocks, the province, its 2019 units, one account per role, the
2019 period under way, and the 2017 and 2018 periods published.

The passwords below are published in the README. Only ``seed_demo`` sets them, and it
refuses to run on an installation that is not in DEBUG mode unless told it is a demo.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from egovrank.accounts.actions import do_grant_role
from egovrank.accounts.models import User
from egovrank.assessments.demo import fill_demo_forms, plausible_answers
from egovrank.assessments.queries import criteria_set_for
from egovrank.core.roles import Role
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import ensure_shipped_versions
from egovrank.orgs.actions import ImportReport, do_add_succession, do_import_units
from egovrank.orgs.choices import SuccessionKind, UnitKind
from egovrank.orgs.models import Block, Unit, UnitSuccession
from egovrank.periods.actions import (
    do_add_participants,
    do_change_state,
    do_create_period,
    do_set_block_version,
)
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.results.actions import do_finalise, do_publish
from egovrank.review.demo import close_demo_reviews

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "DEMO_YEAR",
    "PAST_YEARS",
    "DemoAccount",
    "PastYear",
    "PeriodReport",
    "PublishedReport",
    "load_demo",
    "load_demo_period",
    "load_demo_published_years",
    "published_report",
]

UNITS_FILE = Path(__file__).resolve().parent.parent / "orgs" / "data" / "hungyen-units-2019.csv"
PROVINCE = ("33", "Tỉnh Hưng Yên", "Hưng Yên")
BLOCKS = [
    ("KHOI01", "Khối 01", "Các sở, ban, ngành", UnitKind.DEPARTMENT),
    ("KHOI02", "Khối 02", "UBND các huyện, thị xã, thành phố", UnitKind.DISTRICT),
    ("KHOI03", "Khối 03", "UBND các xã, phường, thị trấn", UnitKind.COMMUNE),
]
# A unit of the shipped 2025 registry: when it is in, the 2019 list is not imported again.
REFORM_UNITS = ("HY-D08",)
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
def load_demo() -> ImportReport | None:
    """Create or refresh the demo; safe to run again. Demo passwords are reset.

    Returns the 2019 unit list's import report, or None when the list was not imported
    again because the 2025 registry (``hungyen2025``) is in: the list has no years, so
    its rows would match the 2025 units that reuse the 2019 codes and rename them."""
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
    report = None
    if not Unit.objects.filter(code__in=REFORM_UNITS, valid_from=2025).exists():
        report = do_import_units(UNITS_FILE.name, UNITS_FILE.read_bytes(), actor=None)
    # The accounts' units are 2019 ones; a code reused after 2025 names another unit.
    units = {unit.code: unit for unit in Unit.objects.valid_in(DEMO_YEAR)}
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
    forms = []
    for participant in period.participants.select_related("period"):
        fate, quality, share = _demo_fate(participant.unit_code)
        counts[fate] += 1
        if fate == "not_started":
            continue
        criteria_set = criteria_set_for(participant)
        answers = plausible_answers(
            criteria_set, seed=int(participant.unit_id), quality=quality, share=share
        )
        forms.append((participant, answers, fate == "submitted"))
    with transaction.atomic():
        fill_demo_forms(forms)
    return PeriodReport(
        DEMO_YEAR,
        period.participants.count(),
        counts["submitted"],
        counts["draft"],
        counts["not_started"],
    )


# --- the published years -------------------------------------------------------------------


@dataclass(frozen=True)
class PastYear:
    """A past evaluation of the demo and the (sample) decision that announced it."""

    year: int
    decision_number: str
    decision_date: date
    self_assessment_deadline: date
    review_deadline: date


# Sample decisions: numbers and dates in the province's style, not the real ones.
PAST_YEARS = (
    PastYear(2017, "1432/QĐ-UBND", date(2018, 6, 15), date(2018, 3, 15), date(2018, 4, 30)),
    PastYear(2018, "1510/QĐ-UBND", date(2019, 7, 5), date(2019, 3, 15), date(2019, 4, 30)),
)
SIGNER = "Phó Chủ tịch UBND tỉnh"
# Mỹ Hào became a town (thị xã) in 2019 and seven of its communes wards: same codes, so
# the periods before keep the names of their time.
NAMES_BEFORE_2019 = {
    "328": "UBND huyện Mỹ Hào",
    "12103": "Thị trấn Bần Yên Nhân",
    "12106": "Xã Phan Đình Phùng",
    "12118": "Xã Nhân Hòa",
    "12121": "Xã Dị Sử",
    "12124": "Xã Bạch Sam",
    "12127": "Xã Minh Đức",
    "12130": "Xã Phùng Chí Kiên",
}
# An illustrative merger (sample data, not the province's history): a department of
# 2017 whose work passed to the provincial People's Committee's office from 2018, so the
# office's page follows its results across the merger.
MERGED_UNIT = ("K01-19", "Sở Ngoại vụ", "K01-01", 2018)
# A unit of each past year that never submitted; the rest are drawn (about 3 in 100).
NEVER_SUBMITTED = {2017: {"12007"}, 2018: {"12346"}}


@dataclass(frozen=True)
class PublishedReport:
    """What a published year of the demo holds, for seed_demo's report."""

    year: int
    decision_number: str
    decision_date: date
    units: int
    levels: list[tuple[str, int]]  # level name, units, from the best level down
    not_submitted: int


def _demo_history() -> None:
    """The merged department and its succession (recorded once)."""
    code, name, successor_code, year = MERGED_UNIT
    predecessor, _created = Unit.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": UnitKind.DEPARTMENT,
            "block": Block.objects.get(code="KHOI01"),
            "parent": Unit.objects.get(code=PROVINCE[0]),
            "valid_until": year - 1,
        },
    )
    successor = Unit.objects.get(code=successor_code)
    if not UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).exists():
        do_add_succession(
            predecessor,
            successor,
            kind=SuccessionKind.MERGED,
            year=year,
            note="Dữ liệu mẫu: minh họa một lần sáp nhập đơn vị.",
            actor=None,
        )


def _past_reviewers() -> tuple[Any, dict[int, Any]]:
    """Sở TT&TT's demo reviewer, and a reviewer for each district: Văn Lâm's demo
    account, and for the others an account that cannot sign in, standing for the people
    who reviewed those years."""
    province = User.objects.get(username="thamdinh.tinh")
    districts = {}
    # Hưng Yên's districts only: Thái Bình's former ones come with the 2025 registry.
    districts_of_province = Unit.objects.filter(kind=UnitKind.DISTRICT, parent__code=PROVINCE[0])
    for district in districts_of_province.order_by("code"):
        if district.code == "325":
            districts[district.pk] = User.objects.get(username="thamdinh.vanlam")
            continue
        person, created = User.objects.get_or_create(
            username=f"thamdinh.{district.code}",
            defaults={
                "full_name": f"Thẩm định viên {district.name}",
                "unit": district,
                "email": f"thamdinh.{district.code}@demo.invalid",
                "is_active": False,
            },
        )
        if created:
            person.set_unusable_password()
            person.save(update_fields=["password"])
        do_grant_role(person, Role.DISTRICT_REVIEWER, district, actor=None)
        districts[district.pk] = person
    return province, districts


def _past_fate(code: str, year: int) -> tuple[bool, float, int]:
    """A unit's part in a past year, the same on every machine: (submitted, quality,
    seed). Its quality is its 2019 one less a little per year back, so most units rise."""
    base = random.Random(f"egovrank-demo-{code}").uniform(0.35, 0.97)  # noqa: S311
    rng = random.Random(f"egovrank-demo-{year}-{code}")  # noqa: S311 - demo data
    quality = min(0.98, max(0.2, base - 0.05 * (DEMO_YEAR - year) + rng.gauss(0, 0.07)))
    submitted = rng.random() >= 0.03 and code not in NEVER_SUBMITTED.get(year, set())
    if code in _DEMO_DRAFTS:  # the demo accounts' units show results in every year
        submitted = True
    return submitted, quality, rng.randrange(2**31)


def _open_past_period(past: PastYear) -> Period:
    period = Period.objects.filter(year=past.year).first()
    if period is None:
        zone = timezone.get_default_timezone()

        def at_five(day: date) -> datetime:
            return datetime(day.year, day.month, day.day, 17, 0, tzinfo=zone)

        period = do_create_period(
            past.year,
            f"Đánh giá, xếp hạng mức độ Chính quyền điện tử năm {past.year} (dữ liệu mẫu)",
            actor=None,
            self_assessment_deadline=at_five(past.self_assessment_deadline),
            review_deadline=at_five(past.review_deadline),
            revision_deadline=at_five(past.review_deadline - timedelta(days=15)),
        )
    if period.state == PeriodState.DRAFT:
        chosen = set(period.blocks.values_list("block_id", flat=True))
        for number, block in enumerate(Block.objects.order_by("order"), start=1):
            if block.pk not in chosen:
                version = CriteriaVersion.objects.get(set_id=f"hungyen-2018-khoi0{number}")
                do_set_block_version(period, block, version, actor=None)
        units = Unit.objects.valid_in(past.year).filter(block__isnull=False)
        do_add_participants(period, list(units.select_related("parent")), actor=None)
        period = do_change_state(period, PeriodState.SELF_ASSESSMENT, actor=None)
    return period


def _fill_past_forms(period: Period) -> None:
    if period.year < 2019:
        # Opening copied today's names; the list keeps those the units had that year.
        for code, name in NAMES_BEFORE_2019.items():
            period.participants.filter(unit_code=code).update(unit_name=name)
    forms = []
    for participant in period.participants.select_related("period"):
        submitted, quality, seed = _past_fate(participant.unit_code, period.year)
        if submitted:
            answers = plausible_answers(criteria_set_for(participant), seed=seed, quality=quality)
            forms.append((participant, answers, True))
    with transaction.atomic():
        fill_demo_forms(forms)


def published_report(publication: Any) -> PublishedReport:
    results = list(publication.results.values_list("level_name", "submitted"))
    counts = Counter(level for level, _submitted in results)
    order = [
        name for blocks in publication.blocks.values() for _code, name, _min in blocks["levels"]
    ]
    levels = [(name, counts[name]) for name in dict.fromkeys(order)]
    return PublishedReport(
        publication.period.year,
        publication.decision_number,
        publication.decision_date,
        len(results),
        levels,
        sum(1 for _level, submitted in results if not submitted),
    )


def load_demo_published_years() -> list[PublishedReport]:
    """The 2017 and 2018 periods, each reviewed, finalised and published through the
    same actions the pages use, with one merged department and Mỹ Hào's names of the
    time. Safe to run again, and to resume: each step runs only if the period has not
    passed it yet."""
    ensure_shipped_versions()
    _demo_history()
    province, districts = _past_reviewers()
    reports = []
    for past in PAST_YEARS:
        period = _open_past_period(past)
        if period.state == PeriodState.SELF_ASSESSMENT:
            _fill_past_forms(period)
            period = do_change_state(period, PeriodState.REVIEW, actor=None)
        if period.state == PeriodState.REVIEW:
            close_demo_reviews(period, province, districts)
            period = do_finalise(period, actor=province)
        if period.state == PeriodState.FINALISED:
            do_publish(
                period,
                decision_number=past.decision_number,
                decision_date=past.decision_date,
                signer=SIGNER,
                actor=province,
            )
        reports.append(published_report(period.publications.order_by("-number").first()))
    return reports
