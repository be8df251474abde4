"""The catalogue of frameworks: every set shipped with egovrank and every stored version,
with its legal basis, year, scope, maximum and how much of it rests on a read source."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from egovrank.scoring.catalogue import packaged_set, packaged_set_ids
from egovrank.scoring.tree import CriteriaSet

from .models import CriteriaVersion
from .versions import criteria_set_of

__all__ = ["Framework", "ProvenanceShare", "frameworks"]

# The provenance marks of the format, in the order the page shows them. "official" is
# the decision's own text; a node without a mark is counted as "unmarked".
MARKS = ("official", "read", "derived", "inferred", "unmarked")


@dataclass(frozen=True)
class ProvenanceShare:
    mark: str
    count: int
    percent: Decimal  # of all nodes, one decimal place


@dataclass(frozen=True)
class Framework:
    set_id: str
    title: str
    legal_number: str
    legal_date: date | str  # a date when the set gives an ISO date, else as written
    legal_issuer: str
    year: str
    block_code: str
    block_name: str
    max_total: Decimal
    node_count: int
    shares: tuple[ProvenanceShare, ...]
    shipped: bool
    version: CriteriaVersion | None  # the stored version, if any


def provenance_shares(criteria_set: CriteriaSet) -> tuple[int, tuple[ProvenanceShare, ...]]:
    """How many nodes carry each provenance mark, and their share of all nodes."""
    counts = Counter(
        node.status if node.status in MARKS else "unmarked" for node in criteria_set.walk()
    )
    total = sum(counts.values())
    shares = tuple(
        ProvenanceShare(
            mark,
            counts[mark],
            (Decimal(100 * counts[mark]) / total).quantize(Decimal("0.1")) if total else Decimal(0),
        )
        for mark in MARKS
        if counts[mark]
    )
    return total, shares


def _framework(
    criteria_set: CriteriaSet, *, shipped: bool, version: CriteriaVersion | None
) -> Framework:
    meta = criteria_set.meta
    legal = dict(meta.legal_basis)
    node_count, shares = provenance_shares(criteria_set)
    return Framework(
        set_id=meta.id,
        title=meta.title,
        legal_number=str(legal.get("number", "")),
        legal_date=_date(str(legal.get("date", ""))),
        legal_issuer=str(legal.get("issuer", "")),
        year=str(meta.valid_from or meta.version or ""),
        block_code=meta.block_code,
        block_name=meta.block_name,
        max_total=criteria_set.max_total,
        node_count=node_count,
        shares=shares,
        shipped=shipped,
        version=version,
    )


def frameworks() -> list[Framework]:
    """The shipped sets (stored or not) and then every other stored version, newest
    year first within each."""
    stored = {v.set_id: v for v in CriteriaVersion.objects.all()}
    shipped_ids = packaged_set_ids()
    entries = [
        _framework(packaged_set(set_id), shipped=True, version=stored.get(set_id))
        for set_id in shipped_ids
    ]
    entries += [
        _framework(criteria_set_of(version), shipped=False, version=version)
        for set_id, version in stored.items()
        if set_id not in shipped_ids
    ]
    return sorted(entries, key=lambda f: (not f.shipped, _neg_year(f.year), f.set_id))


def _neg_year(year: str) -> int:
    return -int(year) if year.isdigit() else 0


def _date(text: str) -> date | str:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text  # free text such as "2023" is shown as written
