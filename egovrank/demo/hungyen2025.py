"""The merged Hưng Yên of 2025 in the demo: the shipped 2025 registry and its successor
links, a published 2025 period on the provincial DTI sets, and an open 2026 period, with
accounts for a ward (Phường Phố Hiến) and for Sở Khoa học và Công nghệ's reviewer.

Everything goes through the actions the pages use (the unit and successor imports, the
period, review and results actions); only the answers are bulk-loaded, as for 2017–2019.
Deterministic and safe to run again.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from egovrank.accounts.actions import do_grant_role
from egovrank.accounts.models import User
from egovrank.assessments.demo import fill_demo_forms, plausible_answers
from egovrank.assessments.models import Assessment
from egovrank.assessments.queries import criteria_set_for
from egovrank.core.models import AuditEvent
from egovrank.core.roles import Role
from egovrank.criteria.versions import ensure_shipped_versions
from egovrank.orgs.actions import do_import_units
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit
from egovrank.orgs.successorfile import do_import_successors
from egovrank.periods.actions import (
    do_add_participants,
    do_change_state,
    do_create_period,
    do_set_block_version,
)
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.results.actions import do_finalise, do_publish
from egovrank.scoring.fileformat.cells import csv_writer

from .hungyen import DEMO_PASSWORD, DemoAccount, PublishedReport, published_report
from .national import fill_reviewed_forms, record_approvals

__all__ = [
    "BLOCKS_2025",
    "DEMO_ACCOUNTS_2025",
    "OPEN_YEAR",
    "PUBLISHED_2025",
    "OpenReport",
    "load_demo_2025",
    "load_registry_2025",
    "registry_2025_loaded",
]

DATA = Path(__file__).resolve().parent.parent / "orgs" / "data"
# The shipped files in the order docs/units.md gives: the units that ended with the
# reform first, so the reused codes end before the new units start.
UNIT_FILES = ("hungyen-units-before-2025.csv", "hungyen-units-merged-2024.csv")
NEW_UNITS = "hungyen-units-2025.csv"
SUCCESSOR_FILES = (("hungyen-successors-2024.csv", 2024), ("hungyen-successors-2025.csv", 2025))
# The 2025 blocks are the DTI sets' own (block SBN and XP of dti-2025-sbn / dti-2025-xp).
BLOCKS_2025 = [
    ("SBN", "Sở, ban, ngành", "Các sở, ban, ngành (từ 2025)", UnitKind.DEPARTMENT, "dti-2025-sbn"),
    ("XP", "Xã, phường", "UBND các xã, phường (từ 2025)", UnitKind.COMMUNE, "dti-2025-xp"),
]
SKHCN = "HY-D08"  # Sở Khoa học và Công nghệ, which leads digital transformation from 2025
PHO_HIEN = "11953"  # Phường Phố Hiến (the code was Phường Hiến Nam's until 2024)

DEMO_ACCOUNTS_2025 = [
    DemoAccount(
        "thamdinh.sokhcn",
        "Thẩm định viên Sở Khoa học và Công nghệ",
        SKHCN,
        Role.PROVINCIAL_REVIEWER,
    ),
    DemoAccount(
        "canbo.phohien",
        "Cán bộ UBND phường Phố Hiến",
        PHO_HIEN,
        Role.UNIT_OFFICER,
        PHO_HIEN,
        "Phường Phố Hiến (từ 2025)",
    ),
    DemoAccount(
        "lanhdao.phohien",
        "Chủ tịch UBND phường Phố Hiến",
        PHO_HIEN,
        Role.UNIT_HEAD,
        PHO_HIEN,
        "Phường Phố Hiến (từ 2025)",
    ),
]


@dataclass(frozen=True)
class PublishedYear:
    year: int
    decision_number: str
    decision_date: date
    self_assessment_deadline: date
    review_deadline: date


# A sample decision in the province's style, not the real one.
PUBLISHED_2025 = PublishedYear(
    2025, "856/QĐ-UBND", date(2026, 5, 20), date(2026, 3, 16), date(2026, 4, 30)
)
OPEN_YEAR = 2026
SIGNER = "Phó Chủ tịch UBND tỉnh"
SEED_2025 = 2025  # the national generator's seed for the 2025 answers and reviews


@dataclass(frozen=True)
class OpenReport:
    year: int
    participants: int
    submitted: int
    drafts: int
    not_started: int
    deadline: datetime


def registry_2025_loaded() -> bool:
    """Whether the shipped 2025 registry is in: its files must be imported once only,
    since a row without years matches the latest unit of a reused code."""
    return Unit.objects.filter(code=SKHCN, valid_from=2025).exists()


def _with_blocks(content: bytes) -> bytes:
    """The shipped 2025 list with a block column: departments in SBN, communes and wards
    in XP (the file leaves blocks to the province)."""
    lines = content.decode("utf-8-sig").splitlines()
    notes = [line for line in lines if line.startswith("#")]
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))
    kind = rows[0].index("kind")
    block = {str(UnitKind.DEPARTMENT): "SBN", str(UnitKind.COMMUNE): "XP"}
    out = io.StringIO()
    out.write("\n".join(notes) + "\n")
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow([*rows[0], "block"])
    for row in rows[1:]:
        writer.writerow([*row, block.get(row[kind], "")])
    return out.getvalue().encode()


@transaction.atomic
def load_registry_2025() -> bool:
    """The 2025 blocks, the shipped 2025 registry and its successor links, through the
    unit and successor imports; then the 2025 demo accounts. Returns whether the
    registry was imported now (False: it was already in)."""
    start = Block.objects.order_by("-order").values_list("order", flat=True).first() or 0
    for offset, (code, name, description, kind, _set_id) in enumerate(BLOCKS_2025, start=1):
        Block.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "description": description,
                "unit_kind": kind,
                "order": start + offset,
            },
        )
    imported = not registry_2025_loaded()
    if imported:
        for name in UNIT_FILES:
            do_import_units(name, (DATA / name).read_bytes(), actor=None)
        do_import_units(NEW_UNITS, _with_blocks((DATA / NEW_UNITS).read_bytes()), actor=None)
        for name, year in SUCCESSOR_FILES:
            do_import_successors(name, (DATA / name).read_bytes(), year=year, actor=None)
    for account in DEMO_ACCOUNTS_2025:
        works_at = Unit.objects.valid_in(OPEN_YEAR).get(code=account.works_at)
        person, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "full_name": account.full_name,
                "unit": works_at,
                "email": f"{account.username}@demo.invalid",
                "is_active": True,
            },
        )
        person.set_password(DEMO_PASSWORD)
        person.save(update_fields=["password"])
        bound = Unit.objects.valid_in(OPEN_YEAR).get(code=account.unit) if account.unit else None
        do_grant_role(person, account.role, bound, actor=None)
    return imported


def _set_up(period: Period) -> Period:
    """Blocks, versions and the 117 units of the merged province; then open it."""
    if period.state != PeriodState.DRAFT:
        return period
    versions = dict(
        zip(
            [set_id for *_rest, set_id in BLOCKS_2025],
            ensure_shipped_versions([set_id for *_rest, set_id in BLOCKS_2025]),
            strict=True,
        )
    )
    chosen = set(period.blocks.values_list("block__code", flat=True))
    for code, *_rest, set_id in BLOCKS_2025:
        if code not in chosen:
            do_set_block_version(period, Block.objects.get(code=code), versions[set_id], actor=None)
    units = (
        Unit.objects.valid_in(period.year)
        .filter(block__code__in=[code for code, *_rest in BLOCKS_2025])
        .select_related("parent")
    )
    do_add_participants(period, list(units), actor=None)
    return do_change_state(period, PeriodState.SELF_ASSESSMENT, actor=None)


def _quality(code: str) -> float:
    return random.Random(f"egovrank-demo-2025-{code}").uniform(0.3, 0.95)  # noqa: S311


def _at_five(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 17, 0, tzinfo=timezone.get_default_timezone())


def load_published_2025() -> PublishedReport:
    """The 2025 period, answered, reviewed by Sở KH&CN's reviewer (the province reviews
    every unit from 2025: no district forwards), finalised and published. Its forms are
    written in bulk with their review, by the national generator's path (117 units
    approved one by one would double the time of the whole demo). Each step runs only
    if the period has not passed it yet."""
    past = PUBLISHED_2025
    period = Period.objects.filter(year=past.year).first()
    if period is None:
        period = do_create_period(
            past.year,
            f"Đánh giá, xếp hạng chỉ số chuyển đổi số (DTI) năm {past.year} (dữ liệu mẫu)",
            actor=None,
            self_assessment_deadline=_at_five(past.self_assessment_deadline),
            review_deadline=_at_five(past.review_deadline),
            revision_deadline=_at_five(past.review_deadline - timedelta(days=15)),
        )
    period = _set_up(period)
    reviewer = User.objects.get(username="thamdinh.sokhcn")
    forms = Assessment.objects.filter(participant__period=period)
    if period.state == PeriodState.SELF_ASSESSMENT:
        if not forms.exists():
            fill_reviewed_forms(period, SEED_2025, reviewer, lambda done, total: None)
        period = do_change_state(period, PeriodState.REVIEW, actor=None)
    if period.state == PeriodState.REVIEW:
        approved = AuditEvent.objects.filter(
            action="assessment.approved",
            target_type="assessments.assessment",
            target_id__in=[str(pk) for pk in forms.values_list("pk", flat=True)],
        )
        if not approved.exists():
            record_approvals(period, reviewer)
        period = do_finalise(period, actor=reviewer)
    if period.state == PeriodState.FINALISED:
        do_publish(
            period,
            decision_number=past.decision_number,
            decision_date=past.decision_date,
            signer=SIGNER,
            actor=reviewer,
        )
    return published_report(period.publications.order_by("-number").first())


def open_deadline(now: datetime) -> datetime:
    """Three weeks from ``now``, at 17:00 Vietnam time: always ahead, whatever the date."""
    return timezone.localtime(now + timedelta(days=21)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )


def load_open_2026(now: datetime | None = None) -> OpenReport:
    """The 2026 period open for self-assessment, its deadline three weeks ahead (kept
    there on every run), some forms submitted, some drafts, Phường Phố Hiến a draft for
    its officer and head to finish. A form that holds answers is never touched."""
    deadline = open_deadline(now or timezone.now())
    period = Period.objects.filter(year=OPEN_YEAR).first()
    if period is None:
        period = do_create_period(
            OPEN_YEAR,
            f"Đánh giá, xếp hạng chỉ số chuyển đổi số (DTI) năm {OPEN_YEAR} (dữ liệu mẫu)",
            actor=None,
            self_assessment_deadline=deadline,
            review_deadline=deadline + timedelta(days=30),
            revision_deadline=deadline + timedelta(days=14),
        )
    elif period.state == PeriodState.SELF_ASSESSMENT:
        Period.objects.filter(pk=period.pk).update(self_assessment_deadline=deadline)
    period = _set_up(period)
    counts = {"submitted": 0, "draft": 0, "not_started": 0}
    forms = []
    for participant in period.participants.select_related("period"):
        code = participant.unit_code
        rng = random.Random(f"egovrank-demo-{OPEN_YEAR}-{code}")  # noqa: S311
        roll = rng.random()
        if code == PHO_HIEN:
            fate, share = "draft", 0.7
        elif roll < 0.3:
            fate, share = "submitted", 1.0
        elif roll < 0.7:
            fate, share = "draft", rng.uniform(0.2, 0.9)
        else:
            fate, share = "not_started", 0.0
        counts[fate] += 1
        if fate == "not_started":
            continue
        answers = plausible_answers(
            criteria_set_for(participant),
            seed=rng.randrange(2**31),
            quality=_quality(code),
            share=share,
        )
        forms.append((participant, answers, fate == "submitted"))
    with transaction.atomic():
        fill_demo_forms(forms)
    return OpenReport(
        OPEN_YEAR,
        period.participants.count(),
        counts["submitted"],
        counts["draft"],
        counts["not_started"],
        deadline,
    )


def load_demo_2025() -> tuple[bool, PublishedReport, OpenReport]:
    """The whole 2025 part of the demo, after the 2017–2019 part."""
    imported = load_registry_2025()
    return imported, load_published_2025(), load_open_2026()
