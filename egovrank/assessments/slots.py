"""What the self-assessment asks of the apps above it (``core/slots.py`` says how).

A unit's own form shows how its review went, and the form's history hides the
reviewer's verdicts until the review is approved. Both are the review's to say, and the
review stands above the self-assessment (its verdicts point at the form), so it plugs
its answers in here from ``ReviewConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from egovrank.core.roles import Person
from egovrank.core.slots import Slot
from egovrank.periods.models import Participant
from egovrank.scoring.tree import CriteriaSet

from .models import Assessment
from .sheet import Entry, Sheet

__all__ = ["FormReview", "form_review", "hidden_history"]


class FormReview(Protocol):
    """What the form's code reads of its review. The template reads more of it, as the
    review shapes it: the latest return (``request``) and the comments by criterion."""

    @property
    def verified(self) -> Sheet | None:
        """The verified sheet, once the unit may see it."""

    def comments_on(self, code: str) -> Sequence[object]: ...

    def adjusted(self, code: str) -> object | None:
        """The reviewer's adjusted answer to criterion ``code``, once the unit may see it."""


# (participant, its form, the criteria set, the form's entries, locale) → the review.
form_review: Slot[
    [Participant, Assessment | None, CriteriaSet, dict[str, Entry], str], FormReview
] = Slot("the review a unit's own form shows")

# (person, participant, its form) → the actions of the form's history they may not read yet.
hidden_history: Slot[[Person, Participant, Assessment | None], tuple[str, ...]] = Slot(
    "the history a person may not read yet"
)
