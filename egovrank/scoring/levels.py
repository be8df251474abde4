"""Levels (Tốt / Khá / Trung bình / Yếu, Mức I-IV, ...) and the exact share that decides
them. A set may name any number of levels, each bound inclusive ("từ 85%") or strict
("trên 75%"), or none at all: an index that only ranks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .numbers import HUNDRED, ZERO, exact_mul
from .text import Text, gettext_noop

__all__ = ["DEFAULT_LEVELS", "Level", "LevelScale", "share_of"]


@dataclass(frozen=True, slots=True)
class Level:
    """A level reached from ``min_percent`` of the maximum total upwards: inclusive, or
    above it only when ``strict`` (exactly 75% is not "trên 75%")."""

    code: str
    name: str
    min_percent: Decimal
    name_en: str = ""
    colour: str = ""
    strict: bool = False

    def name_in(self, locale: str) -> str:
        """The name in ``locale`` (the Vietnamese name when no English one is given)."""
        if self.name_en and not locale.startswith("vi"):
            return self.name_en
        return self.name


@dataclass(frozen=True, slots=True)
class LevelScale:
    """Levels from the highest threshold down; the last one starts at 0%. No levels at
    all: an index that only ranks, where ``classify`` gives None."""

    levels: tuple[Level, ...]

    def classify(self, points: Decimal, max_points: Decimal) -> Level | None:
        """The level for ``points`` out of ``max_points``, decided on the exact share:
        ``points / max >= p%`` is tested as ``points * 100 >= p * max`` (``>`` for a
        strict bound), so 84.999…% is below 85%. A unit whose maximum is 0 (nothing
        applies) gets the lowest level; a scale without levels gives None.
        """
        if not self.levels:
            return None
        if max_points <= 0:
            return self.levels[-1]
        scaled = exact_mul(points, HUNDRED)
        for level in self.levels:
            bound = exact_mul(level.min_percent, max_points)
            if scaled > bound or (scaled == bound and not level.strict):
                return level
        return self.levels[-1]

    def validate(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if not self.levels:
            return []  # an index that only ranks
        codes = [level.code for level in self.levels]
        for index, level in enumerate(self.levels):
            if codes.index(level.code) != index:
                message = Text(gettext_noop("duplicate level '%(level)s'"), level=level.code)
                problems.append((f"levels.{index}.code", message))
            if index and level.min_percent >= self.levels[index - 1].min_percent:
                problems.append(
                    (
                        f"levels.{index}.min_percent",
                        Text(gettext_noop("levels must go from highest to lowest")),
                    )
                )
            if not ZERO <= level.min_percent <= HUNDRED:
                message = Text(gettext_noop("must be between 0 and 100"))
                problems.append((f"levels.{index}.min_percent", message))
        last = len(self.levels) - 1
        if self.levels[-1].min_percent != 0:
            message = Text(gettext_noop("the lowest level must start at 0"))
            problems.append((f"levels.{last}.min_percent", message))
        if self.levels[-1].strict:
            problems.append(
                (
                    f"levels.{last}.strict",
                    Text(gettext_noop("the lowest level takes every share from 0: not strict")),
                )
            )
        return problems


DEFAULT_LEVELS = LevelScale(
    (
        Level("tot", "Tốt", Decimal(85), "Good", "#1b7f3b"),
        Level("kha", "Khá", Decimal(70), "Fair", "#1f5fa8"),
        Level("trung_binh", "Trung bình", Decimal(50), "Average", "#b26b00"),
        Level("yeu", "Yếu", Decimal(0), "Weak", "#b3261e"),
    )
)


def share_of(points: Decimal, max_points: Decimal) -> Fraction:
    """The exact share ``points / max_points`` (0 when nothing applies)."""
    if max_points <= 0:
        return Fraction(0)
    # From integer ratios directly: four times faster than dividing two Fractions.
    num, den = points.as_integer_ratio()
    max_num, max_den = max_points.as_integer_ratio()
    return Fraction(num * max_den, den * max_num)
