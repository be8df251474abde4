"""A period's results, computed by the scoring core from the reviewed forms.

This is the adapter between the stored forms and ``scoring.engine.score_block``: each
participant becomes a ``UnitInput`` (``to_unit_input``), and every point, share, level
and rank comes from the core. Nothing here scores or ranks.

- An approved form counts with the reviewer's answers in place of the unit's where the
  reviewer adjusted them.
- A form submitted but not yet approved counts the same way for a preview, flagged as
  not reviewed (finalising refuses while any is left).
- No form, a draft, a form returned for revision or closed as not submitted: the unit did
  not submit (0 points, the lowest level, ranked after every unit that submitted).

Communes are also ranked within their district (the core's rank within the parent).
A fixed number of queries, whatever the number of units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils import timezone

from egovrank.assessments.choices import AWAITING_REVIEW, COUNTED_STATES, AssessmentState
from egovrank.assessments.models import Answer, Assessment
from egovrank.assessments.progress import NOT_STARTED
from egovrank.assessments.queries import entries_from
from egovrank.assessments.sheet import Entry, answers_of, relative_codes
from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit
from egovrank.periods.models import Participant, Period, PeriodBlock
from egovrank.periods.rules import deadline_passed, district_of, period_shape
from egovrank.review.choices import Decision
from egovrank.review.models import Forwarding, Verification
from egovrank.review.queries import verified_entries
from egovrank.scoring.answers import Answer as CoreAnswer
from egovrank.scoring.collation import vietnamese_sort_key
from egovrank.scoring.engine import BlockResult, RankedUnit, UnitInput, score_block
from egovrank.scoring.tree import CriteriaSet

__all__ = [
    "NOT_REVIEWED_STATES",
    "NOT_SUBMITTED_STATES",
    "BlockResults",
    "UnitFacts",
    "Warnings",
    "compute",
    "period_results",
    "to_unit_input",
    "warnings",
]

# What stops finalising: a form submitted whose review is not over.
NOT_REVIEWED_STATES = (*AWAITING_REVIEW, AssessmentState.RETURNED)
# What counts as not submitted, for the warnings (a returned form is under review still).
NOT_SUBMITTED_STATES = (NOT_STARTED, AssessmentState.DRAFT, AssessmentState.NOT_SUBMITTED)


@dataclass(frozen=True)
class UnitFacts:
    """What the results say of a unit beyond the core's score: its form and district."""

    participant: Participant
    state: str  # NOT_STARTED or an AssessmentState value
    assessment_id: int | None
    district: Unit | None
    # The unit's own total, scored by the same core from its own answers (None when the
    # unit did not submit).
    self_points: Decimal | None = None
    # Entries the criterion's rule refuses, by code: left out of the score.
    refused: dict[str, str] = field(default_factory=dict)
    # The same of the unit's own entries, where the review adjusted some (else equal).
    self_refused: dict[str, str] = field(default_factory=dict)

    @property
    def counted(self) -> bool:
        return self.state in COUNTED_STATES

    @property
    def reviewed(self) -> bool:
        return self.state == AssessmentState.APPROVED

    @property
    def not_reviewed(self) -> bool:
        """Counted for a preview, but the review is not approved."""
        return self.state in AWAITING_REVIEW


@dataclass(frozen=True)
class BlockResults:
    """One block's scored and ranked result, and the facts of each of its units."""

    block: Block
    version: CriteriaVersion
    criteria_set: CriteriaSet
    result: BlockResult
    units: dict[str, UnitFacts]  # by unit code
    # The block scored from the units' own answers (the same object as ``result`` when
    # the review adjusted nothing): what the units assessed themselves, per criterion.
    own: BlockResult | None = None

    def rows(self) -> Iterator[tuple[RankedUnit, UnitFacts]]:
        """The core's rows in ranking order, each with its unit's facts."""
        for row in self.result.rows:
            yield row, self.units[row.unit.code]

    @property
    def has_districts(self) -> bool:
        return any(facts.district is not None for facts in self.units.values())


Reading = tuple[dict[str, CoreAnswer], dict[str, str]]


class _Reader:
    """``answers_of`` for one criteria set, remembering what each (criterion, entry) read
    as: at national scale most entries repeat ("yes", "B", "3") and reading them is most
    of the computing time. Leaves are read each on its own, so a unit's new entries are
    read together and kept one by one."""

    def __init__(self, criteria_set: CriteriaSet) -> None:
        self.criteria_set = criteria_set
        self.codes = [leaf.code for leaf in criteria_set.leaves() if leaf.rule is not None]
        self.known: dict[tuple[str, Entry], tuple[CoreAnswer | None, str | None]] = {}

    def __call__(self, entries: dict[str, Entry]) -> Reading:
        if self.criteria_set.figures:
            # A criterion that shares a figure reads the unit's figure too: its entry
            # alone does not decide its answer, so nothing is reused across units.
            return answers_of(self.criteria_set, entries)
        known = self.known
        new = {code: entry for code, entry in entries.items() if (code, entry) not in known}
        entry: Entry | None
        if new:
            read, errors = answers_of(self.criteria_set, new)
            for code, entry in new.items():
                known[code, entry] = (read.get(code), errors.get(code))
        answers: dict[str, CoreAnswer] = {}
        refused: dict[str, str] = {}
        for code in self.codes:  # in the tree's order, as answers_of gives them
            entry = entries.get(code)
            if entry is None:
                continue
            answer, error = known[code, entry]
            if error:
                refused[code] = error
            elif answer is not None:
                answers[code] = answer
        return answers, refused


def to_unit_input(
    criteria_set: CriteriaSet,
    participant: Participant,
    entries: dict[str, Entry],
    *,
    submitted: bool,
    district: Unit | None,
    read: Callable[[dict[str, Entry]], Reading] | None = None,
) -> tuple[UnitInput, dict[str, str]]:
    """The core's input for one participant, and the entries its rules refuse. ``read``
    stands in for ``answers_of`` (a ``_Reader`` when scoring a whole block)."""
    answers: dict[str, CoreAnswer]
    refused: dict[str, str]
    if not submitted:
        answers, refused = {}, {}
    elif read is not None:
        answers, refused = read(entries)
    else:
        answers, refused = answers_of(criteria_set, entries)
    unit = UnitInput(
        participant.unit_code,
        participant.unit_name,
        answers,
        submitted=submitted,
        parent=district.code if district is not None else None,
        ranked=participant.ranked,
        not_ranked_reason=participant.not_ranked_reason,
        list_order=participant.unit.list_order,
    )
    return unit, refused


def _participants(period: Period) -> list[Participant]:
    return list(
        period.participants.select_related("unit__parent", "reviewer_unit", "block").order_by(
            "block__order", "block__code", "unit_code"
        )
    )


def _district_part(
    period_blocks: list[PeriodBlock], participants: list[Participant], district: Unit
) -> tuple[list[PeriodBlock], list[Participant]]:
    """The blocks holding the district's units, and the participants to score in them."""
    mine = [p for p in participants if (d := district_of(p)) is not None and d.pk == district.pk]
    blocks = {p.block_id for p in mine}
    period_blocks = [pb for pb in period_blocks if pb.block_id in blocks]
    whole = {pb.block_id for pb in period_blocks if relative_codes(criteria_set_of(pb.version))}
    kept = {p.pk for p in mine} | {p.pk for p in participants if p.block_id in whole}
    return period_blocks, [p for p in participants if p.pk in kept]


def _forms(period: Period) -> dict[int, tuple[int, str]]:
    """participant id → (assessment id, state)."""
    return {
        participant_id: (pk, state)
        for pk, participant_id, state in Assessment.objects.filter(
            participant__period=period
        ).values_list("pk", "participant_id", "state")
    }


def _entries(assessment_ids: list[int]) -> dict[int, dict[str, Entry]]:
    """The stored answers of the counted forms (evidence plays no part in the score)."""
    rows: dict[int, list[tuple[str, str, bool, str]]] = defaultdict(list)
    answers = Answer.objects.filter(assessment_id__in=assessment_ids).order_by()
    for assessment_id, code, value, na in answers.values_list(
        "assessment_id", "code", "value", "not_applicable"
    ):
        rows[assessment_id].append((code, value, na, ""))
    return {pk: entries_from(rows[pk], set()) for pk in assessment_ids}


def _adjustments(assessment_ids: list[int]) -> dict[int, dict[str, Verification]]:
    """The reviewer's adjusted verdicts (accepted ones leave the unit's answer)."""
    found: dict[int, dict[str, Verification]] = defaultdict(dict)
    adjusted = (
        Verification.objects.filter(assessment_id__in=assessment_ids, decision=Decision.ADJUSTED)
        .only("assessment_id", "code", "decision", "value", "not_applicable")
        .order_by()
    )
    for verification in adjusted:
        found[verification.assessment_id][verification.code] = verification
    return found


def compute(period: Period, *, district: Unit | None = None) -> dict[str, BlockResults]:
    """Every block of the period scored and ranked by the core, keyed by block code, in
    block order. Five queries (criteria sets are parsed once and kept).

    With ``district``, only the blocks holding its units, and of each only the units
    ranked within that district: their points and ranks within the district are the
    same as in the whole block, which a unit's own answers decide. A set that scores
    relative to the block's best keeps its whole block."""
    period_blocks = list(
        period.blocks.select_related("block", "version").order_by("block__order", "block__code")
    )
    participants = _participants(period)
    if district is not None:
        period_blocks, participants = _district_part(period_blocks, participants, district)
    kept = {participant.pk for participant in participants}
    forms = {pk: form for pk, form in _forms(period).items() if pk in kept}
    counted = [pk for pk, state in forms.values() if state in COUNTED_STATES]
    entries = _entries(counted)
    adjustments = _adjustments(counted)
    by_block: dict[int, list[Participant]] = defaultdict(list)
    for participant in participants:
        by_block[participant.block_id].append(participant)

    results: dict[str, BlockResults] = {}
    for period_block in period_blocks:
        criteria_set = criteria_set_of(period_block.version)
        read = _Reader(criteria_set)
        verified_units: list[UnitInput] = []
        own_units: list[UnitInput] = []
        facts: dict[str, UnitFacts] = {}
        any_adjusted = False
        for participant in by_block.get(period_block.block_id, []):
            assessment_id, state = forms.get(participant.pk, (None, NOT_STARTED))
            submitted = state in COUNTED_STATES
            own = entries.get(assessment_id, {}) if assessment_id is not None else {}
            adjusted = adjustments.get(assessment_id, {}) if assessment_id is not None else {}
            verified = verified_entries(own, adjusted)
            district = district_of(participant)
            unit, refused = to_unit_input(
                criteria_set,
                participant,
                verified,
                submitted=submitted,
                district=district,
                read=read,
            )
            verified_units.append(unit)
            # Without an adjustment the unit's own answers are the verified ones: read
            # them once (reading is most of the time at national scale).
            self_refused = refused
            if adjusted:
                any_adjusted = True
                unit, self_refused = to_unit_input(
                    criteria_set,
                    participant,
                    own,
                    submitted=submitted,
                    district=district,
                    read=read,
                )
            own_units.append(unit)
            facts[participant.unit_code] = UnitFacts(
                participant,
                state,
                assessment_id,
                district,
                refused=refused,
                self_refused=self_refused,
            )
        result = score_block(criteria_set, verified_units)
        # Likewise a block the review did not adjust scores the same from its own answers.
        own_result = score_block(criteria_set, own_units) if any_adjusted else result
        own_points = {row.unit.code: row.score.points for row in own_result.rows}
        for code, unit_facts in facts.items():
            if unit_facts.counted:
                facts[code] = replace(unit_facts, self_points=own_points[code])
        results[period_block.block.code] = BlockResults(
            period_block.block, period_block.version, criteria_set, result, facts, own_result
        )
    return results


def period_results(period: Period) -> dict[str, BlockResult]:
    """The core's result of every block of the period, keyed by block code."""
    return {code: block.result for code, block in compute(period).items()}


@dataclass(frozen=True)
class Warnings:
    """What the results page warns about before the period is finalised."""

    not_submitted: list[Participant]  # their time has passed: 0 points, ranked last
    not_reviewed: list[Participant]  # submitted, review not approved
    not_forwarded: list[Unit]  # districts reviewing communes, with no standing forwarding
    # Not submitted yet, but their deadline (or extension) has not passed: not a failure.
    still_open: list[Participant] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(
            self.not_submitted or self.not_reviewed or self.not_forwarded or self.still_open
        )

    @property
    def blocking(self) -> bool:
        """Whether these stop the period from being finalised."""
        return bool(self.not_reviewed or self.not_forwarded)


def _unit_order(participant: Participant) -> tuple[int, str, tuple[object, ...]]:
    block = participant.block
    return (block.order, block.code, vietnamese_sort_key(participant.unit_name))


def warnings(period: Period) -> Warnings:
    """Units that did not submit (their time has passed), units that have not submitted
    yet but still have time, units whose review is not approved, and (before the 2025
    reform) districts that review communes and have not forwarded them. Three queries."""
    participants = sorted(_participants(period), key=_unit_order)
    states = {pk: state for pk, (_id, state) in _forms(period).items()}
    not_submitted = []
    not_reviewed = []
    still_open = []
    now = timezone.now()
    for participant in participants:
        participant.period = period  # the deadline reads it: no query per unit
        state = states.get(participant.pk, NOT_STARTED)
        if state in NOT_SUBMITTED_STATES:
            if state != AssessmentState.NOT_SUBMITTED and not deadline_passed(participant, now):
                still_open.append(participant)
            else:
                not_submitted.append(participant)
        elif state in NOT_REVIEWED_STATES:
            not_reviewed.append(participant)
    not_forwarded: list[Unit] = []
    if period_shape(period).district_review:
        districts = {
            p.reviewer_unit_id: p.reviewer_unit
            for p in participants
            if p.reviewer_unit.kind == UnitKind.DISTRICT
        }
        if districts:
            standing = set(
                Forwarding.objects.filter(period=period, sent_back_at__isnull=True).values_list(
                    "district_id", flat=True
                )
            )
            not_forwarded = sorted(
                (unit for pk, unit in districts.items() if pk not in standing),
                key=lambda unit: vietnamese_sort_key(unit.name),
            )
    return Warnings(not_submitted, not_reviewed, not_forwarded, still_open)
