"""The ratio rule: two entered figures, their ratio mapped to points proportionally or by bands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

from ..answers import (
    NA,
    Answer,
    AnswerError,
    EntryProblem,
    Number,
    Ratio,
    SharedFigureConflict,
)
from ..explanation import Explanation, Renderer, Say, WordTable
from ..numbers import (
    DIVIDE_CONTEXT,
    HUNDRED,
    ZERO,
    divide_half_up,
    exact_mul,
    quantize,
    truncate_divide,
)
from ..text import Text, gettext_noop
from .base import (
    FIGURE_WORDS,
    Band,
    Chance,
    DividingRule,
    Figure,
    InputKind,
    Rule,
    Scored,
    ScoredColumn,
    add_unusual,
    bands_from,
    bands_in_words,
    checked_ratio,
    is_na,
    parse_ratio,
    plausible_ratio,
    read_figure,
    read_figures,
    read_number,
    validate_bands,
    wrong_type,
)

__all__ = ["RatioRule"]


_WORDS: WordTable = {
    "vi": {
        "capped": "tử số lớn hơn mẫu số, tính 100%",
        "zero_denominator": "mẫu số bằng 0",
        "proportional": "Điểm = {num} / {den} × {max}; tỷ lệ trên 100% tính 100%",
        "bands": "Tỷ lệ {num} / {den}",
        "zero": "mẫu số bằng 0: ",
        "zero_zero": "0 điểm",
        "zero_full": "đủ điểm",
        "zero_not_applicable": "không áp dụng",
    },
    "en": {
        "capped": "numerator above denominator, counted as 100%",
        "zero_denominator": "denominator is 0",
        "proportional": "Points = {num} / {den} × {max}; a ratio above 100% counts as 100%",
        "bands": "Ratio {num} / {den}",
        "zero": "denominator 0: ",
        "zero_zero": "0 points",
        "zero_full": "full points",
        "zero_not_applicable": "not applicable",
    },
}


def _percent(num: Decimal, den: Decimal) -> Decimal:
    return divide_half_up(exact_mul(num, HUNDRED), den)


def _render_proportional(explanation: Explanation, say: Say) -> str:
    """``ratio_proportional`` (numerator, denominator, capped, points, max)."""
    _, num, den, capped, points, maximum = explanation
    n = say.number
    note = f" ({say.words(_WORDS)['capped']})" if capped else ""
    share = f"{n(num)}/{n(den)} = {n(_percent(num, den))}%{note}"
    return f"{share} × {n(maximum)} → {say.got(points, maximum)}"


def _render_band(explanation: Explanation, say: Say) -> str:
    """``ratio_band`` (numerator, denominator, threshold or None, points, max):
    ``65,3/100 = 65,3% ≥ 50% → 7/10``."""
    _, num, den, threshold, points, maximum = explanation
    n = say.number
    share = f"{n(num)}/{n(den)} = {n(_percent(num, den))}%"
    if threshold is None:
        return f"{share} ({say.shared('below')}) → {say.got(points, maximum)}"
    return f"{share} ≥ {n(threshold)}% → {say.got(points, maximum)}"


def _render_zero_denominator(explanation: Explanation, say: Say) -> str:
    """``ratio_zero_denominator`` (numerator, denominator, points, max)."""
    _, num, den, points, maximum = explanation
    zero = say.words(_WORDS)["zero_denominator"]
    return f"{say.number(num)}/{say.number(den)}: {zero} → {say.got(points, maximum)}"


@dataclass(frozen=True, slots=True)
class RatioRule(DividingRule):
    """A ratio of two entered figures, mapped to points.

    ``mode="proportional"``: points = numerator / denominator × maximum, rounded half up
    to two places; a ratio above 1 counts as 1.
    ``mode="bands"``: the highest band whose percentage the exact ratio reaches gives the
    points (band thresholds are percentages).
    ``zero_denominator`` says what a zero denominator means: ``error`` (refused),
    ``zero`` (0 points), ``full`` (the maximum) or ``not_applicable``.

    ``numerator_figure`` / ``denominator_figure`` take that part from one of the set's
    shared figures (by code): the unit then enters only the other part, as one number,
    or nothing when both are shared. A numerator above a shared denominator is refused,
    never capped: the two figures contradict each other.
    """

    numerator_label: str = ""
    denominator_label: str = ""
    mode: str = "proportional"
    bands: tuple[Band, ...] = ()
    zero_denominator: str = "error"
    numerator_figure: str = ""
    denominator_figure: str = ""
    kind: ClassVar[str] = "ratio"
    title: ClassVar[str] = gettext_noop("ratio of two figures")
    parameters: ClassVar[tuple[str, ...]] = (
        "numerator",
        "denominator",
        "numerator_figure",
        "denominator_figure",
        "mode",
        "bands",
        "zero_denominator",
    )
    renders: ClassVar[Mapping[str, Renderer]] = {
        "ratio_proportional": _render_proportional,
        "ratio_band": _render_band,
        "ratio_zero_denominator": _render_zero_denominator,
    }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> RatioRule:
        return cls(
            numerator_label=str(data.get("numerator", "")),
            denominator_label=str(data.get("denominator", "")),
            mode=str(data.get("mode", "proportional")),
            bands=bands_from(data),
            zero_denominator=str(data.get("zero_denominator", "error")),
            numerator_figure=str(data.get("numerator_figure", "")),
            denominator_figure=str(data.get("denominator_figure", "")),
        )

    @property
    def own_part(self) -> str:
        """What the unit enters itself: ``ratio`` (both figures), ``numerator`` or
        ``denominator`` (the other one is shared), or "" (both are shared)."""
        if self.numerator_figure and self.denominator_figure:
            return ""
        if self.denominator_figure:
            return "numerator"
        if self.numerator_figure:
            return "denominator"
        return "ratio"

    @property
    def figure_codes(self) -> tuple[str, ...]:
        return tuple(code for code in (self.numerator_figure, self.denominator_figure) if code)

    def with_figures(
        self,
        code: str,
        answers: Sequence[Answer | None],
        figures: Sequence[Mapping[str, Decimal]],
        sharing: Mapping[str, tuple[str, ...]],
    ) -> list[Answer | None]:
        composed: list[Answer | None] = []
        add = composed.append
        den_code = self.denominator_figure
        if self.own_part == "numerator":
            # The common case (a shared denominator, the numerator entered), kept to a
            # few operations per unit: a national block has a million answers.
            for answer, shared in zip(answers, figures, strict=True):
                if type(answer) is Number:
                    den = shared.get(den_code)
                    num = answer.value
                    if den is not None and (num <= den or den < ZERO):
                        add(Ratio(num, den))
                        continue
                add(self._composed(code, answer, shared, sharing))
            return composed
        for answer, shared in zip(answers, figures, strict=True):
            add(self._composed(code, answer, shared, sharing))
        return composed

    def _composed(
        self,
        code: str,
        answer: Answer | None,
        shared: Mapping[str, Decimal],
        sharing: Mapping[str, tuple[str, ...]],
    ) -> Answer | None:
        """One unit's answer with its shared figures put in (see ``with_figures``)."""
        if answer is NA or type(answer) is Ratio:
            # A whole ratio was composed already (the forms compose it to check it as it
            # is entered): scored as given.
            return answer
        own = self.own_part
        num_code, den_code = self.numerator_figure, self.denominator_figure
        if own:
            if answer is None:
                return None
            if type(answer) is not Number:
                raise wrong_type(code, self, answer)
        elif answer is not None:
            raise AnswerError(code, self._no_own_entry())
        num = shared.get(num_code) if num_code else answer.value  # type: ignore[union-attr]
        den = shared.get(den_code) if den_code else answer.value  # type: ignore[union-attr]
        if num is None or den is None:
            return None  # the shared figure is not given yet: unanswered
        if den_code and num > den >= ZERO:
            others = ", ".join(user for user in sharing.get(den_code, ()) if user != code)
            problem = EntryProblem(
                "above_shared_figure", numerator=num, figure=den_code, shared=den, others=others
            )
            raise SharedFigureConflict(code, self._above_shared(num, den, others), problem)
        return Ratio(num, den)

    def _no_own_entry(self) -> str:
        return Text(
            gettext_noop(
                "takes no value of its own: its figures are %(numerator)s and %(denominator)s"
            ),
            numerator=self.numerator_figure,
            denominator=self.denominator_figure,
        )

    def _above_shared(self, num: Decimal, den: Decimal, others: str) -> str:
        den_code = self.denominator_figure
        whose = "the numerator"
        if self.numerator_figure:
            whose += f" ({self.numerator_figure})"
        also = f"; {den_code} is also used by {others}" if others else ""
        return f"{whose} {num} is above the shared figure {den_code} = {den}{also}"

    def in_words(self, max_points: Decimal, say: Say) -> str:
        words = say.words(_WORDS)
        num = self.numerator_label or self.numerator_figure or say.shared("numerator")
        den = self.denominator_label or self.denominator_figure or say.shared("denominator")
        if self.mode == "bands":
            bands = bands_in_words(self.bands, say, "%")
            text = f"{words['bands'].format(num=num, den=den)}: {bands}"
        else:
            text = words["proportional"].format(num=num, den=den, max=say.number(max_points))
        if self.zero_denominator != "error":
            text += f"; {words['zero']}{words['zero_' + self.zero_denominator]}"
        return text

    @property
    def input_kind(self) -> InputKind:
        own = self.own_part
        return "ratio" if own == "ratio" else "number" if own else "figures"

    def read_text(self, code: str, text: str, max_points: Decimal) -> Answer:
        own = self.own_part
        if not own:
            raise AnswerError(code, self._no_own_entry())
        if own != "ratio":
            return Number(read_figure(text, "figure"))
        numerator, denominator = read_figures(text)
        if self.zero_denominator == "error" and not denominator:
            raise EntryProblem("zero_denominator")
        return Ratio(numerator, denominator)

    @property
    def figure_labels(self) -> tuple[str, str]:
        return self.numerator_label, self.denominator_label

    def plausible_entry(self, chance: Chance, quality: float, max_points: Decimal) -> str:
        own = self.own_part
        if own == "ratio":
            return plausible_ratio(chance, quality)
        # One part only: the other is shared, and the demo does not know it.
        return str(chance.randint(0, 20)) if own else ""

    def plausible_part(self, chance: Chance, quality: float, figures: Mapping[str, int]) -> str:
        """A numerator within the shared denominator, or a denominator at least the
        shared numerator ("" when both parts are shared)."""
        own = self.own_part
        share = min(1.0, max(0.0, chance.gauss(0.35 + 0.6 * quality, 0.12)))
        if own == "numerator":
            return str(round(figures[self.denominator_figure] * share))
        if own == "denominator":
            numerator = figures[self.numerator_figure]
            return str(max(numerator, round(numerator / max(share, 0.05))))
        return ""

    def weaker_entry(self, entry: str) -> str | None:
        # A quarter fewer of the counted items, as whole items.
        part, slash, whole = entry.partition("/")
        if self.own_part == "numerator" and not slash and part.strip().isdigit():
            lowered = int(part) * 3 // 4
            return str(lowered) if lowered < int(part) else None
        if not slash or not part.strip().isdigit():
            return None
        lowered = int(part) * 3 // 4
        return f"{lowered}/{whole}" if lowered < int(part) else None

    def parse(self, code: str, text: str) -> Answer:
        own = self.own_part
        if own == "ratio":
            return parse_ratio(code, text)
        if is_na(text):
            return NA
        if not own:
            raise AnswerError(code, self._no_own_entry())
        return Number(read_number(code, text, own))

    def check(self, code: str, answer: Answer, max_points: Decimal) -> None:
        own = self.own_part
        if own == "ratio":
            Rule.check(self, code, answer, max_points)  # slots: no zero-argument super()
        elif not own:
            raise AnswerError(code, self._no_own_entry())
        elif type(answer) is not Number:
            raise wrong_type(code, self, answer)
        elif answer.value < ZERO:
            message = Text(
                gettext_noop("the %(own)s must not be negative (got %(value)s)"),
                own=FIGURE_WORDS.get(own, own),
                value=answer.value,
            )
            raise AnswerError(code, message)

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
        points: list[Decimal | None] = []
        why: list[Explanation] = []
        add_points, add_why = points.append, why.append
        proportional = self.mode == "proportional"
        bands = self.bands
        for answer in answers:
            if type(answer) is Ratio and answer.numerator >= ZERO and answer.denominator > ZERO:
                num, den = answer.numerator, answer.denominator  # the common, valid case
            elif type(answer) is Ratio:
                num, den = checked_ratio(code, self, answer)  # raises the right message
            else:
                add_unusual(points, why, code, self, answer, max_points, allow_na)
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
                    pts = truncate_divide(exact_mul(num, max_points), den)
                    if places is not None:
                        pts = quantize(pts, places, mode, DIVIDE_CONTEXT)
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

    def exact_points(self, explanation: Explanation) -> Fraction | None:
        if explanation[0] != "ratio_proportional" or explanation[3]:  # capped: the maximum
            return None
        _, num, den, _, _, maximum = explanation
        return Fraction(num) * Fraction(maximum) / Fraction(den)

    @property
    def answers_can_mean_not_applicable(self) -> bool:
        return self.zero_denominator == "not_applicable"

    def _zero_denominator(
        self, code: str, num: Decimal, den: Decimal, max_points: Decimal
    ) -> Scored:
        if self.zero_denominator == "error":
            raise AnswerError(code, Text(gettext_noop("the denominator must not be 0")))
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
        if self.numerator_figure:
            data["numerator_figure"] = self.numerator_figure
        if self.denominator_figure:
            data["denominator_figure"] = self.denominator_figure
        return data

    def validate(self, max_points: Decimal) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if self.numerator_figure and self.numerator_figure == self.denominator_figure:
            message = Text(
                gettext_noop("the numerator and the denominator are the same shared figure")
            )
            problems.append(("denominator_figure", message))
        if self.mode == "bands":
            problems += validate_bands(self.bands, max_points, Text(gettext_noop("a percentage")))
        elif self.bands:
            problems.append(("bands", Text(gettext_noop("bands are used only with mode: bands"))))
        return problems
