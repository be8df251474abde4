"""National-scale synthetic data in the database: one period of 12,000 units, every form
submitted and reviewed, the results finalised and published.

The shape is that of ``benchmarks/scoring.py`` (12,000 units), spread over the three
shipped Hưng Yên criteria sets: 160 units in a departments' block, 1,840 district-level
units, and 10,000 communes, each commune under one of those districts so the district
columns and ranks exist. A smaller ``units`` keeps the same proportions.

The raw rows (units, participants' forms, answers, submissions, verdicts and their
history) are bulk-created, since typing 350,000 answers through the form would take
hours; everything that decides a result goes through the real actions: the period is
created, set up and opened as ``open_period`` opens one (``periods.opening``, through
``periods.actions``), and finalised and published by
``results.actions.do_finalise``/``do_publish`` (a real ``Publication`` and its
``PublishedResult`` rows). Forms end as the review leaves them: approved (with the
reviewer's adjusted criteria as ``Verification`` rows, so self points and verified
points differ), or closed as not submitted for about one unit in a hundred.

Deterministic: the same ``seed``, ``year`` and ``units`` give the same answers, points
and ranks. The units exist only in that year (``valid_from``/``valid_until``), so they
never join another year's period.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from egovrank.accounts.models import User
from egovrank.assessments.actions import AnswerInput
from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.demo import answer_rows, plausible_answers
from egovrank.assessments.models import Answer, Assessment, Submission
from egovrank.core.audit import event, record_all
from egovrank.core.lead_agency import lead_agency_for
from egovrank.core.progress import Progress
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of, ensure_shipped_versions
from egovrank.demo.hungyen import BLOCKS, PROVINCE
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit
from egovrank.periods.actions import do_change_state
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.periods.opening import Opening, open_as_planned
from egovrank.periods.rules import period_shape
from egovrank.results.actions import do_finalise, do_publish
from egovrank.results.compute import compute
from egovrank.results.models import Publication
from egovrank.review.choices import Decision
from egovrank.review.models import Forwarding, Verification
from egovrank.review.ranking import RankingEntry, ranking_entry
from egovrank.scoring.tree import CriteriaSet

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_UNITS",
    "DEFAULT_YEAR",
    "NationalRefused",
    "NationalReport",
    "block_sizes",
    "fill_reviewed_forms",
    "generate",
    "record_approvals",
]

DEFAULT_UNITS = 12_000
DEFAULT_YEAR = 2030
DEFAULT_SEED = 2749
# The national shape: departments, district-level units, communes (benchmarks/scoring.py).
SHAPE = {"KHOI01": 160, "KHOI02": 1_840, "KHOI03": 10_000}
SET_IDS = {
    "KHOI01": "hungyen-2018-khoi01",
    "KHOI02": "hungyen-2018-khoi02",
    "KHOI03": "hungyen-2018-khoi03",
}
NOT_SUBMITTED_SHARE = 0.01
ADJUSTED_SHARE = 0.25
BATCH = 2_000
USERNAME = "tonghop.quocgia"
REASON = "Minh chứng chưa đủ căn cứ (dữ liệu tổng hợp)."

DEPARTMENTS = [
    "Văn phòng UBND",
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Thanh tra",
    "Ban Quản lý các khu công nghiệp",
    "Sở Dân tộc và Tôn giáo",
    "Sở Ngoại vụ",
    "Ban Dân tộc",
]
# Syllables of Vietnamese place names, paired into the districts' and communes' names.
SYLLABLES = (
    "An Ân Bình Cẩm Đông Đức Gia Hòa Hưng Kim Lạc Long Mỹ Nghĩa Ngọc Phú Quảng Tân Thạch "
    "Thanh Thuận Vĩnh Xuân Yên"
).split()


class NationalRefused(ValueError):
    """The data cannot be generated as asked; the message says why, for people."""


@dataclass
class NationalReport:
    """What was generated, and how long each stage took (seconds)."""

    year: int
    publication: Publication
    units: dict[str, int]  # by block code
    levels: dict[str, dict[str, int]]  # block code → level name → units
    not_submitted: int
    adjusted: int
    answers: int
    seconds: dict[str, float] = field(default_factory=dict)


def block_sizes(units: int) -> dict[str, int]:
    """The national proportions for ``units`` units, each block at least one unit; the
    commune block takes what rounding leaves."""
    if units < len(SHAPE):
        raise NationalRefused(f"Give at least {len(SHAPE)} units: one per block.")
    whole = sum(SHAPE.values())
    sizes = {code: max(1, round(units * size / whole)) for code, size in SHAPE.items()}
    # From 3 units up the two smaller blocks leave the communes at least one.
    sizes["KHOI03"] = units - sizes["KHOI01"] - sizes["KHOI02"]
    return sizes


def _place(n: int) -> str:
    """The n-th of the two-syllable place names (Bình An, Đông Hòa …), numbered once the
    pairs run out, so every name is distinct."""
    pairs = len(SYLLABLES) * (len(SYLLABLES) - 1)
    first, second = divmod(n % pairs, len(SYLLABLES) - 1)
    if second >= first:
        second += 1
    name = f"{SYLLABLES[first]} {SYLLABLES[second]}"
    return name if n < pairs else f"{name} {n // pairs + 1}"


def _names(block: str, count: int) -> Iterator[str]:
    for n in range(count):
        if block == "KHOI01":
            department = DEPARTMENTS[n % len(DEPARTMENTS)]
            yield f"{department} {n // len(DEPARTMENTS) + 1:02d}"
        elif block == "KHOI02":
            yield f"UBND huyện {_place(n)}"
        else:
            yield f"Xã {_place(n)}"


# --- the refusal and the setup ------------------------------------------------------------


def check(year: int, units: int) -> None:
    """Refuse before anything is written."""
    if not 2000 <= year <= 2100:
        raise NationalRefused(f"{year} is not a year this system evaluates (2000–2100).")
    if Period.objects.filter(year=year).exists():
        raise NationalRefused(
            f"A period for {year} already exists: choose another year with --year, "
            "or use a fresh database."
        )
    block_sizes(units)
    prefix = _code_prefix(year)
    if Unit.objects.filter(code__startswith=prefix).exists():
        raise NationalRefused(
            f"Units with codes {prefix}… already exist from an earlier run that did not "
            "finish: use a fresh database, or another year."
        )


def _code_prefix(year: int) -> str:
    return f"QG{year}-"


@transaction.atomic
def _blocks_and_province() -> tuple[dict[str, Block], Unit]:
    """The three blocks (as the demo defines them, kept when present) and the province
    that reviews every unit (the installation's own, else the demo's)."""
    blocks = {}
    for order, (code, name, description, kind) in enumerate(BLOCKS, start=1):
        blocks[code], _created = Block.objects.get_or_create(
            code=code,
            defaults={"name": name, "description": description, "unit_kind": kind, "order": order},
        )
    province = Unit.objects.filter(kind=UnitKind.PROVINCE).order_by("pk").first()
    if province is None:
        code, name, short_name = PROVINCE
        province = Unit.objects.create(
            code=code, name=name, short_name=short_name, kind=UnitKind.PROVINCE
        )
    return blocks, province


def _actor(username: str | None) -> User:
    """The person the history names: ``username``, else an account that cannot sign in,
    standing for the reviewers of the synthetic data."""
    users = get_user_model().objects
    if username:
        found = users.filter(username=username).first()
        if found is None:
            raise NationalRefused(f"--user: nobody has the user name {username!r}.")
        return found
    person, created = users.get_or_create(
        username=USERNAME,
        defaults={
            "full_name": "Thẩm định viên (dữ liệu tổng hợp quy mô quốc gia)",
            "is_active": False,
        },
    )
    if created:
        person.set_unusable_password()
        person.save(update_fields=["password"])
    return person


@transaction.atomic
def _create_units(
    year: int, sizes: dict[str, int], blocks: dict[str, Block], province: Unit
) -> list[Unit]:
    """Every unit, valid in ``year`` only; communes spread over the districts in turn."""
    prefix = _code_prefix(year)
    kinds = {code: kind for code, _name, _description, kind in BLOCKS}

    def build(block: str, parents: list[Unit]) -> list[Unit]:
        number = block[-1]
        return [
            Unit(
                code=f"{prefix}{number}-{n + 1:05d}",
                name=name,
                kind=kinds[block],
                block=blocks[block],
                parent=parents[n % len(parents)],
                valid_from=year,
                valid_until=year,
            )
            for n, name in enumerate(_names(block, sizes[block]))
        ]

    departments = Unit.objects.bulk_create(build("KHOI01", [province]), batch_size=BATCH)
    districts = Unit.objects.bulk_create(build("KHOI02", [province]), batch_size=BATCH)
    communes = Unit.objects.bulk_create(build("KHOI03", districts), batch_size=BATCH)
    units = [*departments, *districts, *communes]
    if any(unit.pk is None for unit in units):  # a database that returns no ids
        by_code = {unit.code: unit for unit in Unit.objects.filter(code__startswith=prefix)}
        for unit in units:
            unit.pk = by_code[unit.code].pk
    return units


def _open_period(year: int, units: list[Unit], blocks: dict[str, Block], actor: User) -> Period:
    """The period, created, set up and opened as ``open_period`` opens one."""
    zone = timezone.get_default_timezone()
    opening = Opening(
        year=year,
        title=f"Đánh giá, xếp hạng mức độ Chính quyền điện tử năm {year} "
        "(dữ liệu tổng hợp quy mô quốc gia)",
        actor=actor,
        versions=[
            (block, CriteriaVersion.objects.get(set_id=SET_IDS[code]))
            for code, block in sorted(blocks.items())
        ],
        units=units,
        deadline=datetime(year + 1, 1, 31, 17, 0, tzinfo=zone),
        review_deadline=datetime(year + 1, 3, 31, 17, 0, tzinfo=zone),
        revision_deadline=datetime(year + 1, 3, 15, 17, 0, tzinfo=zone),
        draft=False,
    )
    return open_as_planned(opening).period


# --- the forms ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Form:
    """One unit's generated form, before it is written."""

    participant_id: int
    unit_code: str
    unit_name: str
    submitted: bool
    answers: dict[str, AnswerInput]
    adjusted: dict[str, str]  # code → the reviewer's answer


def _quality(rng: random.Random) -> float:
    """From a weak unit (0) to a strong one (1), skewed above the middle so that every
    level shows in every block (Khối 03 at 10,000 units: about 4% Tốt, a third Khá,
    44% Trung bình, 18% Yếu)."""
    return min(1.0, max(0.0, rng.betavariate(2.6, 1.6)))


def _adjustments(
    criteria_set: CriteriaSet, answers: dict[str, AnswerInput], rng: random.Random
) -> dict[str, str]:
    if rng.random() >= ADJUSTED_SHARE:
        return {}
    candidates = []
    for node in criteria_set.leaves():
        entered = answers.get(node.code)
        lowered = node.rule.weaker_entry(entered.value) if entered and node.rule else None
        if lowered is not None:
            candidates.append((node.code, lowered))
    chosen = rng.sample(candidates, min(len(candidates), rng.randint(1, 3)))
    return dict(sorted(chosen))


def _forms(period: Period, seed: int) -> Iterator[_Form]:
    """Every participant's form, in unit-code order."""
    sets = {
        period_block.block_id: criteria_set_of(period_block.version)
        for period_block in period.blocks.select_related("version")
    }
    participants = period.participants.order_by("unit_code").values_list(
        "pk", "unit_code", "unit_name", "block_id"
    )
    for pk, code, name, block_id in participants.iterator(chunk_size=BATCH):
        rng = random.Random(f"{seed}-{code}")  # noqa: S311 - synthetic data, not secrets
        if rng.random() < NOT_SUBMITTED_SHARE:
            yield _Form(pk, code, name, False, {}, {})
            continue
        criteria_set = sets[block_id]
        answers = plausible_answers(criteria_set, seed=rng.randrange(2**32), quality=_quality(rng))
        yield _Form(pk, code, name, True, answers, _adjustments(criteria_set, answers, rng))


def _entry(entered: AnswerInput) -> dict[str, object]:
    """A criterion as ``assessments.queries.snapshot_of`` keeps it in a submission."""
    return {
        "value": entered.value,
        "not_applicable": entered.not_applicable,
        "note": entered.note,
        "evidence_explanation": entered.evidence_explanation,
        "files": [],
        "links": [],
    }


def _write_batch(forms: list[_Form], actor: User, now: datetime) -> tuple[int, int]:
    """One batch of forms with their answers, submission, verdicts and history, as the
    self-assessment and the review would have left them. (answers, adjustments)."""
    assessments = Assessment.objects.bulk_create(
        Assessment(
            participant_id=form.participant_id,
            state=AssessmentState.APPROVED if form.submitted else AssessmentState.NOT_SUBMITTED,
            submitted_at=now if form.submitted else None,
            approved_at=now if form.submitted else None,
            approved_by=actor if form.submitted else None,
        )
        for form in forms
    )
    if any(assessment.pk is None for assessment in assessments):
        ids = dict(
            Assessment.objects.filter(
                participant_id__in=[form.participant_id for form in forms]
            ).values_list("participant_id", "pk")
        )
        for assessment in assessments:
            assessment.pk = ids[assessment.participant_id]
    answers: list[Answer] = []
    submissions: list[Submission] = []
    verdicts: list[Verification] = []
    events = []
    for form, assessment in zip(forms, assessments, strict=True):
        if not form.submitted:
            events.append(
                event(
                    "assessment.not_submitted",
                    assessment,
                    actor=actor,
                    summary=f"{form.unit_name}: closed as not submitted",
                    data={"before": None, "after": AssessmentState.NOT_SUBMITTED, "reason": ""},
                )
            )
            continue
        answers += answer_rows(assessment, form.answers.items())
        submissions.append(
            Submission(
                assessment=assessment,
                number=1,
                submitted_by=None,
                entries={code: _entry(form.answers[code]) for code in sorted(form.answers)},
            )
        )
        events.append(
            event(
                "answer.demo_loaded",
                assessment,
                actor=None,
                summary=f"{len(form.answers)} synthetic answers loaded",
                data={"codes": sorted(form.answers)},
            )
        )
        events.append(
            event(
                "assessment.submitted",
                assessment,
                actor=None,
                summary=f"{form.unit_name}: submitted (synthetic data)",
                data={
                    "before": AssessmentState.DRAFT,
                    "after": AssessmentState.SUBMITTED,
                    "submission": 1,
                },
            )
        )
        if form.adjusted:
            events.append(
                event(
                    "review.started",
                    assessment,
                    actor=actor,
                    summary=f"{form.unit_name}: review started",
                    data={"before": AssessmentState.SUBMITTED, "after": AssessmentState.IN_REVIEW},
                )
            )
        for code, value in form.adjusted.items():
            seen = form.answers[code].value
            verdicts.append(
                Verification(
                    assessment=assessment,
                    code=code,
                    decision=Decision.ADJUSTED,
                    value=value,
                    reason=REASON,
                    seen_value=seen,
                    revision=1,
                    reviewed_by=actor,
                )
            )
            events.append(
                event(
                    "review.adjusted",
                    assessment,
                    actor=actor,
                    summary=f"{code}: {seen} → {value} ({REASON})",
                    data={
                        "code": code,
                        "unit_answer": seen,
                        "verified_answer": value,
                        "reason": REASON,
                    },
                )
            )
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    Submission.objects.bulk_create(submissions, batch_size=BATCH)
    Verification.objects.bulk_create(verdicts, batch_size=BATCH)
    record_all(events)
    return len(answers), len(verdicts)


def fill_reviewed_forms(
    period: Period, seed: int, actor: User, progress: Callable[[int, int], None]
) -> tuple[int, int, int]:
    """Every form, batch by batch. (answers, adjustments, not submitted)."""
    total = period.participants.count()
    now = timezone.now()
    answers = adjusted = not_submitted = done = 0
    batch: list[_Form] = []

    def flush() -> None:
        nonlocal answers, adjusted, done
        with transaction.atomic():
            written, verdicts = _write_batch(batch, actor, now)
        answers += written
        adjusted += verdicts
        done += len(batch)
        batch.clear()
        progress(done, total)

    for form in _forms(period, seed):
        not_submitted += not form.submitted
        batch.append(form)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return answers, adjusted, not_submitted


def record_approvals(period: Period, actor: User) -> dict[str, dict[str, int]]:
    """The approval of every submitted form in the history, with the points the review
    gave it, as ``do_approve`` writes it; and the count of units per level and block."""
    blocks = compute(period)
    adjusted = set(
        Verification.objects.filter(assessment__participant__period=period)
        .values_list("assessment_id", flat=True)
        .distinct()
    )
    events = []
    levels: dict[str, dict[str, int]] = {}
    for code, block in blocks.items():
        counts = levels.setdefault(
            code, {level.name: 0 for level in block.criteria_set.levels.levels}
        )
        for row, facts in block.rows():
            level = row.score.level
            if level is not None:  # an index without levels only ranks
                counts[level.name] += 1
            if not facts.counted:
                continue
            score = row.score
            assessment = Assessment(pk=facts.assessment_id)
            events.append(
                event(
                    "assessment.approved",
                    assessment,
                    actor=actor,
                    summary=(
                        f"{row.unit.name}: approved, {score.points}/{score.max_points} "
                        f"({score.percent_text()}, {level.name if level else '-'})"
                    ),
                    data={
                        "before": AssessmentState.IN_REVIEW
                        if facts.assessment_id in adjusted
                        else AssessmentState.SUBMITTED,
                        "after": AssessmentState.APPROVED,
                        "self_points": str(facts.self_points),
                        "verified_points": str(score.points),
                        "max_points": str(score.max_points),
                        "level": level.code if level else None,
                        "percent": str(score.percent),
                        "level_names": (
                            {"vi": level.name_in("vi"), "en": level.name_in("en")} if level else {}
                        ),
                    },
                )
            )
    record_all(events)
    return levels


def _forward_districts(period: Period, actor: User) -> None:
    """Before the two-tier reform districts review their communes and forward them:
    each district's forwarding, with its ranking as ``review.actions.do_forward`` keeps
    it (``review.ranking``), from one computation for every district, not one each."""
    rankings: dict[int, list[RankingEntry]] = {}
    states = dict(
        Assessment.objects.filter(participant__period=period).values_list(
            "participant__unit_code", "state"
        )
    )
    for block in compute(period).values():
        for row, facts in block.rows():
            reviewer = facts.participant.reviewer_unit
            if reviewer.kind != UnitKind.DISTRICT:
                continue
            rankings.setdefault(reviewer.pk, []).append(
                ranking_entry(row, states.get(row.unit.code, ""))
            )
    with transaction.atomic():
        forwardings = Forwarding.objects.bulk_create(
            Forwarding(period=period, district_id=pk, forwarded_by=actor, ranking=ranking)
            for pk, ranking in rankings.items()
        )
        record_all(
            [
                event(
                    "review.forwarded",
                    forwarding,
                    actor=actor,
                    summary=f"{len(forwarding.ranking)} communes forwarded to {lead_agency_for(period)}",
                    data={"forwarding": forwarding.pk, "note": ""},
                )
                for forwarding in forwardings
                if forwarding.pk is not None
            ]
        )


def decision_of(year: int) -> dict[str, Any]:
    """The synthetic announcing decision of ``year``'s results."""
    return {
        "decision_number": f"{100 + (year * 37) % 2900}/QĐ-UBND",
        "decision_date": date(year + 1, 5, 28),
        "signer": "Phó Chủ tịch UBND tỉnh (dữ liệu tổng hợp)",
    }


def generate(
    *,
    year: int = DEFAULT_YEAR,
    units: int = DEFAULT_UNITS,
    seed: int = DEFAULT_SEED,
    username: str | None = None,
    progress: Progress | None = None,
) -> NationalReport:
    """Generate, review, finalise and publish the synthetic period ``year``."""
    progress = progress or Progress("generate-national-data", enabled=False)
    check(year, units)
    sizes = block_sizes(units)
    actor = _actor(username)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[stage] = now - clock
        clock = now

    progress.note(
        f"{units:,} units for {year}: "
        + ", ".join(f"{code} {size:,}" for code, size in sizes.items())
    )
    ensure_shipped_versions()
    blocks, province = _blocks_and_province()
    created = _create_units(year, sizes, blocks, province)
    lap("units")
    progress.note("the period: created, set up and opened")
    period = _open_period(year, created, blocks, actor)
    lap("period")
    progress.note("the forms: answered, submitted and reviewed")
    answers, adjusted, not_submitted = fill_reviewed_forms(period, seed, actor, progress)
    progress.finish()
    # A recent year's deadline may be ahead: the simulated close says why.
    period = do_change_state(
        period, PeriodState.REVIEW, actor=actor, reason="Dữ liệu mô phỏng: đóng tự đánh giá"
    )
    lap("forms")
    progress.note("the reviews: approvals recorded with their points")
    levels = record_approvals(period, actor)
    if period_shape(year).district_review:
        progress.note("the districts forward their communes")
        _forward_districts(period, actor)
    lap("reviews")
    progress.note("finalising")
    period = do_finalise(period, actor=actor)
    lap("finalise")
    progress.note("publishing")
    # The publication tells the province's staff in the app; fake data mails nobody.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        publication = do_publish(period, actor=actor, **decision_of(year))
    lap("publish")
    return NationalReport(
        year=year,
        publication=publication,
        units=sizes,
        levels=levels,
        not_submitted=not_submitted,
        adjusted=adjusted,
        answers=answers,
        seconds=seconds,
    )
