"""What a unit's self-assessment form is to one person, read once per request: the
answers and evidence, the sheet scored by the core, the review as the unit may see it,
why it is locked and what the person may do. The form page and its fragments show it
(``views``); the API shapes the same object (``api.shapes``), so both answer alike."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import get_language

from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant

from .access import can_edit, can_submit
from .actions import Saved, edit_lock
from .choices import AssessmentState
from .filetypes import KINDS
from .models import Assessment
from .progress import state_label, state_of
from .queries import FormData, assessment_of, criteria_set_for, form_data, sheet_for
from .sheet import Line, Sheet, sheet_of, split_ratio
from .slots import FormReview, form_review

__all__ = ["FormPage", "saved_context"]

# The file picker offers what the upload accepts.
_ACCEPT = ",".join(ext for kind in KINDS for ext in kind.extensions)


class FormPage:
    """Everything the form page, its fragments and the API show of one form."""

    def __init__(
        self,
        user: AbstractBaseUser | AnonymousUser,
        participant: Participant,
        saved: Saved | None = None,
    ) -> None:
        """``saved``: the save this page answers; its score is shown, not made again."""
        locale = get_language() or "vi"
        self.participant = participant
        self.assessment: Assessment | None = assessment_of(participant)
        self.data: FormData = form_data(self.assessment)
        if saved is not None and saved.scored is not None and saved.criteria_set is not None:
            self.criteria_set = saved.criteria_set
            self.sheet: Sheet = sheet_of(self.criteria_set, saved.scored, locale=locale)
        else:
            self.criteria_set = criteria_set_for(participant)
            self.sheet = sheet_for(participant, self.criteria_set, self.data.entries, locale)
        self.review: FormReview = form_review(
            participant, self.assessment, self.criteria_set, self.data.entries, locale
        )
        self.lock = edit_lock(participant, self.assessment)
        # Whether the person fills in this unit's form at all; ``editable`` adds the lock.
        self.may_edit = can_edit(user, participant)
        self.may_submit = can_submit(user, participant)

    @property
    def state(self) -> str:
        return state_of(self.assessment)

    @property
    def editable(self) -> bool:
        return self.may_edit and self.lock is None

    @property
    def may_withdraw(self) -> bool:
        return (
            self.may_submit
            and self.state == AssessmentState.SUBMITTED
            and self.participant.period.state == PeriodState.SELF_ASSESSMENT
        )

    def figure(self, code: str) -> dict[str, Any]:
        """One shared figure as the page's templates show it."""
        line = self.sheet.figure_by_code[code]
        answer = self.data.answers.get(code)
        return {
            "line": line,
            "figure": line.figure,
            "answer": answer,
            "revision": answer.revision if answer else 0,
            "editable": self.editable and line.figure.entered_by_unit,
            # The reviewer's verified value, once the unit may see its review.
            "adjustment": self.review.adjusted(code),
        }

    def _shared_parts(self, line: Line) -> list[dict[str, Any]]:
        """The parts of a criterion's ratio that come from shared figures, with the
        unit's value of each (read-only beside the criterion's own input)."""
        rule = line.node.rule
        if rule is None or not rule.figure_codes:
            return []
        parts = []
        for part, code in (
            ("numerator", getattr(rule, "numerator_figure", "")),
            ("denominator", getattr(rule, "denominator_figure", "")),
        ):
            figure = self.criteria_set.figure(code) if code else None
            if figure is not None:
                value = self.sheet.figure_by_code[code].value
                parts.append({"part": part, "figure": figure, "value": value})
        return parts

    def criterion(self, code: str) -> dict[str, Any]:
        """One criterion as the page's templates show it."""
        line = self.sheet.by_code[code]
        answer = self.data.answers.get(code)
        value = answer.value if answer else ""
        numerator, denominator = split_ratio(value) if line.input == "ratio" else ("", "")
        return {
            "shared": self._shared_parts(line),
            "entered_here": line.node.entered_by_unit,
            "line": line,
            "node": line.node,
            "answer": answer,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "revision": answer.revision if answer else 0,
            "files": self.data.files.get(code, []),
            "links": self.data.links.get(code, []),
            "comments": self.review.comments_on(code),
            "verified": self.review.verified.by_code[code] if self.review.verified else None,
            "adjustment": self.review.adjusted(code),
        }

    def context(self, **extra: Any) -> dict[str, Any]:
        """The page's template context, with ``extra`` on top."""
        state = self.state
        return {
            "participant": self.participant,
            "period": self.participant.period,
            "assessment": self.assessment,
            "state": state,
            "state_label": state_label(state),
            "cs": self.criteria_set,
            "sheet": self.sheet,
            "lock": self.lock,
            "editable": self.editable,
            "may_edit": self.may_edit,
            "may_submit": self.may_submit,
            "may_withdraw": self.may_withdraw,
            "form": self,
            "review": self.review,
            "accept": _ACCEPT,
            **extra,
        }


def saved_context(participant: Participant, code: str, saved: Saved) -> dict[str, Any] | None:
    """The context of the fragment that answers an HTMX save of criterion ``code``
    (its result and revision, the group totals and the summary), from the score and
    the answer the save made: neither the answers nor the evidence nor the review are
    read again. None when the save scored nothing (it changed nothing) or saved a shared
    figure (which changes every criterion using it: the page is read again)."""
    if saved.scored is None or saved.criteria_set is None:
        return None
    sheet = sheet_of(saved.criteria_set, saved.scored, locale=get_language() or "vi")
    line = sheet.by_code.get(code)
    if line is None or code in sheet.figure_by_code:
        return None
    answer = saved.answer
    return {
        "participant": participant,
        "period": participant.period,
        "cs": saved.criteria_set,
        "sheet": sheet,
        "totals": totals_above(sheet, line),
        "c": {
            "line": line,
            "node": line.node,
            "answer": answer,
            "value": answer.value,
            "revision": answer.revision,
        },
    }


def totals_above(sheet: Sheet, line: Line) -> list[Line]:
    """The groups whose totals a save of ``line``'s criterion can move: those above it.
    The core sums a group from its children only, and a criterion's points follow its
    own answer (a shared figure, which moves several criteria, re-reads the page)."""
    above: list[Line] = []
    depth = line.depth
    for other in reversed(sheet.lines[: sheet.lines.index(line)]):
        if other.depth < depth:
            depth = other.depth
            if other.carries_points:
                above.append(other)
    return above
