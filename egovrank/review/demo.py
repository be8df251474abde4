"""The review part of the demo, through the same actions the pages use: the lead agency's
reviewer and Văn Lâm's reviewer have started on the 2019 forms, so every review state
shows (``load_demo_reviews``); the past years' reviews ran to the end, every district
forwarding its communes (``close_demo_reviews``).

Deterministic and safe to run again: each acts only on forms nobody has reviewed yet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from egovrank.assessments.choices import AWAITING_REVIEW, AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.assessments.queries import criteria_set_for, entries_of
from egovrank.orgs.choices import UnitKind
from egovrank.periods.models import Period

from .actions import (
    do_adjust,
    do_approve,
    do_comment,
    do_forward,
    do_mark_not_submitted,
    do_return,
    standing_forwarding,
)
from .models import Verification

__all__ = ["ReviewReport", "close_demo_reviews", "load_demo_reviews"]

NO_PROOF = "Hồ sơ minh chứng không có văn bản ban hành; không đủ căn cứ chấm điểm."


@dataclass(frozen=True)
class ReviewReport:
    approved: int
    returned: int
    in_review: int


def _reviewed(period: Period) -> bool:
    return Verification.objects.filter(assessment__participant__period=period).exists()


def _a_yes(participant: object) -> str | None:
    """A criterion the unit answered "yes" (the demo reviewer finds no proof of it)."""
    criteria_set = criteria_set_for(participant)  # type: ignore[arg-type]
    entries = entries_of(participant.assessment)  # type: ignore[attr-defined]
    for leaf in criteria_set.leaves():
        entry = entries.get(leaf.code)
        if entry is not None and leaf.rule is not None and leaf.rule.input_kind == "yes_no":
            if entry.value == "yes":
                return leaf.code
    return None


def load_demo_reviews(year: int, province_reviewer: str, district_reviewer: str) -> ReviewReport:
    period = Period.objects.get(year=year)
    if _reviewed(period):
        return ReviewReport(0, 0, 0)
    users = get_user_model().objects
    province = users.get(username=province_reviewer)
    district = users.get(username=district_reviewer)
    submitted = list(
        period.participants.filter(assessment__state=AssessmentState.SUBMITTED)
        .select_related("period", "reviewer_unit", "assessment")
        .order_by("unit_code")
    )
    rng = random.Random(f"egovrank-demo-review-{year}")  # noqa: S311 - demo data
    approved = returned = in_review = 0
    for participant in submitted:
        by_province = participant.reviewer_unit.kind == "province"
        reviewer = province if by_province else district
        if not by_province and participant.reviewer_unit.code != "325":
            continue  # only Văn Lâm has a demo reviewer
        roll = rng.random()
        if roll < 0.4:
            continue  # still waiting
        code = _a_yes(participant)
        if code is not None:
            do_adjust(
                participant,
                code,
                value="no",
                reason=NO_PROOF,
                revision=0,
                actor=reviewer,
            )
        if roll < 0.55:
            in_review += 1
        elif roll < 0.65 and code is not None:
            do_comment(
                participant,
                code,
                "Đề nghị gửi bản scan quyết định ban hành có chữ ký, đóng dấu.",
                actor=reviewer,
            )
            do_return(
                participant,
                message="Đề nghị đơn vị bổ sung minh chứng theo góp ý từng tiêu chí.",
                deadline=timezone.now() + timedelta(days=10),
                actor=reviewer,
            )
            returned += 1
        else:
            do_approve(participant, actor=reviewer)
            approved += 1
    return ReviewReport(approved, returned, in_review)


def close_demo_reviews(period: Period, province: Any, districts: dict[int, Any]) -> None:
    """Review every form of a past period to the end: a submitted form is approved
    (about three in ten after one "yes" is found unproven), a form never submitted is
    closed as not submitted; then each district forwards its communes. ``districts``
    maps a district's unit id to its reviewer; the province reviews the rest."""
    participants = list(
        period.participants.select_related("period", "reviewer_unit").order_by("unit_code")
    )
    states = dict(
        Assessment.objects.filter(participant__period=period).values_list("participant_id", "state")
    )
    for participant in participants:
        reviewer = districts.get(participant.reviewer_unit_id, province)
        # Seeded by the unit, so a run resumed after an interruption decides as the first.
        seed = f"egovrank-demo-close-{period.year}-{participant.unit_code}"
        unproven = random.Random(seed).random() < 0.3  # noqa: S311 - demo data
        state = states.get(participant.pk)
        if state in (None, AssessmentState.DRAFT):
            do_mark_not_submitted(
                participant,
                reason="Đơn vị không gửi phiếu tự đánh giá trong thời hạn.",
                actor=reviewer,
            )
        elif state in AWAITING_REVIEW:
            code = _a_yes(participant) if unproven else None
            if code is not None and state == AssessmentState.SUBMITTED:
                do_adjust(
                    participant, code, value="no", reason=NO_PROOF, revision=0, actor=reviewer
                )
            do_approve(participant, actor=reviewer)
    reviewing = {p.reviewer_unit_id: p.reviewer_unit for p in participants}
    for unit_id, unit in sorted(reviewing.items()):
        if unit.kind != UnitKind.DISTRICT or standing_forwarding(period, unit_id) is not None:
            continue
        do_forward(
            period,
            unit,
            note="Kết quả thẩm định, xếp hạng các xã, phường, thị trấn trên địa bàn.",
            actor=districts[unit_id],
        )
