"""The info rule: information collected with the form, carrying no points."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ..answers import Answer, Number, Text
from ..explanation import Explanation, Renderer, Say, WordTable
from ..numbers import ZERO
from ..text import gettext_noop
from .base import (
    Chance,
    Figure,
    InputKind,
    Rule,
    ScoredColumn,
    read_figure,
    read_number,
    wrong_type,
)

__all__ = ["InfoRule"]


_WORDS: WordTable = {
    "vi": {"info": "Thông tin", "no_points": "Thông tin, không tính điểm"},
    "en": {"info": "Information", "no_points": "Information, no points"},
}


def _render(explanation: Explanation, say: Say) -> str:
    """``info`` (value, or "" for nothing entered): ``Thông tin: 120``."""
    _, value = explanation
    words = say.words(_WORDS)
    if value == "":
        return words["no_points"]
    return f"{words['info']}: {say.number(value)}"


@dataclass(frozen=True, slots=True)
class InfoRule(Rule):
    """Information collected with the form that carries no points."""

    label: str = ""
    value_type: str = "text"
    kind: ClassVar[str] = "info"
    title: ClassVar[str] = gettext_noop("information, no points")
    parameters: ClassVar[tuple[str, ...]] = ("label", "value_type")
    carries_points: ClassVar[bool] = False
    renders: ClassVar[Mapping[str, Renderer]] = {"info": _render}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> InfoRule:
        return cls(label=str(data.get("label", "")), value_type=str(data.get("value_type", "text")))

    def in_words(self, max_points: Decimal, say: Say) -> str:
        return say.words(_WORDS)["no_points"]

    @property
    def input_kind(self) -> InputKind:
        return "number" if self.value_type == "number" else "text"

    def read_text(self, code: str, text: str, max_points: Decimal) -> Answer:
        if self.value_type == "number":
            return Number(read_figure(text, "figure"))
        return self.parse(code, text)

    def plausible_entry(self, chance: Chance, quality: float, max_points: Decimal) -> str:
        if self.value_type == "number":
            return str(chance.randint(10, 300))
        return "Nguyễn Văn An, chuyên viên CNTT, 0221 3 555 123, an.nv@hungyen.gov.vn"

    def parse(self, code: str, text: str) -> Answer:
        if self.value_type == "number":
            return Number(read_number(code, text, "value"))
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
                raise wrong_type(code, self, answer)
            value = answer.value if isinstance(answer, Number | Text) else ""
            add_points(ZERO)
            add_why(("info", value))
        return points, why

    def describe(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "value_type": self.value_type}
        if self.label:
            data["label"] = self.label
        return data
