"""The review part of the demo: Sở TT&TT's reviewer and Văn Lâm's reviewer have started
on the 2019 forms, through the same actions the pages use, so every review state shows.

Deterministic and safe to run again: it acts only on forms nobody has reviewed yet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.queries import criteria_set_for, entries_of
from egovrank.periods.models import Period
from egovrank.scoring.rules import YesNoRule

from .actions import do_adjust, do_approve, do_comment, do_return
from .models import Verification

__all__ = ["ReviewReport", "load_demo_reviews"]


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
        if isinstance(leaf.rule, YesNoRule) and entries.get(leaf.code, None) is not None:
            if entries[leaf.code].value == "yes":
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
                reason="Hồ sơ minh chứng không có văn bản ban hành; không đủ căn cứ chấm điểm.",
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
