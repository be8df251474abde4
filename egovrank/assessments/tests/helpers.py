"""Filling in forms for tests, through the same actions the pages use."""

from __future__ import annotations

from typing import Any

from egovrank.assessments.actions import AnswerInput, do_save_answer
from egovrank.assessments.demo import plausible_answers
from egovrank.assessments.models import Answer
from egovrank.assessments.queries import criteria_set_for


def save(participant: Any, code: str, value: str = "", *, actor: Any, **fields: Any) -> Answer:
    current = Answer.objects.filter(assessment__participant=participant, code=code).first()
    return do_save_answer(
        participant,
        code,
        AnswerInput(value=value, **fields),
        revision=current.revision if current else 0,
        actor=actor,
    )


def fill_in(participant: Any, *, actor: Any, share: float = 1.0, seed: int = 1) -> None:
    """Answer ``share`` of the criteria plausibly (evidence explained, not attached)."""
    answers = plausible_answers(criteria_set_for(participant), seed=seed, share=share)
    for code, entered in answers.items():
        do_save_answer(participant, code, entered, revision=0, actor=actor)
