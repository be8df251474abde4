"""Ranking within a block (and within each parent, e.g. communes within a district).

Rules (docs/domain.md, scoring):

- order by exact share, highest first;
- equal shares share a rank and the next rank is skipped (1, 2, 2, 4): a unit's rank is
  1 + the number of submitted units with a strictly higher share, so it depends only on
  the shares;
- units with equal rank are listed in Vietnamese alphabetical order (then by code), or,
  when the set says ``tie_order: unit_list``, by their position in the unit list
  (``list_order``); units without a position come after those with one, in the order
  they are given; the order never changes a rank;
- a unit that did not submit scores 0 and comes after every unit that submitted; all
  non-submitters share the rank after the last submitter;
- a unit evaluated but not ranked (``ranked=False``) gets no rank and is listed last.

The ranking within a parent follows the same rules; it is read off the block's order,
since restricting that order to one parent's units gives the parent's order.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Context, Decimal
from fractions import Fraction
from typing import TypeVar

from .collation import vietnamese_sort_key

__all__ = ["TIE_ORDERS", "Standing", "rank", "rank_all", "share_key"]

TIE_ORDERS = ("alphabetical", "unit_list")

# 50 significant digits, truncated. Shares are points / maximum with both at most two
# decimals and below 10^15, so two different shares differ by more than 10^-34 and keep
# their order at this precision, while equal shares give equal keys: sorting on the key is
# sorting on the exact share, at the speed of Decimal instead of Fraction.
_KEY = Context(prec=50, rounding=ROUND_DOWN)


def share_key(share: Fraction) -> Decimal:
    return _KEY.divide(Decimal(share.numerator), Decimal(share.denominator))


@dataclass(frozen=True, slots=True)
class Standing:
    """What ranking needs to know of a unit."""

    code: str
    name: str
    share: Fraction
    submitted: bool = True
    ranked: bool = True
    parent: str | None = None
    # The unit's position in the unit list (1, 2, …), for ``tie_order: unit_list``.
    list_order: int | None = None


S = TypeVar("S", bound=Standing)


def _tier(standing: Standing) -> int:
    if not standing.ranked:
        return 2
    return 0 if standing.submitted else 1


def _order(standings: Iterable[S], tie_order: str = "alphabetical") -> list[S]:
    if tie_order == "unit_list":  # sorted() is stable: unlisted ties keep the order given
        return sorted(standings, key=lambda s: (_tier(s), -share_key(s.share), _listed(s)))
    return sorted(
        standings,
        key=lambda s: (_tier(s), -share_key(s.share), vietnamese_sort_key(s.name), s.code),
    )


def _listed(standing: Standing) -> tuple[bool, int]:
    position = standing.list_order
    return (False, position) if position is not None else (True, 0)


class _Counter:
    """Competition ranks (1, 2, 2, 4) for units fed in order."""

    __slots__ = ("position", "previous", "current", "submitted")

    def __init__(self) -> None:
        self.position = 0
        self.previous: Fraction | None = None
        self.current = 0
        self.submitted = 0

    def next(self, standing: Standing) -> int | None:
        tier = _tier(standing)
        if tier == 2:
            return None
        if tier == 1:
            return self.submitted + 1
        self.position += 1
        self.submitted += 1
        if standing.share != self.previous:
            self.current = self.position
            self.previous = standing.share
        return self.current


def rank_all(
    standings: Iterable[S],
    group_of: Callable[[S], Hashable] = lambda s: s.parent,
    tie_order: str = "alphabetical",
) -> list[tuple[S, int | None, int | None]]:
    """Units in order, each with its rank in the block and within its group."""
    block = _Counter()
    groups: dict[Hashable, _Counter] = {}
    result = []
    for standing in _order(standings, tie_order):
        group = groups.setdefault(group_of(standing), _Counter())
        result.append((standing, block.next(standing), group.next(standing)))
    return result


def rank(standings: Iterable[S], tie_order: str = "alphabetical") -> list[tuple[S, int | None]]:
    """Order the units and give each its rank (``None`` for units not ranked)."""
    return [
        (standing, position) for standing, position, _ in rank_all(standings, tie_order=tie_order)
    ]
