"""How far each unit of a period has got, for dashboards: state, answers given, and
what is missing. Three queries for the whole period, whatever its size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from egovrank.criteria.versions import criteria_set_of
from egovrank.periods.models import Period

from .models import Answer, Assessment, EvidenceFile, EvidenceLink
from .sheet import Entry, progress_of

__all__ = ["NOT_STARTED", "Progress", "period_progress"]

NOT_STARTED = "not_started"


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
    assessments = dict(
        Assessment.objects.filter(participant__period=period).values_list("pk", "state")
    )
    entries: dict[int, dict[str, dict[str, object]]] = defaultdict(dict)
    for assessment_id, code, value, na, explanation in Answer.objects.filter(
        assessment_id__in=assessments
    ).values_list("assessment_id", "code", "value", "not_applicable", "evidence_explanation"):
        entries[assessment_id][code] = {
            "value": value,
            "not_applicable": na,
            "evidence_explanation": explanation,
        }
    evidenced: dict[int, set[str]] = defaultdict(set)
    for model in (EvidenceFile, EvidenceLink):
        for assessment_id, code in (
            model.objects.filter(assessment_id__in=assessments, removed_at__isnull=True)
            .values_list("assessment_id", "code")
            .distinct()
        ):
            evidenced[assessment_id].add(code)
    by_participant = dict(
        Assessment.objects.filter(pk__in=assessments).values_list("participant_id", "pk")
    )
    result: dict[int, Progress] = {}
    for participant_id, block_id in period.participants.values_list("pk", "block_id"):
        criteria_set = sets.get(block_id)
        assessment_id = by_participant.get(participant_id)
        if criteria_set is None:
            continue
        stored = entries.get(assessment_id, {}) if assessment_id else {}
        with_evidence = evidenced.get(assessment_id, set()) if assessment_id else set()
        codes = set(stored) | with_evidence
        unit_entries = {
            code: Entry(
                value=str(stored.get(code, {}).get("value", "")),
                not_applicable=bool(stored.get(code, {}).get("not_applicable", False)),
                evidence_explanation=str(stored.get(code, {}).get("evidence_explanation", "")),
                has_evidence=code in with_evidence,
            )
            for code in codes
        }
        answered, answerable, missing_answers, missing_evidence = progress_of(
            criteria_set, unit_entries
        )
        result[participant_id] = Progress(
            state=assessments[assessment_id] if assessment_id else NOT_STARTED,
            answered=answered,
            answerable=answerable,
            missing_answers=missing_answers,
            missing_evidence=missing_evidence,
        )
    return result
