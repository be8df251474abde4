"""The what-if simulator: a unit's answers changed, scored and ranked, nothing saved.

The changed answers are scored by the core (``score_unit``) exactly as the published
results were: the set's rules, totals and level scale. Criteria scored relative to the
block's best unit use the block's best figures recomputed from the other units' verified
figures and the changed answers (``best_figures``). The rank comes from the core's
ranking (``rank_all``) of the unit's new share among the other units' *published*
standings. One simplification, shown on the page: when the changed answers would move a
block's best figure, the other units' points for that criterion would move too; they are
kept as published, since the question is what the unit's own answers would do.

Nothing here writes: no query at all beyond those of ``UnitBasis`` and the standings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from egovrank.assessments.sheet import Entry
from egovrank.core.said import said
from egovrank.results.models import PublishedResult
from egovrank.scoring.answers import AnswerError
from egovrank.scoring.engine import NodeResult, UnitScore
from egovrank.scoring.levels import Level
from egovrank.scoring.ranking import Standing, rank_all

from .queries import UnitBasis, level_of

__all__ = ["Simulation", "simulate"]


@dataclass(frozen=True)
class Simulation:
    """The changed answers' score and rank beside the published result. ``score`` is
    None while an answer is refused (``errors``, by criterion code)."""

    published: PublishedResult
    score: UnitScore | None
    errors: dict[str, str] = field(default_factory=dict)
    rank: int | None = None
    rank_in_district: int | None = None
    ranked_units: int = 0
    published_level: Level | None = None
    # Relative-to-best criteria whose block best the changed answers would move.
    best_moved: tuple[str, ...] = ()
    nodes: dict[str, NodeResult] = field(default_factory=dict)

    @property
    def computed(self) -> bool:
        return self.score is not None

    @property
    def points_change(self) -> Decimal | None:
        return None if self.score is None else self.score.points - self.published.points

    @property
    def percent_change(self) -> Decimal | None:
        """In percentage points, between the shares as shown (each rounded half up)."""
        return None if self.score is None else self.score.percent - self.published.percent

    @property
    def rank_change(self) -> int | None:
        """Places gained (positive) or lost (negative)."""
        if self.rank is None or self.published.rank is None:
            return None
        return self.published.rank - self.rank

    @property
    def places_up(self) -> int:
        return max(self.rank_change or 0, 0)

    @property
    def places_down(self) -> int:
        return max(-(self.rank_change or 0), 0)

    @property
    def district_rank_change(self) -> int | None:
        if self.rank_in_district is None or self.published.rank_in_district is None:
            return None
        return self.published.rank_in_district - self.rank_in_district

    @property
    def district_places_up(self) -> int:
        return max(self.district_rank_change or 0, 0)

    @property
    def district_places_down(self) -> int:
        return max(-(self.district_rank_change or 0), 0)

    @property
    def level_changed(self) -> bool:
        if self.score is None:
            return False
        code = self.score.level.code if self.score.level else ""
        return code != self.published.level_code


def simulate(basis: UnitBasis, entries: Mapping[str, Entry], others: list[Standing]) -> Simulation:
    """Score ``entries`` as the unit's answers and rank the unit among ``others`` (the
    other units' published standings, ``queries.block_standings``)."""
    result = basis.result
    published_level = level_of(basis.criteria_set, result.level_code)
    try:
        score, errors = basis.score(entries)
    except AnswerError as error:  # pragma: no cover - the entries were checked first
        score, errors = None, {error.code: said(error.message)}
    if score is None:
        return Simulation(result, None, errors, published_level=published_level)
    own = Standing(
        result.unit_code,
        result.unit_name,
        score.share,
        True,
        result.rank is not None,
        result.district_code or None,
    )
    rank = in_district = None
    for standing, position, in_parent in rank_all([*others, own]):
        if standing is own:
            rank, in_district = position, in_parent
    return Simulation(
        published=result,
        score=score,
        rank=rank,
        rank_in_district=in_district if result.district_code else None,
        ranked_units=len(others) + 1,
        published_level=published_level,
        best_moved=_best_moved(basis, entries),
        nodes={node.code: node for node in score.walk()},
    )


def _best_moved(basis: UnitBasis, entries: Mapping[str, Entry]) -> tuple[str, ...]:
    before = basis.best(basis.entries) or {}
    after = basis.best(entries) or {}
    return tuple(
        code for code in after if code in before and _value(after[code]) != _value(before[code])
    )


def _value(figure: tuple[Decimal, Decimal]) -> Fraction | None:
    numerator, denominator = figure
    # Equal figures may be written differently (1/2 and 2/4): compare exact values.
    return Fraction(numerator) / Fraction(denominator) if denominator else None
