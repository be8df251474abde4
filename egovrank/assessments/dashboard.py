"""The deadline dashboard of a period: per block, and per reviewing district where
districts review, who has not started, who is in draft (and of those who lacks
evidence), who has submitted. It counts the self-assessment's states, so it is the
self-assessment's, shown at the period's address (``periods:dashboard``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from egovrank.orgs.models import Block
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant, Period
from egovrank.periods.queries import in_block_order, reviewer_groups

from .choices import BEING_WRITTEN, COUNTED_STATES, AssessmentState
from .progress import NOT_STARTED, Progress, period_progress, state_label

__all__ = ["BlockDashboard", "Tally", "UnitProgress", "dashboard"]

NOTHING_YET = Progress(NOT_STARTED, 0, 0, 0, 0)


@dataclass(frozen=True)
class UnitProgress:
    participant: Participant
    progress: Progress
    state_label: str

    @property
    def started(self) -> bool:
        return self.progress.state != NOT_STARTED

    @property
    def owes_form(self) -> bool:
        """Whether the unit may still hand in a form now: not started or in draft while
        the period is open for self-assessment, returned while it is open or in review
        (``remind_now`` decides against the deadline)."""
        state = self.progress.state
        if state == AssessmentState.RETURNED:
            return self.participant.period.state in (
                PeriodState.SELF_ASSESSMENT,
                PeriodState.REVIEW,
            )
        own_time = self.participant.period.state == PeriodState.SELF_ASSESSMENT
        return own_time and state in (NOT_STARTED, AssessmentState.DRAFT)

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
        if state in COUNTED_STATES:
            self.submitted.append(row)
        elif state in BEING_WRITTEN:
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
    for block, members in in_block_order(rows):
        entry = BlockDashboard(block=block, total=Tally(block.name, f"block-{block.code}"))
        for reviewer, group in reviewer_groups(members):
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
