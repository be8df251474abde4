"""Reading a participant's form: its criteria set, stored entries, evidence and sheet."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from egovrank.criteria.versions import criteria_set_by_stamp
from egovrank.periods.models import Participant, PeriodBlock
from egovrank.scoring.tree import CriteriaSet

from .choices import COUNTED_STATES
from .models import Answer, Assessment, EvidenceFile, EvidenceLink
from .sheet import Entry, Sheet, block_best, relative_codes, score_sheet

__all__ = [
    "assessment_of",
    "best_for",
    "block_figures",
    "criteria_set_for",
    "FormData",
    "entries_and_answer",
    "entries_from",
    "entries_of",
    "form_data",
    "sheet_for",
    "snapshot_of",
]


def criteria_set_for(participant: Participant) -> CriteriaSet:
    pk, revision, updated_at = PeriodBlock.objects.values_list(
        "version_id", "version__revision", "version__updated_at"
    ).get(period_id=participant.period_id, block_id=participant.block_id)
    return criteria_set_by_stamp(pk, revision, updated_at)


def assessment_of(participant: Participant) -> Assessment | None:
    return Assessment.objects.filter(participant=participant).first()


def entries_from(rows: list[tuple[str, str, bool, str]], evidenced: set[str]) -> dict[str, Entry]:
    """Entries from (code, value, not applicable, explanation) rows and the codes that
    have evidence."""
    entries = {
        code: Entry(value, na, explanation, code in evidenced)
        for code, value, na, explanation in rows
    }
    for code in evidenced - set(entries):
        entries[code] = Entry(has_evidence=True)
    return entries


def entries_of(assessment: Assessment | None) -> dict[str, Entry]:
    """The stored entries for scoring (two queries)."""
    if assessment is None:
        return {}
    rows = list(
        assessment.answers.values_list("code", "value", "not_applicable", "evidence_explanation")
    )
    return entries_from(rows, _evidenced(assessment))


_ANSWER_FIELDS = tuple(field.attname for field in Answer._meta.concrete_fields)
_ENTRY_AT = tuple(
    _ANSWER_FIELDS.index(name)
    for name in ("code", "value", "not_applicable", "evidence_explanation")
)


def entries_and_answer(assessment: Assessment, code: str) -> tuple[dict[str, Entry], Answer | None]:
    """The stored entries for scoring and the answer row of ``code``, in the two
    queries of ``entries_of``. A save holds its participant's row lock, which every
    writer of the form's answers takes first, so the row cannot change under it."""
    rows = list(assessment.answers.values_list(*_ANSWER_FIELDS))
    code_at = _ENTRY_AT[0]
    answer = next(
        (
            Answer.from_db(assessment.answers.db, _ANSWER_FIELDS, row)
            for row in rows
            if row[code_at] == code
        ),
        None,
    )
    if answer is not None:
        answer.assessment = assessment
    entries = entries_from(
        [tuple(row[at] for at in _ENTRY_AT) for row in rows], _evidenced(assessment)
    )
    return entries, answer


def _evidenced(assessment: Assessment) -> set[str]:
    """The codes with a current file or link (one query)."""
    current = {"assessment": assessment, "removed_at__isnull": True}
    files = EvidenceFile.objects.filter(**current).order_by().values_list("code", flat=True)
    links = EvidenceLink.objects.filter(**current).order_by().values_list("code", flat=True)
    return set(files.union(links))


@dataclass
class FormData:
    """What the form page shows of an assessment: entries for scoring, the answer rows
    (revisions, notes, who saved), and the current files and links per criterion."""

    entries: dict[str, Entry] = field(default_factory=dict)
    answers: dict[str, Answer] = field(default_factory=dict)
    files: dict[str, list[EvidenceFile]] = field(default_factory=lambda: defaultdict(list))
    links: dict[str, list[EvidenceLink]] = field(default_factory=lambda: defaultdict(list))


def form_data(assessment: Assessment | None) -> FormData:
    """Three queries, however many answers and files."""
    data = FormData()
    if assessment is None:
        return data
    data.answers = {a.code: a for a in assessment.answers.select_related("updated_by")}
    for file in assessment.files.filter(removed_at__isnull=True).select_related("uploaded_by"):
        data.files[file.code].append(file)
    for link in assessment.links.filter(removed_at__isnull=True).select_related("added_by"):
        data.links[link.code].append(link)
    rows = [
        (a.code, a.value, a.not_applicable, a.evidence_explanation) for a in data.answers.values()
    ]
    data.entries = entries_from(rows, set(data.files) | set(data.links))
    return data


def block_figures(participant: Participant, criteria_set: CriteriaSet) -> list[dict[str, Entry]]:
    """The other units' entries for relative-to-best criteria, from the forms that were
    submitted (a draft's figure may still change, so it does not set the block's best)."""
    codes = relative_codes(criteria_set)
    if not codes:
        return []
    rows = Answer.objects.filter(
        code__in=codes,
        assessment__participant__period_id=participant.period_id,
        assessment__participant__block_id=participant.block_id,
        assessment__state__in=COUNTED_STATES,
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


def snapshot_of(assessment: Assessment) -> dict[str, dict[str, object]]:
    """Everything the unit has entered, per criterion, as plain data: what a
    ``Submission`` keeps so later changes can be shown against it."""
    data = form_data(assessment)
    codes = set(data.answers) | set(data.files) | set(data.links)
    snapshot: dict[str, dict[str, object]] = {}
    for code in sorted(codes):
        answer = data.answers.get(code)
        snapshot[code] = {
            "value": answer.value if answer else "",
            "not_applicable": answer.not_applicable if answer else False,
            "note": answer.note if answer else "",
            "evidence_explanation": answer.evidence_explanation if answer else "",
            "files": [[f.pk, f.original_name] for f in data.files.get(code, [])],
            "links": [[link.pk, link.title] for link in data.links.get(code, [])],
        }
    return snapshot
