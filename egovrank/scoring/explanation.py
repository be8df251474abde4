"""What an explanation is, and how figures and shared words are written per language.

An explanation is a plain tuple: its kind, then the figures (Decimals, strings,
booleans). Tuples because one is made for every criterion of every unit, and a tuple
costs a small fraction of an object. Each rule kind renders its own kinds of explanation
and describes itself in words (``rules``), with its own words in both languages;
``explain`` turns any explanation into the line people read. This module is what both
need, so that rules never import ``explain``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .numbers import format_number

__all__ = ["Explanation", "Renderer", "Say", "WordTable", "say_in"]

Explanation = tuple[Any, ...]
# Words of one rule kind (or of the engine): by language ("vi", "en"), then by key.
WordTable = Mapping[str, Mapping[str, str]]

# Words more than one rule kind uses.
_SHARED: WordTable = {
    "vi": {
        "points": "điểm",
        "below": "dưới mức thấp nhất",
        "at_least": "từ {t}{unit}",
        "numerator": "tử số",
        "denominator": "mẫu số",
        "item": "mục",
    },
    "en": {
        "points": "points",
        "below": "below the lowest band",
        "at_least": "from {t}{unit}",
        "numerator": "numerator",
        "denominator": "denominator",
        "item": "item",
    },
}


@dataclass(frozen=True, slots=True)
class Say:
    """How figures and words are written in one language (``vi`` or ``en``)."""

    lang: str
    # How computed points are shown (a set rounding only the total keeps them unrounded).
    shown: Callable[[Decimal], Decimal] | None = None

    def number(self, value: object) -> str:
        """A figure as this language writes it (``7,5`` / ``7.5``); text as it is."""
        if isinstance(value, Decimal | int):
            return format_number(value, self.lang)
        return str(value)

    def computed(self, points: object) -> str:
        """Computed points, shown as the set says."""
        if self.shown is not None and isinstance(points, Decimal):
            points = self.shown(points)
        return self.number(points)

    def got(self, points: object, maximum: object) -> str:
        """Points out of the maximum: ``7/10``."""
        return f"{self.computed(points)}/{self.number(maximum)}"

    def points(self, value: Decimal) -> str:
        """``7 điểm`` / ``7 points``."""
        return f"{self.number(value)} {_SHARED[self.lang]['points']}"

    def shared(self, key: str) -> str:
        """A word more than one rule kind uses (``_SHARED``)."""
        return _SHARED[self.lang][key]

    def words(self, table: WordTable) -> Mapping[str, str]:
        """This language's part of a word table."""
        return table[self.lang]


_SAY = {"vi": Say("vi"), "en": Say("en")}


def say_in(locale: str, shown: Callable[[Decimal], Decimal] | None = None) -> Say:
    """Vietnamese for ``vi`` and its variants, English otherwise; ``shown`` rounds
    computed points for people (``Precision.shown_points``)."""
    say = _SAY["vi" if locale.startswith("vi") else "en"]
    return say if shown is None else Say(say.lang, shown)


# Turns one kind of explanation (the whole tuple, kind first) into a line for people.
Renderer = Callable[[Explanation, Say], str]
