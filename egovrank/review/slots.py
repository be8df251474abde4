"""What the review asks of the apps above it (``core/slots.py`` says how).

Whether a unit is re-opened for a correction, and how the units rank now, are the
results' to answer; the results stand above the review (they are computed from its
verdicts), so they plug their answers in here from ``ResultsConfig.ready``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from egovrank.core.slots import Slot
from egovrank.orgs.models import Unit
from egovrank.periods.models import Participant, Period
from egovrank.scoring.engine import RankedUnit

__all__ = ["Standing", "district_standings", "in_correction", "standings"]


@dataclass(frozen=True)
class Standing:
    """One unit as the results rank it now: the core's row (score, rank within the
    district), whether its form counts (submitted; a preview until approved), and the
    points of its own answers when it does."""

    ranked: RankedUnit
    counted: bool
    self_points: Decimal | None


# participant → whether it is re-opened after publication, its correction not yet
# published (its form goes back to the provincial reviewers).
in_correction: Slot[[Participant], bool] = Slot("whether a unit is re-opened for a correction")

# period → every unit as the results rank it now, block by block in ranking order.
standings: Slot[[Period], list[Standing]] = Slot("the live results of a period")

# (period, district) → the units ranked within the district, as the results rank them
# now, in ranking order (only what the district's ranking needs is scored).
district_standings: Slot[[Period, Unit], list[Standing]] = Slot(
    "the live results of a district's units"
)
