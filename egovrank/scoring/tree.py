"""The criteria tree: a criteria set of groups, criteria and sub-criteria (any depth).

A leaf has a maximum and a rule. An inner node's points are the sum of its children's,
capped at its own maximum when it declares one. These dataclasses are frozen: a set,
once built and validated, is never changed, so a ranking computed from it can be
replayed years later.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from .levels import LevelScale
from .numbers import DEFAULT_PRECISION, ZERO, Precision
from .rules import Rule

__all__ = ["ORIGINS", "CriteriaSet", "Evidence", "Node", "Scoring", "SetMeta", "SharedFigure"]

# Where a figure or a criterion's own answer comes from: entered by the unit, imported
# from a named system (the figures import), or measured automatically (imported too).
ORIGINS = ("unit", "system", "automatic")


@dataclass(frozen=True, slots=True)
class Scoring:
    """The set's ``scoring:`` block: how it rounds, the scale of the converted score
    (None: no converted score) and the order of tied units. The default is today's."""

    precision: Precision = DEFAULT_PRECISION
    converted_scale: Decimal | None = None
    tie_order: str = "alphabetical"  # or "unit_list"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a unit must attach to support its answer (DTI sets name all three)."""

    required: bool = False
    documents: str = ""  # tài liệu kiểm chứng
    data_source: str = ""  # nguồn thu thập dữ liệu
    verifier: str = ""  # đơn vị phối hợp xác minh số liệu


@dataclass(frozen=True, slots=True)
class Node:
    """A group, criterion or sub-criterion.

    ``max_points`` is required on a leaf (0 for informational fields) and optional on an
    inner node, where it is a cap. ``status`` records provenance (read, derived,
    inferred) so a reconstructed set says which parts are not from the official text.
    """

    code: str
    name: str
    max_points: Decimal | None = None
    rule: Rule | None = None
    children: tuple[Node, ...] = ()
    allow_na: bool = False
    required: bool = True
    evidence: Evidence = field(default_factory=Evidence)
    guidance: str = ""
    name_en: str = ""
    status: str = ""
    source: str = ""
    note: str = ""
    origin: str = "unit"  # where the criterion's own answer comes from (ORIGINS)
    origin_system: str = ""  # the system, for origin "system"

    @property
    def entered_by_unit(self) -> bool:
        return self.origin == "unit"

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def carries_points(self) -> bool:
        if self.rule is not None:
            return self.rule.carries_points
        return any(child.carries_points for child in self.children)

    @property
    def full_max(self) -> Decimal:
        """The node's maximum when everything under it applies."""
        if self.is_leaf:
            return self.max_points if self.max_points is not None else ZERO
        total = sum((child.full_max for child in self.children), ZERO)
        if self.max_points is not None:
            return min(self.max_points, total)
        return total

    def walk(self) -> Iterator[Node]:
        """This node and every node under it, parents before children."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class SharedFigure:
    """A figure declared once in a set (e.g. the unit's total staff) and used by several
    criteria as a ratio's numerator or denominator, so a unit gives it once."""

    code: str
    name: str
    name_en: str = ""
    origin: str = "unit"
    origin_system: str = ""

    @property
    def entered_by_unit(self) -> bool:
        return self.origin == "unit"


@dataclass(frozen=True, slots=True)
class SetMeta:
    """What a criteria set is and where it comes from."""

    id: str
    title: str
    province: str = ""
    block_code: str = ""
    block_name: str = ""
    version: str = ""
    valid_from: int | None = None
    legal_basis: tuple[tuple[str, str], ...] = ()
    reconstructed: bool = False
    provenance: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CriteriaSet:
    """A validated criteria set for one block and version. Build it with
    ``fileformat.load_criteria_set`` or ``build_criteria_set``, which check it."""

    meta: SetMeta
    levels: LevelScale
    nodes: tuple[Node, ...]
    scoring: Scoring = field(default_factory=Scoring)
    figures: tuple[SharedFigure, ...] = ()
    _index: dict[str, Node] = field(init=False, repr=False, compare=False)
    # Data derived once from the frozen set by other modules (the engine's plan).
    derived: dict[str, object] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Node] = {}
        for node in self.walk():
            index.setdefault(node.code, node)  # codes are unique once validated
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "derived", {})

    @property
    def max_total(self) -> Decimal:
        """The maximum total when every criterion applies."""
        return sum((node.full_max for node in self.nodes if node.carries_points), ZERO)

    def node(self, code: str) -> Node:
        return self._index[code]

    def get(self, code: str) -> Node | None:
        return self._index.get(code)

    def walk(self) -> Iterator[Node]:
        for node in self.nodes:
            yield from node.walk()

    def leaves(self) -> Iterator[Node]:
        return (node for node in self.walk() if node.is_leaf)

    def figure(self, code: str) -> SharedFigure | None:
        """The shared figure with this code, if the set declares one."""
        return next((figure for figure in self.figures if figure.code == code), None)

    def figure_users(self, code: str) -> tuple[str, ...]:
        """The codes of the criteria whose ratio uses the shared figure ``code``."""
        users = self.derived.get("figure_users")
        if not isinstance(users, dict):
            found: dict[str, list[str]] = {}
            for leaf in self.leaves():
                for used in leaf.rule.figure_codes if leaf.rule is not None else ():
                    found.setdefault(used, []).append(leaf.code)
            users = {key: tuple(dict.fromkeys(value)) for key, value in found.items()}
            self.derived["figure_users"] = users
        result: tuple[str, ...] = users.get(code, ())
        return result

    @property
    def groups(self) -> tuple[Node, ...]:
        """Top-level nodes that carry points (informational sections left out)."""
        return tuple(node for node in self.nodes if node.carries_points)
