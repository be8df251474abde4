"""Reading a participant's form: its criteria set, stored entries, evidence and sheet."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from egovrank.criteria.versions import criteria_set_of
from egovrank.periods.models import Participant, PeriodBlock
from egovrank.scoring.tree import CriteriaSet

from .choices import AssessmentState
from .models import Answer, Assessment, EvidenceFile, EvidenceLink
from .sheet import Entry, Sheet, block_best, score_sheet

__all__ = [
    "assessment_of",
    "best_for",
    "block_figures",
    "criteria_set_for",
    "entries_of",
    "evidence_of",
    "sheet_for",
]


def criteria_set_for(participant: Participant) -> CriteriaSet:
    version = (
        PeriodBlock.objects.select_related("version")
        .get(period_id=participant.period_id, block_id=participant.block_id)
        .version
    )
    return criteria_set_of(version)


def assessment_of(participant: Participant) -> Assessment | None:
    return Assessment.objects.filter(participant=participant).first()


def _evidenced_codes(assessment_ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for model in (EvidenceFile, EvidenceLink):
        rows = (
            model.objects.filter(assessment_id__in=assessment_ids, removed_at__isnull=True)
            .values_list("assessment_id", "code")
            .distinct()
        )
        for assessment_id, code in rows:
            found[assessment_id].add(code)
    return found


def entries_of(assessment: Assessment | None) -> tuple[dict[str, Entry], dict[str, Answer]]:
    """The stored entries for scoring, and the Answer rows (for revisions and notes)."""
    if assessment is None:
        return {}, {}
    answers = {answer.code: answer for answer in assessment.answers.select_related("updated_by")}
    evidenced = _evidenced_codes([assessment.pk]).get(assessment.pk, set())
    entries = {
        code: Entry(
            value=answers[code].value if code in answers else "",
            not_applicable=answers[code].not_applicable if code in answers else False,
            evidence_explanation=answers[code].evidence_explanation if code in answers else "",
            has_evidence=code in evidenced,
        )
        for code in set(answers) | evidenced
    }
    return entries, answers


def evidence_of(
    assessment: Assessment | None,
) -> tuple[dict[str, list[EvidenceFile]], dict[str, list[EvidenceLink]]]:
    """Current (not removed) files and links per criterion code."""
    files: dict[str, list[EvidenceFile]] = defaultdict(list)
    links: dict[str, list[EvidenceLink]] = defaultdict(list)
    if assessment is not None:
        for file in assessment.files.filter(removed_at__isnull=True).select_related("uploaded_by"):
            files[file.code].append(file)
        for link in assessment.links.filter(removed_at__isnull=True).select_related("added_by"):
            links[link.code].append(link)
    return files, links


def block_figures(participant: Participant, criteria_set: CriteriaSet) -> list[dict[str, Entry]]:
    """The other units' entries for relative-to-best criteria, from the forms that were
    submitted (a draft's figure may still change, so it does not set the block's best)."""
    codes = [
        leaf.code
        for leaf in criteria_set.leaves()
        if leaf.rule is not None and leaf.rule.needs_block
    ]
    if not codes:
        return []
    rows = Answer.objects.filter(
        code__in=codes,
        assessment__participant__period_id=participant.period_id,
        assessment__participant__block_id=participant.block_id,
        assessment__state__in=[
            AssessmentState.SUBMITTED,
            AssessmentState.IN_REVIEW,
            AssessmentState.APPROVED,
        ],
    ).exclude(assessment__participant=participant)
    units: dict[int, dict[str, Entry]] = defaultdict(dict)
    for assessment_id, code, value, na in rows.values_list(
        "assessment_id", "code", "value", "not_applicable"
    ):
        units[assessment_id][code] = Entry(value=value, not_applicable=na)
    return list(units.values())


def sheet_for(
    participant: Participant,
    criteria_set: CriteriaSet,
    entries: dict[str, Entry],
    locale: str,
) -> Sheet:
    """Score the entries; relative-to-best criteria against the block's submitted forms
    and this unit's own figure."""
    best = best_for(criteria_set, block_figures(participant, criteria_set), entries)
    return score_sheet(criteria_set, entries, locale=locale, best=best)


def best_for(
    criteria_set: CriteriaSet, others: list[dict[str, Entry]], entries: dict[str, Entry]
) -> dict[str, tuple[Decimal, Decimal]] | None:
    """The block's best figures with this unit's own entries counted (None when no other
    form counts yet: the sheet then uses the unit's own figures)."""
    return block_best(criteria_set, [*others, entries]) if others else None
