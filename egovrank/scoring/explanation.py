"""What an explanation is: a plain tuple, its kind first, then the figures (Decimals,
strings, booleans). Tuples because one is made for every criterion of every unit, and a
tuple costs a small fraction of an object.

Its own module so that the rules, which make explanations, need not import ``explain``,
which turns them into words.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Explanation"]

Explanation = tuple[Any, ...]
