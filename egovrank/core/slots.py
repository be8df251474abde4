"""A slot: a function a lower app calls and a higher app provides.

Apps import only downwards (docs/architecture.md). When a lower app needs an answer
that only a higher app has (a unit's form shows how its review went; the review asks the
results whether a unit is re-opened for a correction), the lower app declares a slot
with the function's signature in its ``slots.py`` and calls the slot like the function;
the higher app plugs its function in from its ``AppConfig.ready``. Calling a slot that
nothing filled is a configuration error, never a silent default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec, TypeVar

from django.core.exceptions import ImproperlyConfigured

__all__ = ["Slot"]

P = ParamSpec("P")
R = TypeVar("R")


class Slot(Generic[P, R]):
    """``Slot[[arguments], result]("what it answers")``; ``slot.plug(function)`` once."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._function: Callable[P, R] | None = None

    def plug(self, function: Callable[P, R]) -> None:
        if self._function is not None and self._function is not function:
            raise ImproperlyConfigured(f"{self.what}: already provided by {self._function!r}")
        self._function = function

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._function is None:
            raise ImproperlyConfigured(
                f"Nothing provides {self.what}: is the app that does in INSTALLED_APPS?"
            )
        return self._function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Slot: {self.what}>"
