"""Putting a period's forms where a test needs them. The review app's actions are not
used here: states and verdicts are set directly, as the review would leave them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.demo import answer_rows, plausible_answers
from egovrank.assessments.models import Answer, Assessment
from egovrank.assessments.queries import criteria_set_for
from egovrank.orgs.models import Unit
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant, Period
from egovrank.results.actions import do_finalise, do_publish
from egovrank.review.choices import Decision
from egovrank.review.models import Forwarding, Verification

DECISION = {
    "decision_number": "123/QĐ-UBND",
    "decision_date": date(2020, 3, 20),
    "signer": "Nguyễn Văn Phóng, Phó Chủ tịch UBND tỉnh",
}


def fill(
    participant: Participant,
    state: str = AssessmentState.APPROVED,
    *,
    quality: float = 0.7,
    seed: int = 1,
) -> Assessment:
    """The participant's form with plausible answers, in ``state``."""
    assessment, _created = Assessment.objects.get_or_create(participant=participant)
    answers = plausible_answers(criteria_set_for(participant), seed=seed, quality=quality)
    Answer.objects.filter(assessment=assessment).delete()
    Answer.objects.bulk_create(answer_rows(assessment, answers.items()))
    set_state(assessment, state)
    return assessment


def set_state(assessment: Assessment, state: str) -> Assessment:
    assessment.state = state
    if state != AssessmentState.DRAFT and assessment.submitted_at is None:
        assessment.submitted_at = timezone.now()
    assessment.save()
    return assessment


def adjust(assessment: Assessment, code: str, value: str, *, by: Any) -> Verification:
    """The reviewer sets the verified answer of ``code``."""
    return Verification.objects.create(
        assessment=assessment,
        code=code,
        decision=Decision.ADJUSTED,
        value=value,
        reason="Không có tài liệu kiểm chứng",
        reviewed_by=by,
    )


def forward(world: Any, *districts: str) -> None:
    """The districts (all of the world's by default) forward their communes."""
    for key in districts or ("vanlam", "vangiang"):
        Forwarding.objects.get_or_create(
            period=world.period,
            district=world.units[key],
            sent_back_at=None,
            defaults={"forwarded_by": world.administrator},
        )


def move(period: Period, state: str) -> Period:
    Period.objects.filter(pk=period.pk).update(state=state)
    period.refresh_from_db()
    return period


def reviewed(world: Any) -> Period:
    """Every unit approved but one (Sở Xây dựng did not submit), the districts
    forwarded, the period in review."""
    for seed, key in enumerate(world.participants, start=1):
        if key != "soxd":
            fill(world.participants[key], seed=seed, quality=0.3 + 0.1 * seed)
    forward(world)
    # The deadline has passed: Sở Xây dựng did not submit, it does not still have time.
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(days=1)
    )
    return move(world.period, PeriodState.REVIEW)


def published(world: Any) -> Any:
    """``reviewed`` then finalised and published: publication 1."""
    reviewed(world)
    do_finalise(world.period, actor=world.administrator)
    publication = do_publish(world.period, actor=world.administrator, **DECISION)
    world.period.refresh_from_db()
    return publication


def add_communes(world: Any, count: int, *, district: str = "vanlam") -> list[Participant]:
    """``count`` more communes of ``district`` taking part, each with an approved form."""
    parent = world.units[district]
    added = []
    for number in range(count):
        unit = Unit.objects.create(
            code=f"9{number:04d}",
            name=f"Xã Thử {number}",
            kind="commune",
            block=world.blocks["KHOI03"],
            parent=parent,
        )
        participant = Participant.objects.create(
            period=world.period,
            unit=unit,
            block=unit.block,
            reviewer_unit=parent,
            unit_code=unit.code,
            unit_name=unit.name,
        )
        fill(participant, seed=100 + number)
        added.append(participant)
    return added
