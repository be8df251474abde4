"""Rule kinds: how a leaf criterion turns an answer into points.

Every rule is a frozen dataclass with

- ``parse(code, text)``: read the text form of an answer (CSV cell, form field);
- ``score_many(code, answers, max_points, best)``: check each answer of a column (one
  per unit) and give its points with their explanation, or ``None`` points when the
  answer takes the criterion out of the unit's maximum (a zero denominator that means
  "not applicable"); ``na`` and missing answers are handled by the engine;
- ``score(...)`` and ``check(...)``: one answer, through ``score_many``.

``score_many`` is the one implementation of each rule: the engine, the forms and the
explanations all go through it. A national block means a million answers, so it works
a column at a time, without a Python call per answer, and explanations are tuples.

All arithmetic is Decimal. Where a rule divides, the result is rounded half up to two
places (``numbers.divide_half_up``); comparisons against bands are made on exact values,
so 84.999…% never passes an 85% band.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar

from .answers import NA, Answer, AnswerError, Choice, Number, Points, Ratio, Text, YesNo
from .explain import Explanation
from .numbers import (
    DIVIDE_CONTEXT,
    HUNDRED,
    TWO_PLACES,
    ZERO,
    NumberFormatError,
    exact_mul,
    parse_decimal,
    quantize,
    truncate_divide,
)

__all__ = [
    "RULE_KINDS",
    "best_of",
    "Band",
    "CountRule",
    "DeductionRule",
    "Figure",
    "InfoRule",
    "ManualRule",
    "Option",
    "OptionRule",
    "RatioRule",
    "RelativeRule",
    "Rule",
    "Scored",
    "ScoredColumn",
    "YesNoRule",
    "rule_from_dict",
]

# A figure compared across a block: numerator and (positive) denominator, kept exact.
Figure = tuple[Decimal, Decimal]
# Points (None: not applicable) and why, for one answer.
Scored = tuple[Decimal | None, Explanation]
# The same for a column of answers, as two parallel lists.
ScoredColumn = tuple[list[Decimal | None], list[Explanation]]
ONE = Decimal(1)
_NO_BEST: Figure = (ZERO, ONE)  # stands in for the block's best when only checking


def best_of(figures: list[Figure]) -> Figure:
    """The highest of exact figures ((0, 1) for none).

    Compared on their quotients truncated to 60 digits: figures entered with at most a
    few decimals and below 10^15 that differ, differ long before the 60th digit, and
    equal figures give equal quotients, so the maximum is the exact one.
    """
    if not figures:
        return (ZERO, ONE)
    return max(figures, key=lambda figure: truncate_divide(figure[0], figure[1]))


_YES = {"yes", "y", "có", "co", "true", "1", "x", "đạt", "dat"}
_NO = {"no", "n", "không", "khong", "false", "0", "chưa", "chua", "không đạt"}
_NA = {"na", "n/a", "kad", "không áp dụng"}


def _is_na(text: str) -> bool:
    return text.strip().lower() in _NA


def _number(code: str, text: str, what: str) -> Decimal:
    try:
        return parse_decimal(text)
    except NumberFormatError as exc:
        raise AnswerError(code, f"{what}: {exc}") from None


def _wrong_type(code: str, rule: Rule, answer: Answer) -> AnswerError:
    return AnswerError(
        code, f"a {rule.kind} criterion cannot take the answer {type(answer).__name__}"
    )


def _unusual(
    code: str, rule: Rule, answer: Answer | None, max_points: Decimal, allow_na: bool
) -> Scored:
    """A missing answer (0 of the maximum) or ``na`` (None points: out of the unit's
    maximum, where allowed); anything else here is an answer the rule cannot take."""
    if answer is None:
        return ZERO, ("unanswered", max_points)
    if answer is NA:
        if not allow_na:
            raise AnswerError(code, "this criterion cannot be not applicable")
        return None, ("not_applicable", max_points)
    raise _wrong_type(code, rule, answer)


def _add_unusual(
    points: list[Decimal | None],
    why: list[Explanation],
    code: str,
    rule: Rule,
    answer: Answer | None,
    max_points: Decimal,
    allow_na: bool,
) -> None:
    """Append ``_unusual``'s result to a column being scored."""
    scored, explanation = _unusual(code, rule, answer, max_points, allow_na)
    points.append(scored)
    why.append(explanation)


def _whole_count(code: str, rule: Rule, answer: Answer) -> Decimal:
    if type(answer) is not Number:
        raise _wrong_type(code, rule, answer)
    count = answer.value
    if count < 0:
        raise AnswerError(code, f"the count must not be negative (got {count})")
    if count != count.to_integral_value():
        raise AnswerError(code, "a count must be a whole number")
    return count


def _ratio(code: str, rule: Rule, answer: Answer) -> tuple[Decimal, Decimal]:
    if type(answer) is not Ratio:
        raise _wrong_type(code, rule, answer)
    num, den = answer.numerator, answer.denominator
    if num < 0:
        raise AnswerError(code, f"the numerator must not be negative (got {num})")
    if den < 0:
        raise AnswerError(code, f"the denominator must not be negative (got {den})")
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
    needs_block: ClassVar[bool] = False  # True when points depend on the other units
    carries_points: ClassVar[bool] = True

    @property
    def answers_can_mean_not_applicable(self) -> bool:
        """Whether an answer other than ``na`` may give None points."""
        return False

    def parse(self, code: str, text: str) -> Answer:
        raise NotImplementedError

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
            raise _wrong_type(code, self, answer)
        self.score(code, answer, max_points, _NO_BEST)

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


@dataclass(frozen=True, slots=True)
class YesNoRule(Rule):
    """Yes gives ``yes_points`` (the maximum by default), no gives ``no_points`` (0)."""

    yes_points: Decimal | None = None
    no_points: Decimal = ZERO
    kind: ClassVar[str] = "yes_no"

    def parse(self, code: str, text: str) -> Answer:
        value = text.strip().lower()
        if value in _YES:
            return YesNo(True)
        if value in _NO:
            return YesNo(False)
        if _is_na(value):
            return NA
        raise AnswerError(code, f"expected yes or no, got {text!r}")

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        yes = max_points if self.yes_points is None else self.yes_points
        # Every yes (and every no) scores alike: share one result tuple.
        yes_why: Explanation = ("yes_no", True, yes, max_points)
        no_why: Explanation = ("yes_no", False, self.no_points, max_points)
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        for answer in answers:
            if type(answer) is YesNo:
                if answer.value:
                    add_points(yes)
                    add_why(yes_why)
                else:
                    add_points(self.no_points)
                    add_why(no_why)
            else:
                _add_unusual(points, why, code, self, answer, max_points, allow_na)
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind}
        if self.yes_points is not None:
            data["yes_points"] = self.yes_points
        if self.no_points:
            data["no_points"] = self.no_points
        return data

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        problems = []
        if self.yes_points is not None and not ZERO <= self.yes_points <= max_points:
            problems.append(("yes_points", "must be between 0 and the criterion's maximum"))
        if not ZERO <= self.no_points <= max_points:
            problems.append(("no_points", "must be between 0 and the criterion's maximum"))
        return problems


@dataclass(frozen=True, slots=True)
class ManualRule(Rule):
    """Points entered by hand, from 0 to the maximum, in multiples of ``step``."""

    step: Decimal = Decimal("0.01")
    kind: ClassVar[str] = "manual"

    def parse(self, code: str, text: str) -> Answer:
        if _is_na(text):
            return NA
        return Points(_number(code, text, "points"))

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        step = self.step
        for answer in answers:
            if type(answer) is not Points:
                _add_unusual(points, why, code, self, answer, max_points, allow_na)
                continue
            pts = answer.value
            if not ZERO <= pts <= max_points:
                raise AnswerError(code, f"points must be between 0 and {max_points}")
            if pts % step != 0:
                raise AnswerError(code, f"points must be a multiple of {step}")
            add_points(pts)
            add_why(("manual", pts, max_points))
        return points, why

    def describe(self) -> dict[str, object]:
        return {"kind": self.kind, "step": self.step}

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        if self.step <= 0:
            return [("step", "must be greater than 0")]
        if max_points % self.step != 0:
            return [("step", "the maximum must be a multiple of the step")]
        return []


def _validate_bands(
    bands: tuple[Band, ...], max_points: Decimal, unit: str
) -> list[tuple[str, str]]:
    problems = []
    if not bands:
        problems.append(("bands", "at least one band is needed"))
    for index, band in enumerate(bands):
        if band.at_least < 0:
            problems.append((f"bands.{index}.at_least", f"must not be negative ({unit})"))
        if not ZERO <= band.points <= max_points:
            problems.append(
                (f"bands.{index}.points", "must be between 0 and the criterion's maximum")
            )
        if index and band.at_least <= bands[index - 1].at_least:
            problems.append((f"bands.{index}.at_least", "bands must be in ascending order"))
    return problems


@dataclass(frozen=True, slots=True)
class RatioRule(Rule):
    """A ratio of two entered figures, mapped to points.

    ``mode="proportional"``: points = numerator / denominator × maximum, rounded half up
    to two places; a ratio above 1 counts as 1.
    ``mode="bands"``: the highest band whose percentage the exact ratio reaches gives the
    points (band thresholds are percentages).
    ``zero_denominator`` says what a zero denominator means: ``error`` (refused),
    ``zero`` (0 points), ``full`` (the maximum) or ``not_applicable``.
    """

    numerator_label: str = ""
    denominator_label: str = ""
    mode: str = "proportional"
    bands: tuple[Band, ...] = ()
    zero_denominator: str = "error"
    kind: ClassVar[str] = "ratio"

    def parse(self, code: str, text: str) -> Answer:
        if _is_na(text):
            return NA
        if "/" not in text:
            raise AnswerError(code, f"expected two figures as A/B, got {text!r}")
        left, _, right = text.partition("/")
        return Ratio(_number(code, left, "numerator"), _number(code, right, "denominator"))

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        proportional = self.mode == "proportional"
        bands = self.bands
        for answer in answers:
            if type(answer) is Ratio and answer.numerator >= ZERO and answer.denominator > ZERO:
                num, den = answer.numerator, answer.denominator  # the common, valid case
            elif type(answer) is Ratio:
                num, den = _ratio(code, self, answer)  # raises the right message
            else:
                _add_unusual(points, why, code, self, answer, max_points, allow_na)
                continue
            if not den:
                zero_points, zero_why = self._zero_denominator(code, num, den, max_points)
                add_points(zero_points)
                add_why(zero_why)
            elif proportional:
                if num > den:
                    add_points(max_points)
                    add_why(("ratio_proportional", num, den, True, max_points, max_points))
                else:
                    # divide_half_up, as two C calls (operands checked above)
                    pts = quantize(
                        truncate_divide(exact_mul(num, max_points), den),
                        TWO_PLACES,
                        ROUND_HALF_UP,
                        DIVIDE_CONTEXT,
                    )
                    add_points(pts)
                    add_why(("ratio_proportional", num, den, False, pts, max_points))
            else:
                # ratio >= t% exactly  <=>  100 * num >= t * den; the highest band reached wins.
                scaled = exact_mul(num, HUNDRED)
                chosen = None
                for band in bands:
                    if scaled >= exact_mul(band.at_least, den):
                        chosen = band
                if chosen is None:
                    add_points(ZERO)
                    add_why(("ratio_band", num, den, None, ZERO, max_points))
                else:
                    add_points(chosen.points)
                    add_why(("ratio_band", num, den, chosen.at_least, chosen.points, max_points))
        return points, why

    @property
    def answers_can_mean_not_applicable(self) -> bool:
        return self.zero_denominator == "not_applicable"

    def _zero_denominator(
        self, code: str, num: Decimal, den: Decimal, max_points: Decimal
    ) -> Scored:
        if self.zero_denominator == "error":
            raise AnswerError(code, "the denominator must not be 0")
        if self.zero_denominator == "not_applicable":
            return None, ("not_applicable", max_points)
        pts = max_points if self.zero_denominator == "full" else ZERO
        return pts, ("ratio_zero_denominator", num, den, pts, max_points)

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "mode": self.mode}
        if self.numerator_label:
            data["numerator"] = self.numerator_label
        if self.denominator_label:
            data["denominator"] = self.denominator_label
        if self.mode == "bands":
            data["bands"] = [{"at_least": b.at_least, "points": b.points} for b in self.bands]
        if self.zero_denominator != "error":
            data["zero_denominator"] = self.zero_denominator
        return data

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        if self.mode == "bands":
            return _validate_bands(self.bands, max_points, "a percentage")
        if self.bands:
            return [("bands", "bands are used only with mode: bands")]
        return []


@dataclass(frozen=True, slots=True)
class CountRule(Rule):
    """A count mapped to points: by ``bands`` (highest reached wins) or ``per_item``
    points for each counted item, capped at the maximum."""

    label: str = ""
    mode: str = "bands"
    bands: tuple[Band, ...] = ()
    per_item: Decimal = ZERO
    kind: ClassVar[str] = "count"

    def parse(self, code: str, text: str) -> Answer:
        if _is_na(text):
            return NA
        return Number(_number(code, text, "count"))

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        per_item = self.per_item
        by_item = self.mode == "per_item"
        bands = self.bands
        for answer in answers:
            if (
                type(answer) is Number
                and answer.value >= ZERO
                and answer.value == answer.value.to_integral_value()
            ):
                count = answer.value
            elif type(answer) is Number:
                count = _whole_count(code, self, answer)  # raises the right message
            else:
                _add_unusual(points, why, code, self, answer, max_points, allow_na)
                continue
            if by_item:
                raw = exact_mul(count, per_item)
                pts = raw if raw < max_points else max_points
                add_points(pts)
                add_why(("count_per_item", count, per_item, raw, pts, max_points))
                continue
            chosen = None
            for band in bands:
                if count >= band.at_least:
                    chosen = band
            if chosen is None:
                add_points(ZERO)
                add_why(("count_band", count, None, ZERO, max_points))
            else:
                add_points(chosen.points)
                add_why(("count_band", count, chosen.at_least, chosen.points, max_points))
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "mode": self.mode}
        if self.label:
            data["label"] = self.label
        if self.mode == "bands":
            data["bands"] = [{"at_least": b.at_least, "points": b.points} for b in self.bands]
        else:
            data["per_item"] = self.per_item
        return data

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        if self.mode == "bands":
            return _validate_bands(self.bands, max_points, "a count")
        if self.per_item <= 0:
            return [("per_item", "must be greater than 0")]
        return []


@dataclass(frozen=True, slots=True)
class Option:
    """One of the choices of an option rule."""

    code: str
    label: str
    points: Decimal


@dataclass(frozen=True, slots=True)
class OptionRule(Rule):
    """One option out of several, each with its points. Codes match regardless of case."""

    options: tuple[Option, ...] = ()
    kind: ClassVar[str] = "option"

    def parse(self, code: str, text: str) -> Answer:
        if _is_na(text):
            return NA
        return Choice(text.strip())

    def find(self, choice: str) -> Option | None:
        wanted = choice.casefold()
        for option in self.options:
            if option.code.casefold() == wanted:
                return option
        return None

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        # Every unit that picks an option scores alike: one result tuple per option.
        results: dict[str, Scored] = {
            o.code.casefold(): (o.points, ("option", o.code, o.label, o.points, max_points))
            for o in self.options
        }
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        for answer in answers:
            if type(answer) is not Choice:
                _add_unusual(points, why, code, self, answer, max_points, allow_na)
                continue
            scored = results.get(answer.code.casefold())
            if scored is None:
                known = ", ".join(o.code for o in self.options)
                raise AnswerError(code, f"unknown option {answer.code!r} (expected one of {known})")
            add_points(scored[0])
            add_why(scored[1])
        return points, why

    def describe(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "options": [
                {"code": o.code, "label": o.label, "points": o.points} for o in self.options
            ],
        }

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        problems = []
        if len(self.options) < 2:
            problems.append(("options", "at least two options are needed"))
        seen: set[str] = set()
        for index, option in enumerate(self.options):
            if option.code.casefold() in seen:
                problems.append((f"options.{index}.code", f"duplicate option {option.code!r}"))
            seen.add(option.code.casefold())
            if not ZERO <= option.points <= max_points:
                problems.append(
                    (f"options.{index}.points", "must be between 0 and the criterion's maximum")
                )
        return problems


@dataclass(frozen=True, slots=True)
class DeductionRule(Rule):
    """Start from the maximum and deduct ``per_item`` for each counted item, floored at 0."""

    label: str = ""
    per_item: Decimal = ZERO
    kind: ClassVar[str] = "deduction"

    def parse(self, code: str, text: str) -> Answer:
        if _is_na(text):
            return NA
        return Number(_number(code, text, "count"))

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        per_item = self.per_item
        for answer in answers:
            if (
                type(answer) is Number
                and answer.value >= ZERO
                and answer.value == answer.value.to_integral_value()
            ):
                count = answer.value
            elif type(answer) is Number:
                count = _whole_count(code, self, answer)  # raises the right message
            else:
                _add_unusual(points, why, code, self, answer, max_points, allow_na)
                continue
            left = max_points - exact_mul(count, per_item)
            pts = left if left > ZERO else ZERO
            add_points(pts)
            add_why(("deduction", count, per_item, pts, max_points))
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "per_item": self.per_item}
        if self.label:
            data["label"] = self.label
        return data

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        if self.per_item <= 0:
            return [("per_item", "must be greater than 0")]
        return []


@dataclass(frozen=True, slots=True)
class RelativeRule(Rule):
    """Points relative to the best unit of the block: figure / highest figure × maximum,
    rounded half up, as the ministry's method normalises by the best unit.

    The figure is one entered number (``input="figure"``) or the ratio of two
    (``input="ratio"``, e.g. bandwidth / staff), compared exactly. It needs every unit's
    figure, so a block is scored in two phases. If every figure is 0, all units get 0.
    """

    label: str = ""
    input: str = "figure"
    numerator_label: str = ""
    denominator_label: str = ""
    kind: ClassVar[str] = "relative_to_best"
    needs_block: ClassVar[bool] = True

    def parse(self, code: str, text: str) -> Answer:
        if _is_na(text):
            return NA
        if self.input == "ratio":
            return RatioRule().parse(code, text)
        return Number(_number(code, text, "figure"))

    def figure(self, answer: Answer | None) -> Figure | None:
        if self.input == "ratio":
            if type(answer) is Ratio and answer.numerator >= ZERO and answer.denominator > ZERO:
                return (answer.numerator, answer.denominator)
            return None
        if type(answer) is Number and answer.value >= ZERO:
            return (answer.value, ONE)
        return None

    def best_figure(self, answers: Sequence[Answer | None]) -> Figure:
        """The highest figure among ``answers``, ignoring answers the rule refuses."""
        if self.input == "figure":
            values = [a.value for a in answers if type(a) is Number and a.value >= ZERO]
            return (max(values), ONE) if values else (ZERO, ONE)
        found = [self.figure(answer) for answer in answers]
        return best_of([f for f in found if f is not None])

    def _checked_figure(self, code: str, answer: Answer) -> Figure:
        if self.input == "ratio":
            num, den = _ratio(code, self, answer)
            if den == 0:
                raise AnswerError(code, "the denominator must not be 0")
            return num, den
        if type(answer) is not Number:
            raise _wrong_type(code, self, answer)
        if answer.value < 0:
            raise AnswerError(code, f"the figure must not be negative (got {answer.value})")
        return answer.value, ONE

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        if best is None:
            raise ValueError(f"{code}: relative_to_best needs the best figure of the block")
        best_num, best_den = best
        # (num/den) / (best_num/best_den) × max = num × best_den × max / (den × best_num)
        scale = exact_mul(best_den, max_points)
        as_percent = self.input == "ratio"
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        for answer in answers:
            checked = self.figure(answer)
            if checked is None:
                if answer is None or answer is NA:
                    _add_unusual(points, why, code, self, answer, max_points, allow_na)
                    continue
                checked = self._checked_figure(code, answer)  # raises the right message
            num, den = checked
            if not best_num:
                pts = ZERO
            else:
                # divide_half_up, as two C calls (figures checked above)
                pts = quantize(
                    truncate_divide(exact_mul(num, scale), exact_mul(den, best_num)),
                    TWO_PLACES,
                    ROUND_HALF_UP,
                    DIVIDE_CONTEXT,
                )
                if pts > max_points:  # only with a stale best: the block's own is the highest
                    pts = max_points
            add_points(pts)
            add_why(("relative", num, den, best_num, best_den, as_percent, pts, max_points))
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind}
        if self.label:
            data["label"] = self.label
        if self.input != "figure":
            data["input"] = self.input
        if self.numerator_label:
            data["numerator"] = self.numerator_label
        if self.denominator_label:
            data["denominator"] = self.denominator_label
        return data


@dataclass(frozen=True, slots=True)
class InfoRule(Rule):
    """Information collected with the form that carries no points."""

    label: str = ""
    value_type: str = "text"
    kind: ClassVar[str] = "info"
    carries_points: ClassVar[bool] = False

    def parse(self, code: str, text: str) -> Answer:
        if self.value_type == "number":
            return Number(_number(code, text, "value"))
        return Text(text.strip())

    def score_many(
        self,
        code: str,
        answers: Sequence[Answer | None],
        max_points: Decimal,
        best: Figure | None = None,
        allow_na: bool = False,
    ) -> ScoredColumn:
        expected = Number if self.value_type == "number" else Text
        nothing: Explanation = ("info", "")
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        for answer in answers:
            if answer is None:
                add_points(ZERO)
                add_why(nothing)
                continue
            if type(answer) is not expected:
                raise _wrong_type(code, self, answer)
            value = answer.value if isinstance(answer, Number | Text) else ""
            add_points(ZERO)
            add_why(("info", value))
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "value_type": self.value_type}
        if self.label:
            data["label"] = self.label
        return data


RULE_KINDS: Mapping[str, type[Rule]] = {
    cls.kind: cls
    for cls in (
        YesNoRule,
        ManualRule,
        RatioRule,
        CountRule,
        OptionRule,
        DeductionRule,
        RelativeRule,
        InfoRule,
    )
}


def _dec(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _bands(data: Mapping[str, object]) -> tuple[Band, ...]:
    raw = data.get("bands") or []
    assert isinstance(raw, list)
    return tuple(Band(_dec(b["at_least"]), _dec(b["points"])) for b in raw)


def rule_from_dict(data: Mapping[str, object]) -> Rule:
    """Build a rule from the file format's mapping (already schema-checked)."""
    kind = data["kind"]
    if kind == "yes_no":
        yes = data.get("yes_points")
        return YesNoRule(
            yes_points=None if yes is None else _dec(yes),
            no_points=_dec(data.get("no_points", 0)),
        )
    if kind == "manual":
        return ManualRule(step=_dec(data.get("step", "0.01")))
    if kind == "ratio":
        return RatioRule(
            numerator_label=str(data.get("numerator", "")),
            denominator_label=str(data.get("denominator", "")),
            mode=str(data.get("mode", "proportional")),
            bands=_bands(data),
            zero_denominator=str(data.get("zero_denominator", "error")),
        )
    if kind == "count":
        return CountRule(
            label=str(data.get("label", "")),
            mode=str(data.get("mode", "bands")),
            bands=_bands(data),
            per_item=_dec(data.get("per_item", 0)),
        )
    if kind == "option":
        raw = data.get("options") or []
        assert isinstance(raw, list)
        return OptionRule(
            options=tuple(Option(str(o["code"]), str(o["label"]), _dec(o["points"])) for o in raw)
        )
    if kind == "deduction":
        return DeductionRule(label=str(data.get("label", "")), per_item=_dec(data["per_item"]))
    if kind == "relative_to_best":
        return RelativeRule(
            label=str(data.get("label", "")),
            input=str(data.get("input", "figure")),
            numerator_label=str(data.get("numerator", "")),
            denominator_label=str(data.get("denominator", "")),
        )
    if kind == "info":
        return InfoRule(
            label=str(data.get("label", "")), value_type=str(data.get("value_type", "text"))
        )
    raise ValueError(f"unknown rule kind {kind!r}")
