"""The option rule: one option out of several, each with its points."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ..answers import NA, Answer, AnswerError, Choice, EntryProblem
from ..explanation import Explanation, Renderer, Say, WordTable
from ..numbers import ZERO
from ..text import Text, gettext_noop
from .base import (
    Chance,
    Figure,
    InputKind,
    Option,
    Rule,
    Scored,
    ScoredColumn,
    add_unusual,
    is_na,
    to_decimal,
)

__all__ = ["OptionRule"]


_WORDS: WordTable = {"vi": {"option": "Phương án"}, "en": {"option": "Option"}}


def _render(explanation: Explanation, say: Say) -> str:
    """``option`` (code, label, points, max): ``Phương án B (Một phần) → 5/10``."""
    _, code, label, points, maximum = explanation
    return f"{say.words(_WORDS)['option']} {code} ({label}) → {say.got(points, maximum)}"


@dataclass(frozen=True, slots=True)
class OptionRule(Rule):
    """One option out of several, each with its points. Codes match regardless of case."""

    options: tuple[Option, ...] = ()
    kind: ClassVar[str] = "option"
    title: ClassVar[str] = gettext_noop("one option out of several")
    parameters: ClassVar[tuple[str, ...]] = ("options",)
    renders: ClassVar[Mapping[str, Renderer]] = {"option": _render}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> OptionRule:
        raw = data.get("options") or []
        assert isinstance(raw, list)
        return cls(
            options=tuple(
                Option(str(o["code"]), str(o["label"]), to_decimal(o["points"])) for o in raw
            )
        )

    def in_words(self, max_points: Decimal, say: Say) -> str:
        return "; ".join(f"{o.code}. {o.label}: {say.points(o.points)}" for o in self.options)

    @property
    def input_kind(self) -> InputKind:
        return "option"

    def read_text(self, code: str, text: str, max_points: Decimal) -> Answer:
        if self.find(text) is None:
            raise EntryProblem("unknown_option")
        return self.parse(code, text)

    def plausible_entry(self, chance: Chance, quality: float, max_points: Decimal) -> str:
        options = sorted(self.options, key=lambda option: option.points)
        drawn = chance.triangular(0, len(options), quality * len(options))
        return options[min(len(options) - 1, int(drawn))].code

    def parse(self, code: str, text: str) -> Answer:
        if is_na(text):
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
                add_unusual(points, why, code, self, answer, max_points, allow_na)
                continue
            scored = results.get(answer.code.casefold())
            if scored is None:
                known = ", ".join(o.code for o in self.options)
                message = Text(
                    gettext_noop("unknown option '%(option)s' (expected one of %(known)s)"),
                    option=answer.code,
                    known=known,
                )
                raise AnswerError(code, message)
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
        problems: list[tuple[str, str]] = []
        if len(self.options) < 2:
            problems.append(("options", Text(gettext_noop("at least two options are needed"))))
        seen: set[str] = set()
        for index, option in enumerate(self.options):
            if option.code.casefold() in seen:
                message = Text(gettext_noop("duplicate option '%(option)s'"), option=option.code)
                problems.append((f"options.{index}.code", message))
            seen.add(option.code.casefold())
            if not ZERO <= option.points <= max_points:
                problems.append(
                    (
                        f"options.{index}.points",
                        Text(gettext_noop("must be between 0 and the criterion's maximum")),
                    )
                )
        return problems
