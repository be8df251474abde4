"""The what-if form: one input per criterion that carries points, the same kinds of
input as the self-assessment form (yes/no, option, two figures of a ratio, a number),
read back into the stored text form (``Entry``) that the criteria's rules read.

Field names carry the criterion code: ``v-<code>`` (value), ``num-<code>`` and
``den-<code>`` (a ratio's figures), ``na-<code>`` (not applicable), and
``fig-<code>`` for each of the set's shared figures (asked once, as on the form). A ratio
whose two parts are both shared figures has no input of its own: the figures drive it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from egovrank.assessments.sheet import Entry, answers_of, dom_id, join_ratio, split_ratio
from egovrank.scoring.answers import Choice, YesNo
from egovrank.scoring.rules import InputKind, Rule
from egovrank.scoring.tree import CriteriaSet, Node, SharedFigure

from .queries import scored_leaves

__all__ = ["Field", "FigureField", "entries_from_post", "fields_of", "figure_fields"]

# Longer than any answer the stored form keeps (``Answer.value``).
_MAX_LENGTH = 500


def _text(data: Mapping[str, str], name: str) -> str:
    return str(data.get(name, "")).strip()[:_MAX_LENGTH]


def _rule(leaf: Node) -> Rule:
    assert leaf.rule is not None  # scored leaves all have one
    return leaf.rule


def entries_from_post(
    criteria_set: CriteriaSet, data: Mapping[str, str], base: Mapping[str, Entry]
) -> dict[str, Entry]:
    """The entries the form posts, over ``base`` (the verified entries: informational
    fields, which the form does not show, keep their answers)."""
    entries = dict(base)
    for leaf in scored_leaves(criteria_set):
        code = leaf.code
        kind = _rule(leaf).input_kind
        if kind == "ratio":
            value = join_ratio(_text(data, f"num-{code}"), _text(data, f"den-{code}"))
        elif kind == "figures":
            value = ""  # both parts are shared figures (``fig-``): no value of its own
        else:
            value = _text(data, f"v-{code}")
        not_applicable = leaf.allow_na and data.get(f"na-{code}") == "on"
        entries[code] = Entry(value=value, not_applicable=not_applicable)
    for figure in criteria_set.figures:
        # A form loaded before the set had figures posts none: keep the verified one.
        if f"fig-{figure.code}" in data:
            entries[figure.code] = Entry(value=_text(data, f"fig-{figure.code}"))
    return entries


@dataclass(frozen=True)
class Field:
    """What the form shows in one criterion's inputs."""

    node: Node
    input: InputKind
    value: str  # yes/no and options normalised to the radio's value
    numerator: str
    denominator: str
    not_applicable: bool

    @property
    def code(self) -> str:
        return self.node.code

    @property
    def slug(self) -> str:
        return dom_id(self.node.code)


def fields_of(criteria_set: CriteriaSet, entries: Mapping[str, Entry]) -> dict[str, Field]:
    """Each scored criterion's inputs filled with ``entries``, by code. A yes/no or an
    option stored in another spelling (``có``, ``b``) checks the right radio button."""
    typed, _errors = answers_of(criteria_set, entries)
    fields = {}
    for leaf in scored_leaves(criteria_set):
        entry = entries.get(leaf.code, Entry())
        rule = _rule(leaf)
        kind = rule.input_kind
        value = entry.value
        answer = typed.get(leaf.code)
        if isinstance(answer, YesNo):
            value = "yes" if answer.value else "no"
        elif isinstance(answer, Choice):
            option = rule.find(answer.code)
            value = option.code if option is not None else value
        numerator, denominator = split_ratio(value) if kind == "ratio" else ("", "")
        fields[leaf.code] = Field(
            leaf, kind, value, numerator, denominator, entry.not_applicable and leaf.allow_na
        )
    return fields


@dataclass(frozen=True)
class FigureField:
    """One shared figure's input: the value tried, the verified one, what uses it."""

    figure: SharedFigure
    value: str
    verified: str
    users: tuple[str, ...]
    error: str = ""

    @property
    def code(self) -> str:
        return self.figure.code

    @property
    def slug(self) -> str:
        return dom_id(self.figure.code)

    @property
    def changed(self) -> bool:
        return self.value.strip() != self.verified.strip()


def figure_fields(
    criteria_set: CriteriaSet,
    entries: Mapping[str, Entry],
    verified: Mapping[str, Entry],
    errors: Mapping[str, str],
) -> list[FigureField]:
    """Each shared figure's input filled with ``entries``, beside the verified value,
    with the core's refusal of it (``errors``, by code)."""
    return [
        FigureField(
            figure,
            entries.get(figure.code, Entry()).value,
            verified.get(figure.code, Entry()).value,
            criteria_set.figure_users(figure.code),
            errors.get(figure.code, ""),
        )
        for figure in criteria_set.figures
    ]
