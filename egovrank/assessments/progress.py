"""How far each unit of a period has got, for dashboards: state, answers given, and
what is missing. Five queries for the whole period, whatever its size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from egovrank.criteria.versions import criteria_set_of
from egovrank.periods.models import Period

from .choices import AssessmentState
from .models import Answer, Assessment, EvidenceFile, EvidenceLink
from .queries import entries_from
from .sheet import progress_of

__all__ = ["NOT_STARTED", "Progress", "period_progress", "state_label", "state_of"]

NOT_STARTED = "not_started"


def state_of(assessment: Assessment | None) -> str:
    """A form's state; a participant with no form yet has not started."""
    return assessment.state if assessment is not None else NOT_STARTED


def state_label(state: str) -> str:
    """A form's state for people; a participant with no form yet has not started."""
    if state == NOT_STARTED:
        return _("Not started")
    return str(AssessmentState(state).label)


@dataclass(frozen=True)
class Progress:
    state: str  # NOT_STARTED or an AssessmentState value
    answered: int
    answerable: int
    missing_answers: int
    missing_evidence: int


def period_progress(period: Period) -> dict[int, Progress]:
    """Each participant's progress, keyed by participant id."""
    sets = {
        pb.block_id: criteria_set_of(pb.version) for pb in period.blocks.select_related("version")
    }
    assessments = {
        participant_id: (pk, state)
        for pk, participant_id, state in Assessment.objects.filter(
            participant__period=period
        ).values_list("pk", "participant_id", "state")
    }
    ids = [pk for pk, _state in assessments.values()]
    rows: dict[int, list[tuple[str, str, bool, str]]] = defaultdict(list)
    assessment_id: int | None
    for assessment_id, code, value, na, explanation in Answer.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "code", "value", "not_applicable", "evidence_explanation"):
        rows[assessment_id].append((code, value, na, explanation))
    evidenced: dict[int, set[str]] = defaultdict(set)
    for model in (EvidenceFile, EvidenceLink):
        current = model.objects.filter(assessment_id__in=ids, removed_at__isnull=True)
        for assessment_id, code in current.values_list("assessment_id", "code").distinct():
            evidenced[assessment_id].add(code)
    result: dict[int, Progress] = {}
    for participant_id, block_id in period.participants.values_list("pk", "block_id"):
        criteria_set = sets.get(block_id)
        if criteria_set is None:
            continue
        assessment_id, state = assessments.get(participant_id, (None, NOT_STARTED))
        entries = (
            entries_from(rows[assessment_id], evidenced[assessment_id]) if assessment_id else {}
        )
        answered, answerable, missing_answers, missing_evidence = progress_of(criteria_set, entries)
        result[participant_id] = Progress(
            state=state,
            answered=answered,
            answerable=answerable,
            missing_answers=missing_answers,
            missing_evidence=missing_evidence,
        )
    return result
