"""Data for the period pages, shaped for their templates, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.db.models import Count, Q, QuerySet

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.progress import NOT_STARTED, Progress, period_progress, state_label
from egovrank.core.models import AuditEvent
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit
from egovrank.scoring.collation import vietnamese_sort_key

from .choices import PeriodState
from .models import Participant, Period, PeriodBlock

__all__ = [
    "BlockDashboard",
    "BlockParticipants",
    "Group",
    "Tally",
    "UnitProgress",
    "dashboard",
    "participants_by_block",
    "period_history",
    "periods_with_counts",
]

IN_DRAFT = {AssessmentState.DRAFT, AssessmentState.RETURNED}
SUBMITTED = {AssessmentState.SUBMITTED, AssessmentState.IN_REVIEW, AssessmentState.APPROVED}
NOTHING_YET = Progress(NOT_STARTED, 0, 0, 0, 0)


def periods_with_counts() -> QuerySet[Period]:
    return Period.objects.annotate(participant_count=Count("participants"))


def period_history(period: Period) -> QuerySet[AuditEvent]:
    """Every event of the period and of its participants (extensions), newest first."""
    participant_ids = [str(pk) for pk in period.participants.values_list("pk", flat=True)]
    return AuditEvent.objects.filter(
        Q(target_type=Period._meta.label_lower, target_id=str(period.pk))
        | Q(target_type=Participant._meta.label_lower, target_id__in=participant_ids)
    ).select_related("actor")


def _by_name(participants: Iterable[Participant]) -> list[Participant]:
    return sorted(participants, key=lambda p: vietnamese_sort_key(p.unit_name))


def _reviewed_by_districts(participants: Iterable[Participant]) -> bool:
    return any(p.reviewer_unit.kind == UnitKind.DISTRICT for p in participants)


def _groups_by_reviewer(
    participants: list[Participant],
) -> list[tuple[Unit, list[Participant]]]:
    """The participants grouped by the unit that reviews them, in Vietnamese order."""
    reviewers: dict[int, Unit] = {}
    members: dict[int, list[Participant]] = {}
    for participant in participants:
        reviewers[participant.reviewer_unit_id] = participant.reviewer_unit
        members.setdefault(participant.reviewer_unit_id, []).append(participant)
    order = sorted(reviewers.values(), key=lambda unit: vietnamese_sort_key(unit.name))
    return [(reviewer, _by_name(members[reviewer.pk])) for reviewer in order]


def _in_block_order(participants: Iterable[Participant]) -> list[tuple[Block, list[Participant]]]:
    ordered = sorted(participants, key=lambda p: (p.block.order, p.block.code))
    return [(block, list(rows)) for block, rows in groupby(ordered, key=lambda p: p.block)]


@dataclass
class Group:
    """Participants reviewed by one unit (``reviewer`` is None when the whole block is
    reviewed by the province)."""

    reviewer: Unit | None
    participants: list[Participant]


@dataclass
class BlockParticipants:
    block: Block
    period_block: PeriodBlock | None
    groups: list[Group] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.participants) for group in self.groups)


def participants_by_block(period: Period) -> list[BlockParticipants]:
    """The blocks (with their chosen version) and their participants; a block whose
    communes are reviewed by their districts is grouped by district. A draft lists
    every block, so that versions can be chosen before the units are added."""
    chosen = {pb.block_id: pb for pb in period.blocks.select_related("version")}
    participants = period.participants.select_related(
        "block", "reviewer_unit", "extended_by"
    ).order_by()
    by_block = dict(_in_block_order(participants))
    result = []
    for block in Block.objects.all():
        rows = by_block.get(block, [])
        if not rows and block.pk not in chosen and period.state != PeriodState.DRAFT:
            continue
        entry = BlockParticipants(block=block, period_block=chosen.get(block.pk))
        if _reviewed_by_districts(rows):
            entry.groups = [Group(reviewer, group) for reviewer, group in _groups_by_reviewer(rows)]
        elif rows:
            entry.groups = [Group(None, _by_name(rows))]
        result.append(entry)
    return result


@dataclass(frozen=True)
class UnitProgress:
    participant: Participant
    progress: Progress
    state_label: str

    @property
    def started(self) -> bool:
        return self.progress.state != NOT_STARTED

    @property
    def deadline(self) -> datetime | None:
        return self.participant.deadline

    @property
    def extended(self) -> bool:
        base = self.participant.period.self_assessment_deadline
        until = self.participant.extended_until
        return until is not None and (base is None or until > base)


@dataclass
class Tally:
    """One block, or the communes one district reviews: who is where."""

    name: str
    slug: str
    not_started: list[UnitProgress] = field(default_factory=list)
    draft: list[UnitProgress] = field(default_factory=list)
    missing_evidence: list[UnitProgress] = field(default_factory=list)
    submitted: list[UnitProgress] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.not_started) + len(self.draft) + len(self.submitted)

    def add(self, row: UnitProgress) -> None:
        state = row.progress.state
        if state in SUBMITTED:
            self.submitted.append(row)
        elif state in IN_DRAFT:
            self.draft.append(row)
            if row.progress.missing_evidence:
                self.missing_evidence.append(row)
        else:
            self.not_started.append(row)


@dataclass
class BlockDashboard:
    block: Block
    total: Tally
    districts: list[Tally] = field(default_factory=list)  # empty: the province reviews all


def dashboard(period: Period, participants: QuerySet[Participant]) -> list[BlockDashboard]:
    """Per block, and per reviewing district where districts review, who has not
    started, who is in draft (and of those who lacks evidence), who has submitted.
    ``participants`` is the share the viewer may follow."""
    progress = period_progress(period)
    rows = participants.select_related("block", "reviewer_unit", "period").order_by()
    result = []
    for block, members in _in_block_order(rows):
        entry = BlockDashboard(block=block, total=Tally(block.name, f"block-{block.code}"))
        grouped = (
            _groups_by_reviewer(members)
            if _reviewed_by_districts(members)
            else [(None, _by_name(members))]
        )
        for reviewer, group in grouped:
            tally = (
                Tally(reviewer.name, f"block-{block.code}-{reviewer.code}")
                if reviewer is not None
                else None
            )
            for participant in group:
                state = progress.get(participant.pk, NOTHING_YET)
                row = UnitProgress(participant, state, state_label(state.state))
                entry.total.add(row)
                if tally is not None:
                    tally.add(row)
            if tally is not None:
                entry.districts.append(tally)
        result.append(entry)
    return result
