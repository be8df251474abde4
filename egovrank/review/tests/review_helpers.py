"""Shared pieces of the review-action tests: forms filled and submitted through the
real actions, verdicts on the current revision, English messages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from egovrank.assessments.actions import do_submit
from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.models import Assessment
from egovrank.assessments.queries import criteria_set_for
from egovrank.periods.models import Participant, Period
from egovrank.review.actions import do_accept, do_adjust, do_approve
from egovrank.review.models import Verification
from egovrank.testing import DECLARED


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English, so assertions read the same whatever the default language."""
    with translation.override("en"):
        yield


def fill(participant: Participant, *, seed: int = 1, quality: float = 0.7) -> Assessment:
    """A complete form, not submitted (answers stored in one go, as the demo does)."""
    answers = plausible_answers(criteria_set_for(participant), seed=seed, quality=quality)
    fill_demo_form(participant, answers, submit=False)
    return Assessment.objects.get(participant=participant)


def submitted(participant: Participant, actor: Any, *, seed: int = 1, quality: float = 0.7) -> Any:
    """A complete form submitted by ``actor`` through ``do_submit``."""
    fill(participant, seed=seed, quality=quality)
    return do_submit(participant, actor=actor, declaration=DECLARED)


def revision_of(participant: Participant, code: str) -> int:
    current = Verification.objects.filter(assessment__participant=participant, code=code).first()
    return current.revision if current else 0


def accept(participant: Participant, code: str, *, actor: Any) -> Verification:
    return do_accept(participant, code, revision=revision_of(participant, code), actor=actor)


def adjust(
    participant: Participant,
    code: str,
    value: str,
    *,
    actor: Any,
    reason: str = "Hồ sơ không khớp",
    not_applicable: bool = False,
) -> Verification:
    return do_adjust(
        participant,
        code,
        value=value,
        not_applicable=not_applicable,
        reason=reason,
        revision=revision_of(participant, code),
        actor=actor,
    )


def approved(participant: Participant, actor: Any, *, seed: int = 1, head: Any = None) -> Any:
    """A form submitted (by ``head``, else ``actor``) and approved by ``actor``."""
    submitted(participant, head or actor, seed=seed)
    return do_approve(participant, actor=actor)


def in_days(days: float) -> Any:
    return timezone.now() + timedelta(days=days)


def set_period_state(period: Period, state: str) -> None:
    Period.objects.filter(pk=period.pk).update(state=state)
    period.refresh_from_db()


def state_of(participant: Participant) -> str:
    return Assessment.objects.get(participant=participant).state
