"""Plausible answers for a criteria set, for the demo, the tests and the benchmarks.

``quality`` (0–1) moves the answers from a weak unit to a strong one; each criterion's
rule makes its answer (``Rule.plausible_entry``). The same seed gives the same answers,
so the demo looks the same on every machine.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from egovrank.accounts.models import User
from egovrank.core.audit import event, record_all
from egovrank.scoring.tree import CriteriaSet

from .actions import AnswerInput
from .choices import AssessmentState
from .models import Answer, Assessment, Submission
from .queries import snapshot_of

__all__ = ["answer_rows", "fill_demo_form", "fill_demo_forms", "plausible_answers"]


def plausible_answers(
    criteria_set: CriteriaSet, *, seed: int, quality: float = 0.7, share: float = 1.0
) -> dict[str, AnswerInput]:
    """Answers to ``share`` of the leaves (in tree order), each with a note or an
    explanation where the evidence is required (so a complete form can be submitted
    without files)."""
    rng = random.Random(seed)  # noqa: S311 - demo answers, not secrets
    leaves = [leaf for leaf in criteria_set.leaves() if leaf.rule is not None]
    count = round(len(leaves) * share)
    answers = {}
    # Shared figures are drawn once per unit, and the criteria that use them agree with
    # them (a set without figures draws exactly as before).
    figures = {figure.code: rng.randint(20, 400) for figure in criteria_set.figures}
    for code, number in figures.items():
        answers[code] = AnswerInput(value=str(number))
    for node in leaves[:count]:
        assert node.rule is not None
        explanation = ""
        if node.evidence.required:
            explanation = "Hồ sơ gốc lưu tại văn phòng; sẽ xuất trình khi thẩm định."
        if node.rule.figure_codes:
            value = node.rule.plausible_part(rng, quality, figures)
        else:
            value = node.rule.plausible_entry(rng, quality, node.max_points or Decimal(0))
        answers[node.code] = AnswerInput(value=value, evidence_explanation=explanation)
    return answers


def answer_rows(
    assessment: Assessment, answers: Iterable[tuple[str, AnswerInput]], *, by: User | None = None
) -> list[Answer]:
    """Unsaved answer rows (revision 1) for a bulk load that bypasses the form."""
    return [
        Answer(
            assessment=assessment,
            code=code,
            value=entered.value,
            not_applicable=entered.not_applicable,
            note=entered.note,
            evidence_explanation=entered.evidence_explanation,
            revision=1,
            updated_by=by,
        )
        for code, entered in answers
    ]


def fill_demo_form(participant: Any, answers: dict[str, AnswerInput], *, submit: bool) -> None:
    """Store a demo unit's answers in one go (one history entry for all of them, since
    nobody typed them) and, if asked, submit the form."""
    fill_demo_forms([(participant, answers, submit)])


def _snapshot(answers: dict[str, AnswerInput]) -> dict[str, dict[str, object]]:
    """What ``snapshot_of`` keeps of a new form: its answers, no evidence attached."""
    return {
        code: {
            "value": answers[code].value,
            "not_applicable": answers[code].not_applicable,
            "note": answers[code].note,
            "evidence_explanation": answers[code].evidence_explanation,
            "files": [],
            "links": [],
        }
        for code in sorted(answers)
    }


def fill_demo_forms(forms: Iterable[tuple[Any, dict[str, AnswerInput], bool]]) -> int:
    """``fill_demo_form`` for many units at once, in a fixed number of queries (the demo
    fills hundreds). A form that already holds answers is left alone: an earlier run's,
    or people's changes. Returns how many forms were filled."""
    forms = list(forms)
    found = {
        assessment.participant_id: assessment
        for assessment in Assessment.objects.filter(participant__in=[p for p, _a, _s in forms])
    }
    answered = set(
        Answer.objects.filter(assessment__in=list(found.values()))
        .values_list("assessment_id", flat=True)
        .distinct()
    )
    now = timezone.now()
    todo = []
    for participant, answers, submit in forms:
        assessment = found.get(participant.pk)
        if assessment is not None and assessment.pk in answered:
            continue  # already filled by an earlier run: leave people's changes alone
        todo.append(
            (participant, assessment or Assessment(participant=participant), answers, submit)
        )
    for _participant, assessment, _answers, submit in todo:
        if submit:
            assessment.state = AssessmentState.SUBMITTED
            assessment.submitted_at = now
    new = [assessment for _p, assessment, _a, _s in todo if assessment.pk is None]
    made = {id(assessment) for assessment in new}
    Assessment.objects.bulk_create(new)
    for _participant, assessment, _answers, submit in todo:
        if submit and id(assessment) not in made:
            assessment.save()
    Answer.objects.bulk_create(
        [
            row
            for _p, assessment, answers, _s in todo
            for row in answer_rows(assessment, answers.items())
        ],
        batch_size=1000,
    )
    submissions = []
    events = []
    for participant, assessment, answers, submit in todo:
        events.append(
            event(
                "answer.demo_loaded",
                assessment,
                actor=None,
                summary=f"{len(answers)} demo answers loaded",
                data={"codes": sorted(answers)},
            )
        )
        if not submit:
            continue
        # A form made now holds nothing but these answers; one found may hold evidence.
        entries = _snapshot(answers) if id(assessment) in made else snapshot_of(assessment)
        submissions.append(
            Submission(assessment=assessment, number=1, submitted_by=None, entries=entries)
        )
        events.append(
            event(
                "assessment.submitted",
                assessment,
                actor=None,
                summary=f"{participant.unit_name}: submitted (demo)",
                data={
                    "before": AssessmentState.DRAFT,
                    "after": AssessmentState.SUBMITTED,
                    "submission": 1,
                },
            )
        )
    Submission.objects.bulk_create(submissions)
    record_all(events)
    return len(todo)
