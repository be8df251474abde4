"""Scoring: a unit's answers -> points per node, total, share, level; a block -> ranking.

Points of a leaf come from its rule. An inner node's points are the sum of its
children's points, capped at its maximum when it declares one; its effective maximum is
``min(cap, sum of its applicable children's maxima)``, so a criterion that does not apply
leaves the unit's maximum total. A node whose children are all not applicable is itself
not applicable, and a group marked not applicable takes its whole subtree out.
Informational leaves carry neither points nor maximum.

A leaf left unanswered by a unit that submitted scores 0 of its maximum. A unit that did
not submit scores 0 of the full maximum and gets the lowest level.

Rules relative to the best unit of the block need every unit's figure first, so such a
criterion is scored in two phases: the best figure over the units that submitted, then
each unit. ``score_block`` does both; ``score_unit`` takes the block's figures (from
``best_figures`` or ``BlockResult.best``) when the set has such rules.

How points are rounded is the set's (``Scoring.precision``): by default each dividing
criterion is rounded half up to two places and sums are exact sums of rounded criteria.
With ``round_at: total`` criteria and groups stay unrounded (quotients truncated at 60
significant digits, summed exactly) and only the unit's total is rounded; that total is
the exact sum rounded, proven from a bracket around it (see ``_rounded_total``). The share,
level and converted score are of the unit's (rounded) total.

A set is compiled once into a flat plan (nodes in pre-order, children before parents for
the sums), because a national block means a million criterion scores: per-node results
are kept as flat tuples and turned into ``NodeResult`` objects only when asked for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Context, Decimal, localcontext
from fractions import Fraction
from itertools import repeat
from typing import NamedTuple

from .answers import NA, Answer, AnswerError
from .explanation import Explanation
from .levels import Level, share_of
from .numbers import ZERO, Precision
from .ranking import Standing, rank_all
from .rules import ONE, Figure, Rule, ScoredColumn
from .tree import CriteriaSet, Node, Scoring

__all__ = [
    "GROUP",
    "INFO",
    "NOT_APPLICABLE",
    "NOT_SUBMITTED",
    "SCORED",
    "UNANSWERED",
    "BlockResult",
    "NodeResult",
    "RankedUnit",
    "UnitInput",
    "UnitScore",
    "best_figures",
    "score_block",
    "score_unit",
]

SCORED = "scored"
NOT_APPLICABLE = "not_applicable"
UNANSWERED = "unanswered"
NOT_SUBMITTED = "not_submitted"
INFO = "info"
GROUP = "group"

_STATUS_OF_KIND = {
    "not_applicable": NOT_APPLICABLE,
    "unanswered": UNANSWERED,
    "not_submitted": NOT_SUBMITTED,
    "info": INFO,
    "sum": GROUP,
}


class NodeResult(NamedTuple):
    """Points of one node for one unit, with what gave them."""

    code: str
    points: Decimal
    max_points: Decimal  # effective maximum: 0 when not applicable
    status: str
    explanation: Explanation
    answer: Answer | None
    children: tuple[NodeResult, ...]

    @property
    def applicable(self) -> bool:
        return self.status != NOT_APPLICABLE

    @property
    def lost(self) -> Decimal:
        return self.max_points - self.points


@dataclass(frozen=True, slots=True)
class UnitInput:
    """One unit of a block with its answers, keyed by criterion code."""

    code: str
    name: str
    answers: Mapping[str, Answer] = field(default_factory=dict)
    submitted: bool = True
    parent: str | None = None
    ranked: bool = True  # False: evaluated but not ranked (scored, no rank, out of others' ranks)
    not_ranked_reason: str = ""
    # The set's shared figures (``figures:``) as this unit gave them, by figure code.
    figures: Mapping[str, Decimal] = field(default_factory=dict)
    # Position in the unit list (1, 2, …): the order of tied units under
    # ``tie_order: unit_list``; units without one keep the order they are given in.
    list_order: int | None = None


# --- the compiled plan ---------------------------------------------------------------


class _Leaf(NamedTuple):
    """A criterion of the plan. Named tuples: built once per set, and the loops over a
    block unpack them as fast as plain tuples."""

    position: int
    code: str
    rule: Rule
    max_points: Decimal
    allow_na: bool
    carries_points: bool
    needs_block: bool
    uses_figures: bool


class _Inner(NamedTuple):
    """A node with children: its cap, its children and those of them that count."""

    position: int
    cap: Decimal | None
    children: tuple[int, ...]
    counted: tuple[int, ...]
    carries_points: bool
    full_max: Decimal


class _Group(NamedTuple):
    """A node a unit may mark not applicable as a whole (its subtree ends before ``end``)."""

    position: int
    code: str
    allow_na: bool
    end: int


@dataclass(frozen=True, slots=True)
class _Plan:
    codes: tuple[str, ...]  # pre-order
    index: Mapping[str, int]
    children: tuple[tuple[int, ...], ...]
    leaves: tuple[_Leaf, ...]
    inner: tuple[_Inner, ...]  # children before their parents
    groups: tuple[_Group, ...]
    top: tuple[int, ...]
    counted_top: tuple[int, ...]
    scoring: Scoring
    # Bound on what truncating every unrounded quotient can take off a total.
    slack: Decimal
    figure_codes: frozenset[str]
    sharing: Mapping[str, tuple[str, ...]]  # figure code -> the criteria that use it


def _plan(criteria_set: CriteriaSet) -> _Plan:
    cached = criteria_set.derived.get("engine.plan")
    if isinstance(cached, _Plan):
        return cached
    nodes: list[Node] = []
    children: list[list[int]] = []
    ends: list[int] = []

    def visit(node: Node) -> int:
        position = len(nodes)
        nodes.append(node)
        children.append([])
        ends.append(0)
        for child in node.children:
            children[position].append(visit(child))
        ends[position] = len(nodes)
        return position

    top = tuple(visit(node) for node in criteria_set.nodes)
    leaves: list[_Leaf] = []
    inner: list[_Inner] = []
    groups: list[_Group] = []
    for position, node in enumerate(nodes):
        if node.is_leaf:
            assert node.rule is not None
            leaves.append(
                _Leaf(
                    position,
                    node.code,
                    node.rule,
                    node.max_points if node.max_points is not None else ZERO,
                    node.allow_na,
                    node.rule.carries_points,
                    node.rule.needs_block,
                    bool(node.rule.figure_codes),
                )
            )
        else:
            kids = tuple(children[position])
            counted = tuple(k for k in kids if nodes[k].carries_points)
            inner.append(
                _Inner(position, node.max_points, kids, counted, node.carries_points, node.full_max)
            )
            groups.append(_Group(position, node.code, node.allow_na, ends[position]))
    plan = _Plan(
        codes=tuple(node.code for node in nodes),
        index={node.code: position for position, node in enumerate(nodes)},
        children=tuple(tuple(kids) for kids in children),
        leaves=tuple(leaves),
        inner=tuple(reversed(inner)),
        groups=tuple(groups),
        top=top,
        counted_top=tuple(i for i in top if nodes[i].carries_points),
        scoring=criteria_set.scoring,
        slack=(criteria_set.max_total + 1).scaleb(-58),
        figure_codes=frozenset(figure.code for figure in criteria_set.figures),
        sharing={
            figure.code: criteria_set.figure_users(figure.code) for figure in criteria_set.figures
        },
    )
    criteria_set.derived["engine.plan"] = plan
    return plan


@dataclass(frozen=True, slots=True)
class _Columns:
    """Per node (plan order), per unit (input order): points, effective maxima and
    explanations. Kept column-major as computed; a unit reads its row."""

    points: list[list[Decimal]]
    maxima: list[list[Decimal]]
    why: list[list[Explanation]]


def _unit_error(error: AnswerError, unit: UnitInput) -> AnswerError:
    return AnswerError(error.code, f"{error.message} (unit {unit.code})")


def _forced_not_applicable(plan: _Plan, units: list[UnitInput]) -> dict[int, set[int]]:
    """Per unit index, the node positions inside groups it answered "not applicable";
    also refuses unknown codes and answers given to groups."""
    forced: dict[int, set[int]] = {}
    group_codes = {group.code for group in plan.groups}
    for number, unit in enumerate(units):
        if not unit.submitted:
            continue
        keys = unit.answers.keys()
        unknown = keys - plan.index.keys()
        if unknown:
            raise AnswerError(min(unknown), f"no such criterion in this set (unit {unit.code})")
        if unit.figures:
            unknown = unit.figures.keys() - plan.figure_codes
            if unknown:
                raise AnswerError(min(unknown), f"no such figure in this set (unit {unit.code})")
        if keys & group_codes:
            for position, code, allow_na, end in plan.groups:
                own = unit.answers.get(code)
                if own is None:
                    continue
                if own is not NA:
                    raise _unit_error(
                        AnswerError(code, "is a group: only its sub-criteria take answers"), unit
                    )
                if not allow_na:
                    raise _unit_error(
                        AnswerError(code, "this group cannot be not applicable"), unit
                    )
                forced.setdefault(number, set()).update(range(position, end))
    return forced


@dataclass(slots=True)
class _Work:
    """A block being evaluated: the columns as they are written (per node, per unit),
    and what overrides a rule's points for some units."""

    count: int  # units
    not_submitted: list[int]  # units that did not submit
    forced: dict[int, set[int]]  # unit -> node positions inside a group it marked "na"
    points: list[list[Decimal]]
    maxima: list[list[Decimal]]
    why: list[list[Explanation]]
    not_applicable: list[list[bool]]
    none_out: list[bool]  # shared by every column where no unit is "not applicable"

    @classmethod
    def start(cls, plan: _Plan, units: list[UnitInput]) -> _Work:
        count = len(units)
        size = len(plan.codes)
        zeros = [ZERO] * count
        none_out = [False] * count
        info: Explanation = ("info", "")
        # Columns are shared until written: informational nodes are never written.
        return cls(
            count,
            [i for i, unit in enumerate(units) if not unit.submitted],
            _forced_not_applicable(plan, units),
            [zeros] * size,
            [zeros] * size,
            [[info] * count] * size,
            [none_out] * size,
            none_out,
        )

    def forced_at(self, position: int) -> list[int]:
        """Units that marked a group around this node not applicable."""
        return [unit for unit, positions in self.forced.items() if position in positions]


def _evaluate(
    plan: _Plan,
    units: list[UnitInput],
    best: Mapping[str, Figure],
    used_best: dict[str, Figure],
) -> _Columns:
    """Points, effective maxima and explanations of every node for every unit.

    Works a column (one criterion, every unit) at a time: each rule scores its whole
    column in one call, and sums are taken column-wise, so the cost per answer stays
    small enough for national-scale blocks. Relative rules use ``best`` where it has
    their code, else the best figure of the units given; ``used_best`` receives what was
    used.
    """
    work = _Work.start(plan, units)
    precision = plan.scoring.precision
    quantum = precision.quantum if precision.round_at == "criterion" else None
    rounding = None if precision.is_default else (quantum, precision.mode)
    answer_maps = [unit.answers if unit.submitted else {} for unit in units]
    figure_maps: list[Mapping[str, Decimal]] = []
    for leaf in plan.leaves:
        code = leaf.code  # a local: the comprehension below reads it once per unit
        # Missing answers come through as None, not-submitted units included.
        column = [answers.get(code) for answers in answer_maps]
        if leaf.uses_figures:
            if not figure_maps:
                figure_maps = [unit.figures if unit.submitted else {} for unit in units]
            column = _with_figures(plan, leaf, column, figure_maps, units)
        figure = None
        if leaf.needs_block:
            # Phase one for this criterion: the best figure among the units given,
            # unless the caller supplies the block's (scoring one unit alone).
            figure = best[code] if code in best else leaf.rule.best_figure(column)
            used_best[code] = figure
        points, explanations = _score_column(leaf, column, figure, units, rounding)
        work.why[leaf.position] = explanations
        if leaf.carries_points:
            _keep_leaf(work, leaf, points, explanations)
    # Unrounded quotients have up to 60 digits: the default context would round sums.
    with localcontext(_EXACT_SUMS if quantum is None else None):
        for inner in plan.inner:
            if inner.carries_points:
                _sum_children(work, inner)
    return _Columns(work.points, work.maxima, work.why)


# Sums of unrounded points: below 10^15, 60 significant digits each, so 120 digits hold
# them exactly.
_EXACT_SUMS = Context(prec=120)


def _with_figures(
    plan: _Plan,
    leaf: _Leaf,
    column: list[Answer | None],
    figure_maps: list[Mapping[str, Decimal]],
    units: list[UnitInput],
) -> list[Answer | None]:
    """The column with each unit's shared figures put in; a refusal names its unit."""
    code, rule, sharing = leaf.code, leaf.rule, plan.sharing
    try:
        return rule.with_figures(code, column, figure_maps, sharing)
    except AnswerError:
        for i, answer in enumerate(column):  # find the unit to name, then re-raise
            try:
                rule.with_figures(code, (answer,), (figure_maps[i],), sharing)
            except AnswerError as error:
                raise _unit_error(error, units[i]) from None
        raise


def _score_column(
    leaf: _Leaf,
    column: list[Answer | None],
    figure: Figure | None,
    units: list[UnitInput],
    rounding: tuple[Decimal | None, str] | None = None,
) -> ScoredColumn:
    """The rule's points and explanations for a column; a refused answer names its unit.
    ``rounding`` (quantum or None for unrounded, mode) when the set does not round as
    the rules do by default."""
    code, rule, maximum, allow_na = leaf.code, leaf.rule, leaf.max_points, leaf.allow_na
    try:
        if rounding is not None:
            return rule.score_rounding(code, column, maximum, figure, allow_na, *rounding)
        return rule.score_many(code, column, maximum, figure, allow_na)
    except AnswerError:
        for i, answer in enumerate(column):  # find the unit to name, then re-raise
            try:
                rule.score(code, answer, maximum, figure, allow_na)
            except AnswerError as error:
                raise _unit_error(error, units[i]) from None
        raise


def _keep_leaf(
    work: _Work, leaf: _Leaf, points: list[Decimal | None], explanations: list[Explanation]
) -> None:
    """Write a criterion's column: None points (not applicable) become 0 of a 0 maximum;
    units that did not submit, or marked a group around it not applicable, override
    what the rule said."""
    count, maximum = work.count, leaf.max_points
    col_mx = [maximum] * count
    col_na = work.none_out
    if leaf.allow_na or leaf.rule.answers_can_mean_not_applicable:
        out = [i for i, value in enumerate(points) if value is None]
        if out:
            points = points.copy()
            col_na = [False] * count
            for i in out:
                points[i] = ZERO
                col_mx[i] = ZERO
                col_na[i] = True
    if work.not_submitted:
        not_submitted_why = ("not_submitted", maximum)
        for i in work.not_submitted:
            explanations[i] = not_submitted_why
    forced = work.forced_at(leaf.position) if work.forced else []
    if forced:
        if col_na is work.none_out:
            col_na = [False] * count
        for i in forced:
            points[i] = ZERO
            col_mx[i] = ZERO
            explanations[i] = ("not_applicable", maximum)
            col_na[i] = True
    work.points[leaf.position] = points  # type: ignore[assignment]  # None replaced above
    work.maxima[leaf.position] = col_mx
    work.not_applicable[leaf.position] = col_na


def _sum_children(work: _Work, inner: _Inner) -> None:
    """Write a node's column from its children's: the sums, capped, and "not
    applicable" where every counted child is, or where the unit marked it so."""
    pts, mx = work.points, work.maxima
    totals = list(map(sum, zip(*[pts[k] for k in inner.children], strict=True), repeat(ZERO)))
    maxima = list(map(sum, zip(*[mx[k] for k in inner.children], strict=True), repeat(ZERO)))
    cap = inner.cap
    if cap is not None:
        got = [t if t <= cap else cap for t in totals]
        maxima = [t if t <= cap else cap for t in maxima]
    else:
        got = totals
    col_why: list[Explanation] = [
        ("sum", t, g, m) for t, g, m in zip(totals, got, maxima, strict=True)
    ]
    all_na, flagged = _all_children_out(work, inner.counted)
    flagged += work.forced_at(inner.position) if work.forced else []
    if flagged:
        na_why = ("not_applicable", inner.full_max)
        if all_na is work.none_out:
            all_na = [False] * work.count
        for i in flagged:
            got[i] = ZERO
            maxima[i] = ZERO
            col_why[i] = na_why
            all_na[i] = True
    position = inner.position
    pts[position], mx[position], work.why[position] = got, maxima, col_why
    work.not_applicable[position] = all_na


def _all_children_out(work: _Work, counted: tuple[int, ...]) -> tuple[list[bool], list[int]]:
    """Per unit, whether every counted child is not applicable, and those units."""
    na, none_out = work.not_applicable, work.none_out
    if all(na[k] is none_out for k in counted):
        return none_out, []
    all_na = list(map(all, zip(*[na[k] for k in counted], strict=True)))
    return all_na, [i for i, flag in enumerate(all_na) if flag]


# --- results --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitScore:
    """A unit's scored sheet. Per-node results come from ``nodes``, ``node`` and
    ``walk`` (built on demand from the block's columns)."""

    unit: UnitInput
    points: Decimal
    max_points: Decimal
    share: Fraction
    level: Level | None  # None in an index that only ranks (``levels: []``)
    _plan: _Plan = field(repr=False, compare=False)
    _columns: _Columns = field(repr=False, compare=False)
    _row: int = field(repr=False, compare=False)

    @property
    def precision(self) -> Precision:
        return self._plan.scoring.precision

    @property
    def percent(self) -> Decimal:
        """The share in percent, with the set's places and rounding (by default two
        places, half up)."""
        return self.precision.percent(self.share)

    def percent_text(self, locale: str = "vi") -> str:
        return self.precision.percent_text(self.share, locale)

    @property
    def converted(self) -> Decimal | None:
        """The converted score (exact share × the set's scale, rounded like points), or
        None when the set names no scale."""
        scale = self._plan.scoring.converted_scale
        return None if scale is None else self.precision.converted(self.share, scale)

    def level_name(self, locale: str = "vi") -> str:
        """The level's name in ``locale`` ("" in an index that only ranks)."""
        return "" if self.level is None else self.level.name_in(locale)

    def _result(self, position: int) -> NodeResult:
        code = self._plan.codes[position]
        row = self._row
        explanation = self._columns.why[position][row]
        return NodeResult(
            code,
            self._columns.points[position][row],
            self._columns.maxima[position][row],
            _STATUS_OF_KIND.get(explanation[0], SCORED),
            explanation,
            self.unit.answers.get(code) if self.unit.submitted else None,
            tuple(self._result(k) for k in self._plan.children[position]),
        )

    @property
    def nodes(self) -> tuple[NodeResult, ...]:
        """Top-level results, each with its children."""
        return tuple(self._result(position) for position in self._plan.top)

    def node(self, code: str) -> NodeResult:
        return self._result(self._plan.index[code])

    def points_of(self, code: str) -> Decimal:
        """A node's points without building its subtree."""
        return self._columns.points[self._plan.index[code]][self._row]

    def walk(self) -> Iterator[NodeResult]:
        """Every node's result, parents before children."""
        stack = list(reversed(self.nodes))
        while stack:
            current = stack.pop()
            yield current
            stack.extend(reversed(current.children))


def best_figures(criteria_set: CriteriaSet, units: Iterable[UnitInput]) -> dict[str, Figure]:
    """Phase one: the highest figure of each relative-to-best criterion among the units
    that submitted ((0, 1) when nobody entered one). Answers the rule would refuse are
    left out here; scoring the unit reports them."""
    submitted = [unit.answers for unit in units if unit.submitted]
    best: dict[str, Figure] = {}
    for leaf in _plan(criteria_set).leaves:
        if leaf.needs_block:
            code = leaf.code
            best[code] = leaf.rule.best_figure([a[code] for a in submitted if code in a])
    return best


def _unit_score(
    criteria_set: CriteriaSet, plan: _Plan, unit: UnitInput, columns: _Columns, row: int
) -> UnitScore:
    total = ZERO
    maximum = ZERO
    if plan.scoring.precision.round_at == "total":
        add = _EXACT_SUMS.add  # unrounded points: the default context would round the sum
        for position in plan.counted_top:
            total = add(total, columns.points[position][row])
            maximum += columns.maxima[position][row]
        total = _rounded_total(plan, columns, row, total)
    else:
        for position in plan.counted_top:
            total += columns.points[position][row]
            maximum += columns.maxima[position][row]
    share = share_of(total, maximum)
    level = criteria_set.levels.classify(total, maximum)
    return UnitScore(unit, total, maximum, share, level, plan, columns, row)


def _rounded_total(plan: _Plan, columns: _Columns, row: int, computed: Decimal) -> Decimal:
    """A unit's total rounded as the set says (``round_at: total``): the exact sum of
    its unrounded criteria (``computed``, summed exactly), rounded.

    Each quotient was truncated at 60 significant digits, so the computed sum S' is at
    most ``slack`` below the exact sum S (caps only bring both down). Rounding is
    monotonic: when S' and S' + slack round alike, so does S. Otherwise (the exact sum
    sits on a rounding boundary, as 1/3 + 2/3 does) the total is recomputed in fractions.
    """
    precision = plan.scoring.precision
    low = precision.round_points(computed)
    if low == precision.round_points(_EXACT_SUMS.add(computed, plan.slack)):
        return low
    return precision.round_fraction(_exact_total(plan, columns, row), precision.points_decimals)


def _exact_total(plan: _Plan, columns: _Columns, row: int) -> Fraction:
    exact: dict[int, Fraction] = {}
    for leaf in plan.leaves:
        if leaf.carries_points:
            why = columns.why[leaf.position][row]
            value = leaf.rule.exact_points(why)
            exact[leaf.position] = (
                Fraction(columns.points[leaf.position][row]) if value is None else value
            )
    for inner in plan.inner:
        if not inner.carries_points:
            continue
        if columns.why[inner.position][row][0] == "not_applicable":
            exact[inner.position] = Fraction(0)
            continue
        total = sum((exact[k] for k in inner.counted), Fraction(0))
        exact[inner.position] = total if inner.cap is None else min(total, Fraction(inner.cap))
    return sum((exact[p] for p in plan.counted_top), Fraction(0))


def score_unit(
    criteria_set: CriteriaSet,
    unit: UnitInput,
    best: Mapping[str, Figure] | None = None,
) -> UnitScore:
    """Score one unit. ``best`` holds the block's best figures for relative rules
    (from ``best_figures``); it is needed only when the set has such rules."""
    plan = _plan(criteria_set)
    if best is None and any(leaf.needs_block for leaf in plan.leaves):
        raise ValueError("this set has relative-to-best rules: pass the block's best figures")
    columns = _evaluate(plan, [unit], best or {}, {})
    return _unit_score(criteria_set, plan, unit, columns, 0)


@dataclass(frozen=True, slots=True)
class RankedUnit:
    """A unit's score with its rank in the block and within its parent."""

    score: UnitScore
    rank: int | None
    rank_in_parent: int | None

    @property
    def unit(self) -> UnitInput:
        return self.score.unit


@dataclass(frozen=True, slots=True)
class BlockResult:
    """A scored and ranked block."""

    criteria_set: CriteriaSet
    rows: tuple[RankedUnit, ...]
    best: Mapping[str, Figure]

    def row(self, code: str) -> RankedUnit:
        for row in self.rows:
            if row.unit.code == code:
                return row
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class _ScoredStanding(Standing):
    scored: UnitScore | None = None


def score_block(criteria_set: CriteriaSet, units: Iterable[UnitInput]) -> BlockResult:
    """Score every unit of a block and rank them (see ``ranking``)."""
    unit_list = list(units)
    duplicates = sorted(code for code, n in Counter(u.code for u in unit_list).items() if n > 1)
    if duplicates:
        raise ValueError(f"units appear more than once: {', '.join(duplicates)}")
    plan = _plan(criteria_set)
    best: dict[str, Figure] = {}
    standings = []
    columns = _evaluate(plan, unit_list, {}, best)
    for row, unit in enumerate(unit_list):
        scored = _unit_score(criteria_set, plan, unit, columns, row)
        standings.append(
            _ScoredStanding(
                unit.code,
                unit.name,
                scored.share,
                unit.submitted,
                unit.ranked,
                unit.parent,
                unit.list_order,
                scored,
            )
        )
    rows = []
    for standing, position, in_parent in rank_all(
        standings, tie_order=criteria_set.scoring.tie_order
    ):
        assert standing.scored is not None
        rows.append(RankedUnit(standing.scored, position, in_parent))
    for leaf in plan.leaves:
        if leaf.needs_block:
            best.setdefault(leaf.code, (ZERO, ONE))  # nobody answered it
    return BlockResult(criteria_set, tuple(rows), best)
