"""Data for the period pages, shaped for their templates, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Q, QuerySet

from egovrank.core.models import AuditEvent
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Block, Unit
from egovrank.scoring.collation import vietnamese_sort_key

from .choices import PeriodState
from .models import Participant, Period, PeriodBlock

__all__ = [
    "BlockParticipants",
    "Group",
    "in_block_order",
    "participants_by_block",
    "period_history",
    "periods_with_counts",
    "reviewer_groups",
]


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


def in_block_order(participants: Iterable[Participant]) -> list[tuple[Block, list[Participant]]]:
    """The participants grouped by block, blocks in their order."""
    ordered = sorted(participants, key=lambda p: (p.block.order, p.block.code))
    return [(block, list(rows)) for block, rows in groupby(ordered, key=lambda p: p.block)]


def reviewer_groups(participants: list[Participant]) -> list[tuple[Unit | None, list[Participant]]]:
    """One block's participants grouped by the district that reviews them when districts
    review the block (districts in Vietnamese order), else in one group whose reviewer
    is None; each group in Vietnamese order of names."""
    if not any(p.reviewer_unit.kind == UnitKind.DISTRICT for p in participants):
        return [(None, _by_name(participants))]
    reviewers: dict[int, Unit] = {}
    members: dict[int, list[Participant]] = {}
    for participant in participants:
        reviewers[participant.reviewer_unit_id] = participant.reviewer_unit
        members.setdefault(participant.reviewer_unit_id, []).append(participant)
    order = sorted(reviewers.values(), key=lambda unit: vietnamese_sort_key(unit.name))
    return [(reviewer, _by_name(members[reviewer.pk])) for reviewer in order]


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
    by_block = dict(in_block_order(participants))
    result = []
    for block in Block.objects.all():
        rows = by_block.get(block, [])
        if not rows and block.pk not in chosen and period.state != PeriodState.DRAFT:
            continue
        entry = BlockParticipants(block=block, period_block=chosen.get(block.pk))
        if rows:
            entry.groups = [Group(reviewer, group) for reviewer, group in reviewer_groups(rows)]
        result.append(entry)
    return result
