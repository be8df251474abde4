"""The reviewer's grid: one block of a period, every unit (rows) × every criterion
(columns), with the points the units assessed themselves or the verified ones.

Points come from ``compute`` (the scoring core, the same as the results); nothing here
scores. Three kinds of cell are marked, each with its reason in words:

- **inconsistent figures**: an entry the criterion's rule refuses (a numerator above
  its denominator or above a shared figure, a shared figure that does not read): the
  refusals ``compute`` already collects (``assessments.sheet.answers_of``);
- **missing evidence**: required evidence neither attached nor explained, as the form
  flags it (``assessments.sheet.missing_evidence_codes``);
- **outliers against the block**: points outside the block's interquartile fences on
  that criterion, Q1 − 1.5 × IQR and Q3 + 1.5 × IQR (Tukey's rule), computed over every
  unit of the block that submitted and for which the criterion applies, once at least
  ``OUTLIER_MIN_UNITS`` units have points on it. When most units score alike (IQR 0),
  any unit scoring otherwise stands out, which is what a reviewer wants to look at.

Only forms that count (submitted) have points and marks; the others show as not
submitted. Six queries, whatever the number of units and criteria.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from egovrank.assessments.models import Answer, EvidenceFile, EvidenceLink
from egovrank.assessments.progress import state_label
from egovrank.assessments.queries import entries_from
from egovrank.assessments.sheet import Entry, missing_evidence_codes
from egovrank.orgs.models import Block
from egovrank.periods.models import Participant, Period
from egovrank.scoring.collation import vietnamese_sort_key
from egovrank.scoring.engine import NOT_APPLICABLE, NodeResult, UnitScore
from egovrank.scoring.numbers import format_number
from egovrank.scoring.tree import CriteriaSet

from .compute import BlockResults, compute

__all__ = [
    "FLAG_KINDS",
    "MODES",
    "OUTLIER_MIN_UNITS",
    "Cell",
    "Column",
    "Fence",
    "Flag",
    "Grid",
    "Row",
    "build_grid",
]

MODES = ("self", "verified")
OUTLIER_MIN_UNITS = 5
# In the order a cell shows them (its colour is the first one's).
INCONSISTENT, MISSING_EVIDENCE, OUTLIER = "inconsistent", "missing-evidence", "outlier"
FLAG_KINDS = (INCONSISTENT, MISSING_EVIDENCE, OUTLIER)
_FENCE = Decimal("1.5")


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    max_points: Decimal


@dataclass(frozen=True)
class Flag:
    kind: str  # one of FLAG_KINDS
    reason: str


@dataclass(frozen=True)
class Cell:
    points: Decimal | None  # None: not submitted
    not_applicable: bool = False
    flags: tuple[Flag, ...] = ()

    @property
    def kind(self) -> str:
        """The flag that colours the cell ("" when none)."""
        return self.flags[0].kind if self.flags else ""

    @property
    def reasons(self) -> str:
        return " ".join(flag.reason for flag in self.flags)


@dataclass(frozen=True)
class Row:
    participant: Participant
    state: str
    state_label: str
    counted: bool
    total: Decimal | None
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Fence:
    """The block's usual range of points on one criterion."""

    low: Decimal
    high: Decimal
    median: Decimal
    count: int


@dataclass(frozen=True)
class Grid:
    period: Period
    block: Block
    mode: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    sort: str
    descending: bool

    def count(self, kind: str) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.kind == kind)


def _columns(criteria_set: CriteriaSet) -> tuple[Column, ...]:
    return tuple(
        Column(leaf.code, leaf.name, leaf.max_points or Decimal(0))
        for leaf in criteria_set.leaves()
        if leaf.rule is not None
    )


def _evidence_entries(assessment_ids: list[int]) -> dict[int, dict[str, Entry]]:
    """Each form's entries with its evidence and explanations (three queries)."""
    rows: dict[int, list[tuple[str, str, bool, str]]] = defaultdict(list)
    answers = Answer.objects.filter(assessment_id__in=assessment_ids).order_by()
    for assessment_id, code, value, na, explanation in answers.values_list(
        "assessment_id", "code", "value", "not_applicable", "evidence_explanation"
    ):
        rows[assessment_id].append((code, value, na, explanation))
    evidenced: dict[int, set[str]] = defaultdict(set)
    for model in (EvidenceFile, EvidenceLink):
        current = model.objects.filter(assessment_id__in=assessment_ids, removed_at__isnull=True)
        for assessment_id, code in current.order_by().values_list("assessment_id", "code"):
            evidenced[assessment_id].add(code)
    return {pk: entries_from(rows[pk], evidenced[pk]) for pk in assessment_ids}


def _fences(columns: Iterable[Column], scores: Iterable[UnitScore]) -> dict[str, Fence]:
    """Per criterion, the block's interquartile fences over the units that have points
    on it (submitted, the criterion applying)."""
    values: dict[str, list[Decimal]] = defaultdict(list)
    codes = [column.code for column in columns]
    for score in scores:
        for code in codes:
            node = score.node(code)
            if node.status != NOT_APPLICABLE:
                values[code].append(node.points)
    fences = {}
    for code, points in values.items():
        if len(points) < OUTLIER_MIN_UNITS:
            continue
        q1, median, q3 = statistics.quantiles(points, n=4, method="inclusive")
        spread = (q3 - q1) * _FENCE
        fences[code] = Fence(q1 - spread, q3 + spread, median, len(points))
    return fences


def _number(value: Decimal) -> str:
    return format_number(value, get_language() or "vi")


def _outlier(points: Decimal, fence: Fence) -> Flag | None:
    if fence.low <= points <= fence.high:
        return None
    values = {
        "points": _number(points),
        "low": _number(max(fence.low, Decimal(0))),
        "high": _number(fence.high),
        "median": _number(fence.median),
        "count": fence.count,
    }
    reason = _(
        "Outlier: %(points)s points, outside the block's usual range %(low)s–%(high)s "
        "(median %(median)s over %(count)d units)."
    )
    return Flag(OUTLIER, reason % values)


def _refusals(criteria_set: CriteriaSet, refused: dict[str, str]) -> dict[str, list[str]]:
    """The refusals by criterion: a shared figure's refusal marks every criterion that
    uses the figure."""
    found: dict[str, list[str]] = defaultdict(list)
    for code, message in refused.items():
        if criteria_set.get(code) is None and criteria_set.figure(code) is not None:
            for user in criteria_set.figure_users(code):
                found[user].append(f"{code}: {message}")
        else:
            found[code].append(message)
    return found


def _sorted(rows: list[Row], columns: tuple[Column, ...], sort: str, descending: bool) -> list[Row]:
    by_name = sorted(rows, key=lambda row: vietnamese_sort_key(row.participant.unit_name))
    if sort == "unit":
        return list(reversed(by_name)) if descending else by_name
    if sort == "state":
        key = vietnamese_sort_key
        return sorted(by_name, key=lambda row: key(row.state_label), reverse=descending)
    index = {column.code: position for position, column in enumerate(columns)}

    def value(row: Row) -> Decimal | None:
        if sort == "total":
            return row.total
        cell = row.cells[index[sort]]
        return None if cell.not_applicable else cell.points

    # Units without points (not submitted, not applicable) go last either way.
    known = [row for row in by_name if value(row) is not None]
    unknown = [row for row in by_name if value(row) is None]
    known.sort(key=lambda row: value(row) or Decimal(0), reverse=descending)
    return known + unknown


def sort_keys(columns: Iterable[Column]) -> set[str]:
    return {"unit", "state", "total", *(column.code for column in columns)}


def build_grid(
    period: Period,
    block_code: str,
    visible: set[int],
    *,
    mode: str = "self",
    sort: str = "unit",
    descending: bool = False,
) -> Grid | None:
    """The grid of ``block_code`` for the participants whose ids are in ``visible``;
    None when the period has no such block. An unknown ``mode`` or ``sort`` falls back
    to the default."""
    blocks = compute(period)
    block = blocks.get(block_code)
    if block is None:
        return None
    mode = mode if mode in MODES else "self"
    columns = _columns(block.criteria_set)
    sort = sort if sort in sort_keys(columns) else "unit"
    rows = _rows(block, columns, visible, mode)
    return Grid(
        period,
        block.block,
        mode,
        columns,
        tuple(_sorted(rows, columns, sort, descending)),
        sort,
        descending,
    )


def _rows(
    block: BlockResults, columns: tuple[Column, ...], visible: set[int], mode: str
) -> list[Row]:
    result = block.result if mode == "verified" or block.own is None else block.own
    counted = {code: facts for code, facts in block.units.items() if facts.counted}
    scores = {row.unit.code: row.score for row in result.rows if row.unit.code in counted}
    fences = _fences(columns, scores.values())
    shown = [facts for facts in block.units.values() if facts.participant.pk in visible]
    evidence = _evidence_entries(
        [facts.assessment_id for facts in shown if facts.counted and facts.assessment_id]
    )
    rows = []
    for facts in shown:
        score = scores.get(facts.participant.unit_code)
        if score is None or facts.assessment_id is None:
            cells = tuple(Cell(None) for _column in columns)
            rows.append(
                Row(facts.participant, facts.state, state_label(facts.state), False, None, cells)
            )
            continue
        refused = _refusals(
            block.criteria_set, facts.refused if mode == "verified" else facts.self_refused
        )
        missing = missing_evidence_codes(block.criteria_set, evidence.get(facts.assessment_id, {}))
        cells = tuple(
            _cell(
                score.node(column.code),
                refused.get(column.code, ()),
                column.code in missing,
                fences.get(column.code),
            )
            for column in columns
        )
        rows.append(
            Row(facts.participant, facts.state, state_label(facts.state), True, score.points, cells)
        )
    return rows


def _cell(node: NodeResult, refusals: Iterable[str], missing: bool, fence: Fence | None) -> Cell:
    """A unit's cell of one criterion: its points and what the reviewer should look at
    (figures the core refused, required evidence missing, an outlier in its block)."""
    not_applicable = node.status == NOT_APPLICABLE
    flags = [
        Flag(INCONSISTENT, _("Inconsistent figures: %(problem)s") % {"problem": message})
        for message in refusals
    ]
    if missing:
        flags.append(Flag(MISSING_EVIDENCE, _("Required evidence is missing.")))
    if fence is not None and not not_applicable:
        outlier = _outlier(node.points, fence)
        if outlier is not None:
            flags.append(outlier)
    return Cell(node.points, not_applicable, tuple(flags))
