"""What the review page shows of one form, read once per request: the unit's answers,
notes and evidence beside the reviewer's verdicts, both sheets scored by the core
(``queries.compare``), what changed since the last submission, the comments, the
returns, and which controls the person gets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from egovrank.assessments.answer_text import answer_text
from egovrank.assessments.choices import REVIEW_CLOSED, AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.assessments.progress import NOT_STARTED, state_label
from egovrank.assessments.queries import assessment_of, criteria_set_for, form_data
from egovrank.assessments.sheet import split_ratio
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Participant
from egovrank.periods.rules import deadline_passed

from .access import can_review
from .actions import period_lock, review_lock
from .changes import changes_since_previous_submission
from .forms import ReasonForm, ReturnForm, default_revision_deadline
from .models import ReviewComment
from .queries import compare

__all__ = ["ReviewPage", "answer_text"]


class ReviewPage:
    """Everything the review page and its fragments show, read once per request."""

    def __init__(self, request: HttpRequest, participant: Participant) -> None:
        self.request = request
        self.participant = participant
        self.assessment: Assessment | None = assessment_of(participant)
        self.criteria_set = criteria_set_for(participant)
        data = form_data(self.assessment)
        self.answers, self.files, self.links = data.answers, data.files, data.links
        comparison = compare(participant, self.criteria_set, get_language() or "vi")
        self.comparison = comparison
        self.own, self.verified = comparison.own, comparison.verified
        self.verifications = comparison.verifications
        self.changes = changes_since_previous_submission(self.assessment)
        self.drafts: dict[str, ReviewComment] = {}
        self.sent: dict[str, list[ReviewComment]] = {}
        self.requests: list[Any] = []
        if self.assessment is not None:
            comments = self.assessment.comments.select_related("author", "sent_in")
            for item in comments.order_by("code", "pk"):
                if item.sent_in_id is None:
                    self.drafts[item.code] = item
                else:
                    self.sent.setdefault(item.code, []).append(item)
            self.requests = list(
                self.assessment.revision_requests.select_related("returned_by").order_by("number")
            )
        self.lock = review_lock(participant, self.assessment)
        self.may_review = can_review(request.user, participant)

    @property
    def state(self) -> str:
        return self.assessment.state if self.assessment else NOT_STARTED

    @property
    def controls(self) -> bool:
        return self.may_review and self.lock is None

    def criterion(self, code: str, **extra: Any) -> dict[str, Any]:
        line = self.own.by_code[code]
        node = line.node
        answer = self.answers.get(code)
        value = answer.value if answer else ""
        na = answer.not_applicable if answer else False
        verification = self.verifications.get(code)
        change = self.changes.get(code)
        seen_changed = verification is not None and (
            verification.seen_value != value or verification.seen_not_applicable != na
        )
        initial: dict[str, Any]
        if verification is not None and verification.adjusted:
            initial = {"value": verification.value, "not_applicable": verification.not_applicable}
        else:
            initial = {"value": value, "not_applicable": na}
        initial["numerator"], initial["denominator"] = split_ratio(initial["value"])
        initial["reason"] = verification.reason if verification else ""
        return {
            "line": line,
            "vline": self.verified.by_code[code],
            "node": node,
            "code": code,
            "slug": line.slug,
            "answer": answer,
            "answer_text": answer_text(node, value, na),
            "files": self.files.get(code, []),
            "links": self.links.get(code, []),
            "verification": verification,
            "verified_text": (
                answer_text(node, verification.value, verification.not_applicable)
                if verification is not None and verification.adjusted
                else ""
            ),
            # Cleared verdicts count too: a page loaded before a clear is stale.
            "revision": self.comparison.revision_of(code),
            "seen_changed": seen_changed,
            "seen_text": (
                answer_text(node, verification.seen_value, verification.seen_not_applicable)
                if seen_changed and verification is not None
                else ""
            ),
            "change": change,
            "change_before": (
                answer_text(node, change.before["value"], change.before["not_applicable"])
                if change
                else ""
            ),
            "change_after": (
                answer_text(node, change.after["value"], change.after["not_applicable"])
                if change
                else ""
            ),
            "draft": self.drafts.get(code),
            "sent": self.sent.get(code, []),
            "adjust": extra.pop("attempted", None) or initial,
            **extra,
        }

    def adjustments(self) -> list[dict[str, Any]]:
        """The criteria the reviewer adjusted, as the unit will read them once the
        review is approved: its answer, the verified one, both points and the reason."""
        found = []
        for line in self.own.leaves:
            verification = self.verifications.get(line.code)
            if verification is None or not verification.adjusted:
                continue
            answer = self.answers.get(line.code)
            found.append(
                {
                    "code": line.code,
                    "name": line.node.name,
                    "own": answer_text(
                        line.node,
                        answer.value if answer else "",
                        answer.not_applicable if answer else False,
                    ),
                    "verified": answer_text(
                        line.node, verification.value, verification.not_applicable
                    ),
                    "own_points": line.points,
                    "verified_points": self.verified.by_code[line.code].points,
                    "reason": verification.reason,
                }
            )
        for figure in self.own.figures:
            verification = self.verifications.get(figure.code)
            if verification is None or not verification.adjusted:
                continue
            users = figure.users
            found.append(
                {
                    "code": figure.code,
                    "name": figure.figure.name,
                    "own": figure.value or "—",
                    "verified": verification.value,
                    # What the figure is worth: the points of the criteria using it.
                    "own_points": sum((self.own.by_code[u].points for u in users), Decimal(0)),
                    "verified_points": sum(
                        (self.verified.by_code[u].points for u in users), Decimal(0)
                    ),
                    "reason": verification.reason,
                }
            )
        return found

    def figure(self, code: str, **extra: Any) -> dict[str, Any]:
        """A shared figure as the unit gave it, its verified value and its verdict
        (``verification`` when adjusted, ``accepted`` when the unit's value stands)."""
        line = self.own.figure_by_code[code]
        verification = self.verifications.get(code)
        adjusted = verification is not None and verification.adjusted
        decided = verification is not None and bool(verification.decision)
        initial = {
            "value": verification.value if adjusted and verification else line.value,
            "reason": verification.reason if verification else "",
        }
        return {
            "f": line,
            "vf": self.verified.figure_by_code[code],
            "code": code,
            "slug": line.slug,
            "verification": verification if adjusted else None,
            "accepted": verification if decided and not adjusted else None,
            "decided": decided,
            # The unit changed its figure after the verdict (a revision).
            "seen_value": verification.seen_value if verification is not None else "",
            "seen_changed": decided
            and verification is not None
            and verification.seen_value != line.value,
            "revision": self.comparison.revision_of(code),
            "adjust": extra.pop("attempted", None) or initial,
            **extra,
        }

    def figure_rows(self, failed: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        return [failed.get(line.code) or self.figure(line.code) for line in self.own.figures]

    def rows(self, failed: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        """Every node in tree order: the unit's line, the verified one, and for a leaf
        its criterion (the refused one as the refusal left it)."""
        return [
            {
                "line": line,
                "vline": self.verified.by_code[line.code],
                "c": (failed.get(line.code) or self.criterion(line.code)) if line.is_leaf else None,
            }
            for line in self.own.lines
        ]

    def context(self, **extra: Any) -> dict[str, Any]:
        period = self.participant.period
        state = self.state
        leaves = [line.code for line in self.own.leaves]
        judged = [code for code in leaves if code in self.verifications]
        # Shared figures take verdicts too: counted apart, since they are not criteria.
        figures = [line.code for line in self.own.figures]
        figures_judged = [code for code in figures if code in self.verifications]
        closed = state in REVIEW_CLOSED
        locked_period = period_lock(self.participant) if self.may_review else None
        never_submitted = state in (NOT_STARTED, AssessmentState.DRAFT)
        return {
            "participant": self.participant,
            "period": period,
            "assessment": self.assessment,
            "state": state,
            "state_label": state_label(state),
            "cs": self.criteria_set,
            "own": self.own,
            "verified": self.verified,
            "review": self,
            "figure_rows": self.figure_rows(extra.pop("failed_figures", {})),
            "rows": self.rows(extra.pop("failed", {})) if extra.get("c") is None else [],
            "lock": self.lock,
            "may_review": self.may_review,
            "controls": self.controls,
            "judged": len(judged),
            "leaves": len(leaves),
            "adjusted": sum(1 for code in judged if self.verifications[code].adjusted),
            "figures_judged": len(figures_judged),
            "figures_total": len(figures),
            "figures_adjusted": sum(
                1 for code in figures_judged if self.verifications[code].adjusted
            ),
            "drafts": [self.drafts[code] for code in leaves if code in self.drafts],
            "requests": self.requests,
            "may_reopen": self.may_review and closed and locked_period is None,
            "may_close": self.may_review
            and never_submitted
            and locked_period is None
            and (period.state != PeriodState.SELF_ASSESSMENT or deadline_passed(self.participant)),
            "return_form": extra.pop(
                "return_form", ReturnForm(initial={"deadline": default_revision_deadline(period)})
            ),
            "reopen_form": extra.pop("reopen_form", ReasonForm(prefix_id="reopen")),
            "close_form": extra.pop("close_form", ReasonForm(prefix_id="close")),
            **extra,
        }
