"""A unit's stored answers, scored by the scoring core and shaped for the form.

The form keeps what people type as text (``Answer.value``: ``yes``, ``45/50``, ``B``,
``7,5``). Here each text is read by its criterion's rule (``Rule.read_entry``; its
refusals are worded by ``entry_problems``), and the unit is scored with
``scoring.engine.score_unit``: the points, explanations, totals, share and level shown
on the form are the core's, never recomputed here. What this module adds is
what a form needs beyond the score: which answers are missing or refused, and which
required evidence is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from egovrank.core.said import said
from egovrank.scoring.answers import NA, Answer, AnswerError, EntryProblem, SharedFigureConflict
from egovrank.scoring.engine import UnitInput, UnitScore, best_figures, score_unit
from egovrank.scoring.explain import describe_rule, render
from egovrank.scoring.levels import Level
from egovrank.scoring.numbers import DEFAULT_PRECISION, ZERO, Precision
from egovrank.scoring.rules.base import read_figure
from egovrank.scoring.tree import CriteriaSet, Node, SharedFigure

from .entry_problems import entry_message

__all__ = [
    "Entry",
    "FigureLine",
    "Line",
    "Scored",
    "Sheet",
    "answers_of",
    "block_best",
    "dom_id",
    "join_ratio",
    "missing_evidence_codes",
    "points_of",
    "progress_of",
    "relative_codes",
    "score_entries",
    "score_sheet",
    "sheet_of",
    "split_ratio",
]


@dataclass(frozen=True)
class Entry:
    """What is stored for one criterion of one unit."""

    value: str = ""
    not_applicable: bool = False
    evidence_explanation: str = ""
    has_evidence: bool = False


def dom_id(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", code)


def join_ratio(numerator: str, denominator: str) -> str:
    """Two typed figures as the stored text; an empty pair is no answer."""
    numerator, denominator = numerator.strip(), denominator.strip()
    if not numerator and not denominator:
        return ""
    return f"{numerator}/{denominator}"


def split_ratio(value: str) -> tuple[str, str]:
    numerator, _, denominator = value.partition("/")
    return numerator, denominator


def _checked(node: Node, entry: Entry) -> tuple[Answer | None, str]:
    """The answer the criterion's rule reads in the entry (None for an empty one), or
    its refusal in words for people."""
    assert node.rule is not None
    try:
        answer = node.rule.read_entry(
            node.code,
            entry.value,
            node.max_points or ZERO,
            not_applicable=entry.not_applicable,
            allow_na=node.allow_na,
        )
    except EntryProblem as problem:
        return None, entry_message(problem)
    except AnswerError as error:  # the core's own words, in the reader's language
        return None, said(error.message)
    return answer, ""


@dataclass(eq=False)
class Line:
    """One node of the tree as the form shows it, with the core's points. The texts
    (explanation, rule in words) are rendered when a page asks for them: a save's
    answer shows one criterion's, not the whole tree's."""

    node: Node
    depth: int
    points: Decimal
    max_points: Decimal
    status: str
    why: tuple[object, ...]
    locale: str
    input: str = ""
    error: str = ""
    answered: bool = False
    missing_answer: bool = False
    missing_evidence: bool = False
    # Required evidence not attached but explained: allowed, flagged for the reviewer.
    evidence_explained: bool = False
    precision: Precision = DEFAULT_PRECISION

    @cached_property
    def explanation(self) -> str:
        return render(self.why, self.locale, self.precision)

    @property
    def shown_points(self) -> Decimal:
        """The points as people read them: a set rounding only the total keeps its
        criteria unrounded (``points``) and shows them with its places."""
        return self.precision.shown_points(self.points)

    @cached_property
    def rule_text(self) -> str:
        rule = self.node.rule
        return describe_rule(rule, self.node.max_points, self.locale) if rule else ""

    @property
    def code(self) -> str:
        return self.node.code

    @property
    def slug(self) -> str:
        """The code made safe for HTML ids and CSS selectors (``HT3.1`` → ``HT3_1``)."""
        return dom_id(self.node.code)

    @property
    def is_leaf(self) -> bool:
        return self.node.is_leaf

    @property
    def carries_points(self) -> bool:
        return self.node.carries_points


@dataclass(frozen=True)
class FigureLine:
    """A shared figure as the form shows it: asked once, used by several criteria."""

    figure: SharedFigure
    value: str
    error: str
    users: tuple[str, ...]

    @property
    def code(self) -> str:
        return self.figure.code

    @property
    def slug(self) -> str:
        return dom_id(self.figure.code)


@dataclass(frozen=True)
class Sheet:
    """A scored form: every node's line, the unit's total, share, level and progress."""

    lines: tuple[Line, ...]
    points: Decimal
    max_points: Decimal
    percent_text: str
    percent: Decimal  # the share in percent, with the set's places
    level: Level | None  # None in an index that only ranks
    provisional: bool  # relative-to-best criteria scored against the block so far
    by_code: dict[str, Line] = field(repr=False, default_factory=dict)
    figures: tuple[FigureLine, ...] = ()

    @property
    def figure_by_code(self) -> dict[str, FigureLine]:
        return {line.code: line for line in self.figures}

    @property
    def leaves(self) -> list[Line]:
        return [line for line in self.lines if line.is_leaf]

    @property
    def answered(self) -> int:
        return sum(1 for line in self.leaves if line.answered)

    @property
    def answerable(self) -> int:
        return len(self.leaves)

    @property
    def missing_answers(self) -> list[Line]:
        return [line for line in self.leaves if line.missing_answer]

    @property
    def missing_evidence(self) -> list[Line]:
        return [line for line in self.leaves if line.missing_evidence]

    @property
    def refused(self) -> list[Line]:
        return [line for line in self.leaves if line.error]

    @property
    def refused_figures(self) -> list[FigureLine]:
        return [line for line in self.figures if line.error]

    @property
    def complete(self) -> bool:
        return not (
            self.missing_answers or self.missing_evidence or self.refused or self.refused_figures
        )


def _figures(
    criteria_set: CriteriaSet, entries: Mapping[str, Entry], errors: dict[str, str]
) -> dict[str, Decimal]:
    """The unit's shared figures (stored like answers, under the figure's code); a
    figure that is not a non-negative number goes to ``errors``."""
    figures: dict[str, Decimal] = {}
    for figure in criteria_set.figures:
        text = entries.get(figure.code, Entry()).value.strip()
        if not text:
            continue
        try:
            figures[figure.code] = read_figure(text, "figure")
        except EntryProblem as problem:
            errors[figure.code] = entry_message(problem)
    return figures


def _sharing(criteria_set: CriteriaSet) -> dict[str, tuple[str, ...]]:
    return {figure.code: criteria_set.figure_users(figure.code) for figure in criteria_set.figures}


def _answers(
    criteria_set: CriteriaSet, entries: Mapping[str, Entry]
) -> tuple[dict[str, Answer], dict[str, str]]:
    answers: dict[str, Answer] = {}
    errors: dict[str, str] = {}
    figures = _figures(criteria_set, entries, errors) if criteria_set.figures else {}
    sharing = _sharing(criteria_set) if criteria_set.figures else {}
    for node in criteria_set.leaves():
        entry = entries.get(node.code)
        if node.rule is None:
            continue
        shared = bool(node.rule.figure_codes)
        if entry is None and not shared:
            continue
        answer, error = _checked(node, entry or Entry())
        if shared and not error:
            # The core reads the shared parts from the unit's figures: the engine then
            # scores the whole ratio, as if typed into the criterion.
            try:
                [answer] = node.rule.with_figures(node.code, [answer], [figures], sharing)
            except SharedFigureConflict as conflict:
                error = entry_message(conflict.problem)
            except AnswerError as refused:
                error = said(refused.message)
        if error:
            errors[node.code] = error
        elif answer is not None:
            answers[node.code] = answer
    return answers, errors


def answers_of(
    criteria_set: CriteriaSet, entries: Mapping[str, Entry]
) -> tuple[dict[str, Answer], dict[str, str]]:
    """The core's answers for these entries, and the refusal (for people) of each entry
    the criterion's rule cannot read; a refused entry is left out of the answers."""
    return _answers(criteria_set, entries)


def relative_codes(criteria_set: CriteriaSet) -> tuple[str, ...]:
    """Codes of the criteria scored relative to the block's best unit (worked out once
    per set: every save asks)."""
    codes = criteria_set.derived.get("relative_codes")
    if codes is None:
        codes = criteria_set.derived["relative_codes"] = tuple(
            leaf.code
            for leaf in criteria_set.leaves()
            if leaf.rule is not None and leaf.rule.needs_block
        )
    return codes  # type: ignore[return-value]


def _evidence_absent(node: Node, answer: Answer | None, entry: Entry) -> bool:
    """Required evidence neither attached nor needed (a criterion marked not applicable
    needs none). An explanation may stand in its place; callers decide."""
    return node.is_leaf and node.evidence.required and answer is not NA and not entry.has_evidence


def _score(
    criteria_set: CriteriaSet,
    answers: dict[str, Answer],
    best: Mapping[str, tuple[Decimal, Decimal]] | None,
) -> UnitScore:
    """The core's score; without the block's best figures, the unit's own count."""
    unit = UnitInput("self", "", answers)
    if best is None and relative_codes(criteria_set):
        best = best_figures(criteria_set, [unit])
    return score_unit(criteria_set, unit, best)


def progress_of(
    criteria_set: CriteriaSet, entries: Mapping[str, Entry]
) -> tuple[int, int, int, int]:
    """(answered, answerable, required answers missing, required evidence missing),
    by the same reading as ``score_sheet`` but without scoring."""
    answers, errors = _answers(criteria_set, entries)
    answered = answerable = missing_answers = missing_evidence = 0
    for node in criteria_set.leaves():
        answerable += 1
        if node.code in answers:
            answered += 1
        elif node.required:
            missing_answers += 1  # a refused entry counts as missing here
        entry = entries.get(node.code, Entry())
        explained = bool(entry.evidence_explanation.strip())
        if _evidence_absent(node, answers.get(node.code), entry) and not explained:
            missing_evidence += 1
    return answered, answerable, missing_answers, missing_evidence


def missing_evidence_codes(criteria_set: CriteriaSet, entries: Mapping[str, Entry]) -> set[str]:
    """The criteria whose required evidence is neither attached nor explained: what
    ``progress_of`` counts, by criterion (the reviewer's grid marks each)."""
    answers, _errors = _answers(criteria_set, entries)
    missing = set()
    for node in criteria_set.leaves():
        entry = entries.get(node.code, Entry())
        explained = bool(entry.evidence_explanation.strip())
        if _evidence_absent(node, answers.get(node.code), entry) and not explained:
            missing.add(node.code)
    return missing


@dataclass(frozen=True)
class Scored:
    """One unit's entries read and scored by the core, once: a save hands it to the
    history (``points_in``) and to the response (``sheet_of``)."""

    entries: Mapping[str, Entry]
    answers: dict[str, Answer]
    errors: dict[str, str]
    score: UnitScore
    provisional: bool

    def points_in(self, criteria_set: CriteriaSet, code: str) -> Decimal:
        """One node's points; for a shared figure's code, the points of the criteria
        that use it."""
        if criteria_set.get(code) is None:  # a shared figure: the points of what uses it
            users = criteria_set.figure_users(code)
            return sum((self.score.points_of(user) for user in users), ZERO)
        return self.score.points_of(code)


def score_entries(
    criteria_set: CriteriaSet,
    entries: Mapping[str, Entry],
    best: Mapping[str, tuple[Decimal, Decimal]] | None = None,
) -> Scored:
    """The core's score of these entries; ``best`` as for ``score_sheet``."""
    answers, errors = _answers(criteria_set, entries)
    return Scored(
        entries,
        answers,
        errors,
        _score(criteria_set, answers, best),
        provisional=bool(relative_codes(criteria_set)),
    )


def points_of(
    criteria_set: CriteriaSet,
    entries: Mapping[str, Entry],
    code: str,
    best: Mapping[str, tuple[Decimal, Decimal]] | None = None,
) -> Decimal:
    """One node's points for these entries, scored like ``score_sheet`` but without
    shaping every line. For a shared figure's code, the points of the criteria that
    use it."""
    return score_entries(criteria_set, entries, best).points_in(criteria_set, code)


def block_best(
    criteria_set: CriteriaSet, units: Iterable[Mapping[str, Entry]]
) -> dict[str, tuple[Decimal, Decimal]]:
    """The best figure of each relative-to-best criterion among the given units' entries
    (entries the rules refuse are left out)."""
    inputs = [
        UnitInput(str(index), "", _answers(criteria_set, entries)[0])
        for index, entries in enumerate(units)
    ]
    return best_figures(criteria_set, inputs)


def score_sheet(
    criteria_set: CriteriaSet,
    entries: Mapping[str, Entry],
    *,
    locale: str = "vi",
    best: Mapping[str, tuple[Decimal, Decimal]] | None = None,
) -> Sheet:
    """Score one unit's entries. ``best`` are the block's best figures so far for
    relative-to-best criteria (``block_best``); without them the unit's own count."""
    return sheet_of(criteria_set, score_entries(criteria_set, entries, best), locale=locale)


def sheet_of(criteria_set: CriteriaSet, done: Scored, *, locale: str = "vi") -> Sheet:
    """The form's lines for a score already made (``score_entries``)."""
    entries, answers, errors, scored = done.entries, done.answers, done.errors, done.score
    results = {result.code: result for result in scored.walk()}
    precision = criteria_set.scoring.precision
    lines: list[Line] = []

    def visit(node: Node, depth: int) -> None:
        result = results[node.code]
        entry = entries.get(node.code, Entry())
        line_error = errors.get(node.code, "")
        answered = node.code in answers
        missing_answer = node.is_leaf and node.required and not answered and not line_error
        evidence_absent = _evidence_absent(node, answers.get(node.code), entry)
        explained = bool(entry.evidence_explanation.strip())
        missing_evidence = evidence_absent and not explained
        lines.append(
            Line(
                node=node,
                depth=depth,
                points=result.points,
                max_points=result.max_points,
                status=result.status,
                why=result.explanation,
                locale=locale,
                input=node.rule.input_kind if node.rule is not None else "",
                error=line_error,
                answered=answered,
                missing_answer=missing_answer,
                missing_evidence=missing_evidence,
                evidence_explained=evidence_absent and explained,
                precision=precision,
            )
        )
        for child in node.children:
            visit(child, depth + 1)

    for node in criteria_set.nodes:
        visit(node, 0)
    figure_lines = tuple(
        FigureLine(
            figure,
            entries.get(figure.code, Entry()).value,
            errors.get(figure.code, ""),
            criteria_set.figure_users(figure.code),
        )
        for figure in criteria_set.figures
    )
    return Sheet(
        figures=figure_lines,
        lines=tuple(lines),
        points=scored.points,
        max_points=scored.max_points,
        percent_text=scored.percent_text(locale),
        percent=scored.percent,
        level=scored.level,
        provisional=done.provisional,
        by_code={line.code: line for line in lines},
    )
