"""What the periods ask of the apps above them (``core/slots.py`` says how).

Closing the self-assessment locks every form still being written. Which units still
have time (their deadline or extension not passed, the form not submitted) is the
self-assessment's to say, and telling them goes through the notifications: both stand
above the periods, so the self-assessment plugs them in from its ``ready``.
"""

from __future__ import annotations

from collections.abc import Sequence

from egovrank.accounts.models import User
from egovrank.core.slots import Slot

from .models import Participant, Period

__all__ = ["still_has_time", "tell_cut_off"]

# period → the units whose self-assessment is still open, in Vietnamese name order.
still_has_time: Slot[[Period], list[Participant]] = Slot(
    "the units whose self-assessment still has time"
)

# (period, the units cut off, the administrator's reason, who) → tell those units.
tell_cut_off: Slot[[Period, Sequence[Participant], str, User | None], None] = Slot(
    "telling units their self-assessment was closed before their deadline"
)
