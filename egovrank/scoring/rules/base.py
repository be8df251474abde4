"""What every rule kind shares: the base class, the shapes of scored results, and the
helpers kinds use to read and check answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import ClassVar, Literal, Protocol

from ..answers import NA, Answer, AnswerError, EntryProblem, Number, Ratio
from ..explanation import Explanation, Renderer, Say
from ..numbers import TWO_PLACES, ZERO, NumberFormatError, parse_decimal, truncate_divide
from ..text import Text, gettext_noop

# Which inputs a form shows for a criterion: yes/no buttons, option buttons, the two
# figures of a ratio, one number, or free text.
# "figures": nothing of its own, every figure comes from the set's shared figures.
InputKind = Literal["yes_no", "option", "ratio", "number", "text", "figures"]


class Chance(Protocol):
    """The draws demo answers need (``random.Random`` has them). Always the caller's
    generator: the core draws nothing of its own, so a seed gives the same answers."""

    def random(self) -> float: ...

    def gauss(self, mu: float, sigma: float) -> float: ...

    def triangular(self, low: float, high: float, mode: float) -> float: ...

    def randint(self, a: int, b: int) -> int: ...


# A figure compared across a block: numerator and (positive) denominator, kept exact.
Figure = tuple[Decimal, Decimal]
# Points (None: not applicable) and why, for one answer.
Scored = tuple[Decimal | None, Explanation]
# The same for a column of answers, as two parallel lists.
ScoredColumn = tuple[list[Decimal | None], list[Explanation]]
ONE = Decimal(1)
NO_BEST: Figure = (ZERO, ONE)  # stands in for the block's best when only checking


def best_of(figures: list[Figure]) -> Figure:
    """The highest of exact figures ((0, 1) for none).

    Compared on their quotients truncated to 60 digits: figures entered with at most a
    few decimals and below 10^15 that differ, differ long before the 60th digit, and
    equal figures give equal quotients, so the maximum is the exact one.
    """
    if not figures:
        return (ZERO, ONE)
    return max(figures, key=lambda figure: truncate_divide(figure[0], figure[1]))


_NA = {"na", "n/a", "kad", "không áp dụng"}


def is_na(text: str) -> bool:
    return text.strip().lower() in _NA


# The words ``read_number`` names a figure by, for the app's catalogue.
FIGURE_WORDS = {
    "numerator": Text(gettext_noop("numerator")),
    "denominator": Text(gettext_noop("denominator")),
    "figure": Text(gettext_noop("figure")),
    "count": Text(gettext_noop("the count")),  # "count" alone is the rule kind's name
    "points": Text(gettext_noop("points")),
    "value": Text(gettext_noop("value")),
}


def read_number(code: str, text: str, what: str) -> Decimal:
    try:
        return parse_decimal(text)
    except NumberFormatError as exc:
        problem = exc.args[0]
        message = Text(
            gettext_noop("%(what)s: %(problem)s"),
            what=FIGURE_WORDS.get(what, what),
            problem=problem,
        )
        raise AnswerError(code, message) from None


def parse_ratio(code: str, text: str) -> Answer:
    """``A/B`` as a ratio (or ``na``), for the CLI's text form."""
    if is_na(text):
        return NA
    if "/" not in text:
        raise AnswerError(
            code, Text(gettext_noop("expected two figures as A/B, got '%(text)s'"), text=text)
        )
    left, _, right = text.partition("/")
    return Ratio(read_number(code, left, "numerator"), read_number(code, right, "denominator"))


MAX_FIGURE_DIGITS = 15


def read_figure(text: str, what: str) -> Decimal:
    """A figure typed on a form: a non-negative number. ``what`` names it in problems
    (``first_figure``, ``second_figure`` or ``figure``)."""
    try:
        number = parse_decimal(text)
    except NumberFormatError:
        raise EntryProblem("not_a_number", what=what) from None
    if number < 0:
        raise EntryProblem("negative", what=what)
    # Excel's precision, and far past any count or amount a form asks for; longer
    # figures made the scoring's decimal arithmetic fail (a 500 on the form's save).
    if (
        len(number.as_tuple().digits) > MAX_FIGURE_DIGITS
        or abs(number.adjusted()) >= MAX_FIGURE_DIGITS
    ):
        raise EntryProblem("too_many_digits", what=what, max=MAX_FIGURE_DIGITS)
    return number


def read_figures(text: str) -> tuple[Decimal, Decimal]:
    """The two figures of a ratio as the form stores them, ``A/B``."""
    left, _, right = text.partition("/")
    if not left.strip() or not right.strip():
        raise EntryProblem("both_figures")
    return read_figure(left, "first_figure"), read_figure(right, "second_figure")


def read_whole_number(text: str) -> Decimal:
    """A count typed on a form."""
    number = read_figure(text, "figure")
    if number != number.to_integral_value():
        raise EntryProblem("whole_number")
    return number


def plausible_ratio(chance: Chance, quality: float) -> str:
    """Two figures a unit of ``quality`` might enter, as ``A/B``."""
    total = chance.randint(20, 400)
    share = min(1.0, max(0.0, chance.gauss(0.35 + 0.6 * quality, 0.12)))
    return f"{round(total * share)}/{total}"


def wrong_type(code: str, rule: Rule, answer: Answer) -> AnswerError:
    message = Text(
        gettext_noop("a %(kind)s criterion cannot take the answer %(answer)s"),
        kind=rule.kind,
        answer=type(answer).__name__,
    )
    return AnswerError(code, message)


def unusual(
    code: str, rule: Rule, answer: Answer | None, max_points: Decimal, allow_na: bool
) -> Scored:
    """A missing answer (0 of the maximum) or ``na`` (None points: out of the unit's
    maximum, where allowed); anything else here is an answer the rule cannot take."""
    if answer is None:
        return ZERO, ("unanswered", max_points)
    if answer is NA:
        if not allow_na:
            raise AnswerError(code, Text(gettext_noop("this criterion cannot be not applicable")))
        return None, ("not_applicable", max_points)
    raise wrong_type(code, rule, answer)


def add_unusual(
    points: list[Decimal | None],
    why: list[Explanation],
    code: str,
    rule: Rule,
    answer: Answer | None,
    max_points: Decimal,
    allow_na: bool,
) -> None:
    """Append ``unusual``'s result to a column being scored."""
    scored, explanation = unusual(code, rule, answer, max_points, allow_na)
    points.append(scored)
    why.append(explanation)


def whole_count(code: str, rule: Rule, answer: Answer) -> Decimal:
    if type(answer) is not Number:
        raise wrong_type(code, rule, answer)
    count = answer.value
    if count < 0:
        raise AnswerError(
            code, Text(gettext_noop("the count must not be negative (got %(count)s)"), count=count)
        )
    if count != count.to_integral_value():
        raise AnswerError(code, Text(gettext_noop("a count must be a whole number")))
    return count


def checked_ratio(code: str, rule: Rule, answer: Answer) -> tuple[Decimal, Decimal]:
    if type(answer) is not Ratio:
        raise wrong_type(code, rule, answer)
    num, den = answer.numerator, answer.denominator
    if num < 0:
        raise AnswerError(
            code,
            Text(gettext_noop("the numerator must not be negative (got %(value)s)"), value=num),
        )
    if den < 0:
        raise AnswerError(
            code,
            Text(gettext_noop("the denominator must not be negative (got %(value)s)"), value=den),
        )
    return num, den


@dataclass(frozen=True, slots=True)
class Band:
    """``points`` are given from ``at_least`` upwards (a percentage or a count)."""

    at_least: Decimal
    points: Decimal


class Rule:
    """Base of every rule kind."""

    __slots__ = ()
    kind: ClassVar[str]
    # The kind's name for people (the criteria editor's choice), marked for the catalogue.
    title: ClassVar[str]
    # The file format's parameters of the kind (its clause of the schema), in the order
    # the criteria editor shows their fields.
    parameters: ClassVar[tuple[str, ...]] = ()
    needs_block: ClassVar[bool] = False  # True when points depend on the other units
    carries_points: ClassVar[bool] = True
    # The kinds of explanation the rule makes, each with what words it (``explain``).
    renders: ClassVar[Mapping[str, Renderer]] = {}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Rule:
        """The rule from the file format's mapping (already schema-checked)."""
        raise NotImplementedError

    def in_words(self, max_points: Decimal, say: Say) -> str:
        """How the rule gives points, in one or two sentences (forms, public pages)."""
        raise NotImplementedError

    @property
    def answers_can_mean_not_applicable(self) -> bool:
        """Whether an answer other than ``na`` may give None points."""
        return False

    def parse(self, code: str, text: str) -> Answer:
        """Read the text form of an answer (a CSV cell: ``yes``, ``45/50``, ``na``)."""
        raise NotImplementedError

    @property
    def input_kind(self) -> InputKind:
        """Which inputs a form shows for this rule."""
        raise NotImplementedError

    def read_entry(
        self,
        code: str,
        text: str,
        max_points: Decimal,
        *,
        not_applicable: bool = False,
        allow_na: bool = False,
    ) -> Answer | None:
        """Read what a person entered on a form: ``text`` as the form stores it (the
        ratio's figures as ``A/B``) and whether they marked the criterion not
        applicable. Gives the checked answer, or None when nothing is entered.

        Raises ``EntryProblem`` for what the form words in the person's language, and
        ``AnswerError`` (the core's words, as the CLI shows them) for anything else
        the rule refuses."""
        if not_applicable:
            answer: Answer = NA
        else:
            text = text.strip()
            if not text:
                return None
            answer = self.read_text(code, text, max_points)
        if answer is NA:  # the box, or "na" typed where the kind reads it
            if not allow_na:
                raise EntryProblem("cannot_be_not_applicable")
            return NA
        self.check(code, answer, max_points)
        return answer

    def read_text(self, code: str, text: str, max_points: Decimal) -> Answer:
        """The kind's part of ``read_entry``: a form entry (stripped, not empty) as an
        answer, with the checks a form makes before scoring."""
        raise NotImplementedError

    def plausible_entry(self, chance: Chance, quality: float, max_points: Decimal) -> str:
        """A form entry that a unit of ``quality`` (0 weak to 1 strong) might make, for
        the demo, the tests and the benchmarks."""
        raise NotImplementedError

    def plausible_part(self, chance: Chance, quality: float, figures: Mapping[str, int]) -> str:
        """The entry a unit of ``quality`` might make beside the set's shared ``figures``
        (by code) it reads, agreeing with them; for the demo. Only rules with
        ``figure_codes`` are asked."""
        raise NotImplementedError

    def weaker_entry(self, entry: str) -> str | None:
        """The entry a reviewer who found weaker evidence than ``entry`` claims would set
        instead, for the demo's reviews; None where the kind has no such step."""
        return None

    @property
    def figure_labels(self) -> tuple[str, str]:
        """What the two figures of a ratio input count ("" where the set names none)."""
        return "", ""

    @property
    def figure_codes(self) -> tuple[str, ...]:
        """The shared figures of the set (``figures:``) this rule reads, by code."""
        return ()

    def with_figures(
        self,
        code: str,
        answers: Sequence[Answer | None],
        figures: Sequence[Mapping[str, Decimal]],
        sharing: Mapping[str, tuple[str, ...]],
    ) -> list[Answer | None]:
        """The answers the rule scores, once each unit's shared ``figures`` (by figure
        code) are put in; ``sharing`` names the criteria that use each figure, for
        messages. Only rules with ``figure_codes`` are asked."""
        return list(answers)

    def find(self, choice: str) -> Option | None:
        """The option a code names (rules with options only; codes match regardless
        of case)."""
        return None

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        """Score a column of answers (one per unit) for this criterion: the points
        (None where the answer means "not applicable") and the explanations."""
        raise NotImplementedError

    def score_rounding(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None,
        allow_na: bool,
        quantum: Decimal | None,
        mode: str,
    ) -> ScoredColumn:
        """``score_many`` for a set that rounds otherwise (``scoring:``): a kind that
        divides rounds its quotient to ``quantum`` in ``mode``, or, with ``quantum``
        None, gives it unrounded (truncated at 60 significant digits) for the engine to
        sum. Kinds that do not divide give points with the set's places already."""
        return self.score_many(code, answers, max_points, best, allow_na)

    def exact_points(self, explanation: Explanation) -> Fraction | None:
        """The exact points behind an unrounded explanation, for kinds that divide
        (None: the points in the explanation are exact)."""
        return None

    def score(
        self,
        code: str,
        answer: Answer | None,
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> Scored:
        """Score one answer: the same code as a column of one."""
        points, why = self.score_many(code, (answer,), max_points, best, allow_na)
        return points[0], why[0]

    def check(self, code: str, answer: Answer, max_points: Decimal) -> None:
        """Refuse an answer this rule cannot take (raises ``AnswerError``). Missing
        answers and ``na`` are the engine's business, not the rule's."""
        if answer is NA:
            raise wrong_type(code, self, answer)
        self.score(code, answer, max_points, NO_BEST)

    def figure(self, answer: Answer | None) -> Figure | None:
        """The figure compared across the block, as an exact (numerator, denominator)
        pair, or None for an answer the rule refuses (rules with ``needs_block`` only)."""
        raise NotImplementedError

    def best_figure(self, answers: Sequence[Answer | None]) -> Figure:
        """The highest figure among a block's answers (rules with ``needs_block`` only)."""
        raise NotImplementedError

    def describe(self) -> dict[str, object]:
        """The rule as plain data, in the file format's shape."""
        raise NotImplementedError

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        """Problems with the rule itself, as ``(field, message)`` pairs."""
        return []


def validate_bands(
    bands: tuple[Band, ...], max_points: Decimal, unit: str
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not bands:
        problems.append(("bands", Text(gettext_noop("at least one band is needed"))))
    for index, band in enumerate(bands):
        if band.at_least < 0:
            message = Text(gettext_noop("must not be negative (%(unit)s)"), unit=unit)
            problems.append((f"bands.{index}.at_least", message))
        if not ZERO <= band.points <= max_points:
            problems.append(
                (
                    f"bands.{index}.points",
                    Text(gettext_noop("must be between 0 and the criterion's maximum")),
                )
            )
        if index and band.at_least <= bands[index - 1].at_least:
            problems.append(
                (f"bands.{index}.at_least", Text(gettext_noop("bands must be in ascending order")))
            )
    return problems


class DividingRule(Rule):
    """Base of the kinds whose points are a quotient (ratio, relative to the best): they
    round it themselves, half up to two places by default or as the set's ``scoring:``
    says, in one ``_score``."""

    __slots__ = ()

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        return self._score(code, answers, max_points, best, allow_na, TWO_PLACES, ROUND_HALF_UP)

    def score_rounding(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None,
        allow_na: bool,
        quantum: Decimal | None,
        mode: str,
    ) -> ScoredColumn:
        return self._score(code, answers, max_points, best, allow_na, quantum, mode)

    def _score(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None,
        allow_na: bool,
        places: Decimal | None,
        mode: str,
    ) -> ScoredColumn:
        """The column's points rounded to ``places`` in ``mode`` (``places`` None:
        unrounded, for a set that rounds only its total)."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Option:
    """One of the choices of an option rule."""

    code: str
    label: str
    points: Decimal


def bands_in_words(bands: tuple[Band, ...], say: Say, unit: str) -> str:
    """``từ 50%: 5 điểm; từ 100%: 10 điểm`` (``unit`` after each threshold)."""
    at_least = say.shared("at_least")
    return "; ".join(
        f"{at_least.format(t=say.number(band.at_least), unit=unit)}: {say.points(band.points)}"
        for band in bands
    )


def to_decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def bands_from(data: Mapping[str, object]) -> tuple[Band, ...]:
    raw = data.get("bands") or []
    assert isinstance(raw, list)
    return tuple(Band(to_decimal(b["at_least"]), to_decimal(b["points"])) for b in raw)
