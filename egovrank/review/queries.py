"""Reading a review: the reviewer's verdicts over the unit's entries, and the verified
sheet scored by the same core as the unit's own."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from egovrank.assessments.choices import COUNTED_STATES, AssessmentState
from egovrank.assessments.models import Answer, Assessment
from egovrank.assessments.queries import assessment_of, best_for, entries_of, sheet_for
from egovrank.assessments.sheet import Entry, Sheet, relative_codes, score_sheet
from egovrank.periods.models import Participant
from egovrank.scoring.tree import CriteriaSet

from .access import unit_sees_review
from .models import ReviewComment, RevisionRequest, Verification

__all__ = [
    "Comparison",
    "UnitReview",
    "block_verified_figures",
    "compare",
    "unit_review",
    "verifications_of",
    "verified_entries",
    "verdict_revisions",
    "verified_sheet_for",
]


def verifications_of(assessment: Assessment | None) -> dict[str, Verification]:
    """The standing verdicts (cleared ones left out)."""
    if assessment is None:
        return {}
    standing = assessment.verifications.exclude(decision="").select_related("reviewed_by")
    return {v.code: v for v in standing}


def verdict_revisions(assessment: Assessment | None) -> dict[str, int]:
    """Each criterion's verdict revision, cleared ones included: what a review page
    posts back so a stale verdict is detected."""
    if assessment is None:
        return {}
    return dict(assessment.verifications.values_list("code", "revision"))


def verified_entries(
    entries: dict[str, Entry], verifications: dict[str, Verification]
) -> dict[str, Entry]:
    """The unit's entries with the reviewer's adjusted answers in their place (evidence
    stays the unit's: the reviewer judges it, it does not attach any)."""
    verified = dict(entries)
    for code, verification in verifications.items():
        if verification.adjusted:
            kept = verified.get(code, Entry())
            verified[code] = replace(
                kept, value=verification.value, not_applicable=verification.not_applicable
            )
    return verified


def block_verified_figures(
    participant: Participant, criteria_set: CriteriaSet
) -> list[dict[str, Entry]]:
    """The other submitted units' verified entries for relative-to-best criteria."""
    codes = relative_codes(criteria_set)
    if not codes:
        return []
    scope = {
        "assessment__participant__period_id": participant.period_id,
        "assessment__participant__block_id": participant.block_id,
        "assessment__state__in": COUNTED_STATES,
        "code__in": codes,
    }
    units: dict[int, dict[str, Entry]] = defaultdict(dict)
    answers = Answer.objects.filter(**scope).exclude(assessment__participant=participant)
    for assessment_id, code, value, na in answers.values_list(
        "assessment_id", "code", "value", "not_applicable"
    ):
        units[assessment_id][code] = Entry(value=value, not_applicable=na)
    adjusted = (
        Verification.objects.filter(**scope, decision="adjusted")
        .exclude(assessment__participant=participant)
        .values_list("assessment_id", "code", "value", "not_applicable")
    )
    for assessment_id, code, value, na in adjusted:
        units[assessment_id][code] = Entry(value=value, not_applicable=na)
    return list(units.values())


def verified_sheet_for(
    participant: Participant,
    criteria_set: CriteriaSet,
    entries: dict[str, Entry],
    verifications: dict[str, Verification],
    locale: str,
) -> Sheet:
    """The sheet as verified: adjusted answers in place, relative-to-best criteria
    against the block's verified figures."""
    verified = verified_entries(entries, verifications)
    others = block_verified_figures(participant, criteria_set)
    return score_sheet(
        criteria_set, verified, locale=locale, best=best_for(criteria_set, others, verified)
    )


@dataclass(frozen=True)
class Comparison:
    """Self and verified sheets of one form, side by side."""

    own: Sheet
    verified: Sheet
    verifications: dict[str, Verification]
    revisions: dict[str, int]

    def verification(self, code: str) -> Verification | None:
        return self.verifications.get(code)

    def revision_of(self, code: str) -> int:
        return self.revisions.get(code, 0)


def compare(participant: Participant, criteria_set: CriteriaSet, locale: str) -> Comparison:
    """Both sheets of a participant's form (the unit's own is scored as its form
    shows it)."""
    assessment = assessment_of(participant)
    entries = entries_of(assessment)
    verifications = verifications_of(assessment)
    return Comparison(
        own=sheet_for(participant, criteria_set, entries, locale),
        verified=verified_sheet_for(participant, criteria_set, entries, verifications, locale),
        verifications=verifications,
        revisions=verdict_revisions(assessment),
    )


@dataclass(frozen=True)
class UnitReview:
    """What a unit's own form shows of its review: the latest return with its comments
    while the form is returned, and, once the review is approved, the verified sheet
    with the reviewer's reasons."""

    request: RevisionRequest | None
    comments: dict[str, list[ReviewComment]]
    verified: Sheet | None
    verifications: dict[str, Verification]

    def comments_on(self, code: str) -> list[ReviewComment]:
        return self.comments.get(code, [])

    def adjusted(self, code: str) -> Verification | None:
        verification = self.verifications.get(code)
        return verification if verification is not None and verification.adjusted else None


def unit_review(
    participant: Participant,
    assessment: Assessment | None,
    criteria_set: CriteriaSet,
    entries: dict[str, Entry],
    locale: str,
) -> UnitReview:
    """The review as the unit may see it (``access.unit_sees_review`` decides when the
    verified points and reasons show)."""
    if assessment is None:
        return UnitReview(None, {}, None, {})
    request = None
    comments: dict[str, list[ReviewComment]] = defaultdict(list)
    if assessment.state == AssessmentState.RETURNED:
        request = (
            assessment.revision_requests.select_related("returned_by").order_by("-number").first()
        )
        if request is not None:
            for comment in request.comments.select_related("author").order_by("code", "pk"):
                comments[comment.code].append(comment)
    verified = None
    verifications: dict[str, Verification] = {}
    if unit_sees_review(assessment):
        verifications = verifications_of(assessment)
        verified = verified_sheet_for(participant, criteria_set, entries, verifications, locale)
    return UnitReview(request, dict(comments), verified, verifications)
