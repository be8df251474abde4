"""Verdicts on one criterion: accept, adjust (with its mandatory reason), clear.

The verified points are always the scoring core's for the adjusted answers, the unit's
own points never move, a verdict made on a stale page is refused, and every verdict
leaves its history entry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egovrank.assessments.actions import FormLocked, do_withdraw
from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.assessments.queries import criteria_set_for, entries_of
from egovrank.assessments.sheet import Entry, answers_of, points_of, score_sheet
from egovrank.core.models import AuditEvent
from egovrank.review.actions import (
    ReviewRefused,
    StaleVerification,
    do_accept,
    do_adjust,
    do_clear,
)
from egovrank.review.choices import Decision
from egovrank.review.models import Verification
from egovrank.review.queries import compare, verifications_of, verified_entries
from egovrank.scoring.catalogue import packaged_set
from egovrank.scoring.engine import UnitInput, score_block
from egovrank.scoring.rules import CountRule, OptionRule, RatioRule, YesNoRule

from .review_helpers import accept, adjust, english, revision_of, state_of, submitted

__all__ = ["english"]


@pytest.fixture
def sotc(world):
    """Sở Tài chính's form, submitted by its head; the provincial reviewer reviews it."""
    participant = world.participants["sotc"]
    submitted(participant, world.unit_head)
    return participant


def events(action, participant=None):
    found = AuditEvent.objects.filter(action=action).order_by("pk")
    if participant is not None:
        assessment = Assessment.objects.get(participant=participant)
        found = found.filter(target_type="assessments.assessment", target_id=str(assessment.pk))
    return list(found)


def nothing_saved(participant, events_before):
    assert not Verification.objects.filter(assessment__participant=participant).exists()
    assert AuditEvent.objects.count() == events_before
    assert state_of(participant) == AssessmentState.SUBMITTED


# --- the reason and the answer are required ---------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \n\t "])
def test_an_adjustment_without_a_reason_is_refused_and_saves_nothing(world, sotc, reason):
    before = AuditEvent.objects.count()
    with pytest.raises(ReviewRefused, match="Give the reason for the adjustment"):
        do_adjust(
            sotc, "HT1", value="20/50", reason=reason, revision=0, actor=world.provincial_reviewer
        )
    nothing_saved(sotc, before)


def test_an_adjustment_without_an_answer_is_refused(world, sotc):
    before = AuditEvent.objects.count()
    with pytest.raises(ReviewRefused, match="Enter the verified answer"):
        do_adjust(
            sotc, "HT1", value="  ", reason="thiếu", revision=0, actor=world.provincial_reviewer
        )
    nothing_saved(sotc, before)


@pytest.mark.parametrize(
    ("code", "value", "not_applicable"),
    [
        ("HT1", "abc/50", False),  # ratio: not a number
        ("HT1", "yes", False),  # ratio: one figure
        ("HT1", "10/0", False),  # ratio: zero denominator
        ("HT1", "", True),  # not applicable where the criterion does not allow it
        ("HT3.1", "maybe", False),  # yes/no
        ("CCCS3", "Z", False),  # option that does not exist
        ("UD5", "2,5", False),  # count: not whole
        ("UD5", "-1", False),  # count: negative
    ],
)
def test_a_refused_answer_gives_the_rules_message_and_saves_nothing(
    world, sotc, code, value, not_applicable
):
    criteria_set = criteria_set_for(sotc)
    expected = score_sheet(criteria_set, {code: Entry(value, not_applicable)}).by_code[code].error
    assert expected  # the case is one the rule refuses
    before = AuditEvent.objects.count()
    with pytest.raises(ReviewRefused) as refused:
        do_adjust(
            sotc,
            code,
            value=value,
            not_applicable=not_applicable,
            reason="kiểm tra",
            revision=0,
            actor=world.provincial_reviewer,
        )
    assert str(refused.value) == expected
    nothing_saved(sotc, before)


@pytest.mark.parametrize("code", ["HT", "HT3", "NOPE"])
def test_only_a_leaf_criterion_takes_a_verdict(world, sotc, code):
    with pytest.raises(KeyError):
        do_accept(sotc, code, revision=0, actor=world.provincial_reviewer)
    with pytest.raises(KeyError):
        do_adjust(sotc, code, value="yes", reason="x", revision=0, actor=world.provincial_reviewer)
    assert not Verification.objects.exists()


# --- the verified points are the core's ---------------------------------------------------

ADJUSTMENTS = {
    "HT1": "12/50",
    "HT3.1": "no",
    "UD5": "3",
    "CCCS3": "C",
    "WEB1.5": "no",
    "NL4": "1/3",
}


def test_verified_points_are_the_cores_for_the_adjusted_entries(world, sotc):
    reviewer = world.provincial_reviewer
    criteria_set = criteria_set_for(sotc)
    entries = entries_of(Assessment.objects.get(participant=sotc))
    own_before = score_sheet(criteria_set, entries)

    for code, value in ADJUSTMENTS.items():
        adjust(sotc, code, value, actor=reviewer)
    accept(sotc, "HT2", actor=reviewer)

    expected_entries = dict(entries)
    for code, value in ADJUSTMENTS.items():
        expected_entries[code] = Entry(value, False, entries[code].evidence_explanation)
    expected = score_sheet(criteria_set, expected_entries)
    comparison = compare(sotc, criteria_set, "vi")

    assert comparison.verified.points == expected.points
    assert comparison.verified.max_points == expected.max_points
    assert comparison.verified.level == expected.level
    for line in expected.lines:
        assert comparison.verified.by_code[line.code].points == line.points, line.code
    # The unit's own points do not move.
    assert comparison.own.points == own_before.points
    for line in own_before.lines:
        assert comparison.own.by_code[line.code].points == line.points, line.code
    # Something really changed, so the comparison means something.
    assert comparison.verified.points != comparison.own.points


def test_each_adjustment_records_the_cores_points_before_and_after(world, sotc):
    reviewer = world.provincial_reviewer
    criteria_set = criteria_set_for(sotc)
    entries = entries_of(Assessment.objects.get(participant=sotc))
    current = dict(entries)
    for code, value in ADJUSTMENTS.items():
        before = points_of(criteria_set, current, code)
        adjust(sotc, code, value, actor=reviewer, reason=f"lý do {code}")
        current[code] = Entry(value, False, entries[code].evidence_explanation)
        event = events("review.adjusted")[-1]
        assert event.actor == reviewer
        assert event.data["code"] == code
        assert event.data["unit_answer"] == entries[code].value
        assert event.data["verified_answer"] == value
        assert event.data["reason"] == f"lý do {code}"
        assert Decimal(event.data["points_before"]) == before
        assert Decimal(event.data["points_after"]) == points_of(criteria_set, current, code)
        assert Decimal(event.data["self_points"]) == points_of(criteria_set, entries, code)
        assert f"lý do {code}" in event.summary


def test_not_applicable_takes_the_criterion_out_of_the_verified_maximum(world, sotc):
    criteria_set = criteria_set_for(sotc)
    adjust(sotc, "UD4", "", not_applicable=True, actor=world.provincial_reviewer)
    comparison = compare(sotc, criteria_set, "vi")
    assert comparison.verified.max_points == comparison.own.max_points - 20
    verification = Verification.objects.get(code="UD4")
    assert verification.not_applicable and verification.decision == Decision.ADJUSTED


def test_accepting_undoes_an_adjustment(world, sotc):
    reviewer = world.provincial_reviewer
    criteria_set = criteria_set_for(sotc)
    adjust(sotc, "HT1", "1/50", actor=reviewer)
    accept(sotc, "HT1", actor=reviewer)
    verification = Verification.objects.get(code="HT1")
    assert (verification.decision, verification.value, verification.reason) == ("accepted", "", "")
    assert verification.revision == 2
    comparison = compare(sotc, criteria_set, "vi")
    assert comparison.verified.points == comparison.own.points
    event = events("review.accepted")[-1]
    assert event.data["points_before"] != event.data["points_after"]
    assert Decimal(event.data["points_after"]) == comparison.own.by_code["HT1"].points


def test_clearing_withdraws_the_verdict_and_records_what_it_was(world, sotc):
    reviewer = world.provincial_reviewer
    criteria_set = criteria_set_for(sotc)
    adjust(sotc, "HT1", "1/50", actor=reviewer)
    do_clear(sotc, "HT1", revision=1, actor=reviewer)
    # The row stays, emptied, so its revision keeps counting.
    cleared = Verification.objects.get()
    assert (cleared.decision, cleared.value, cleared.reason, cleared.revision) == ("", "", "", 2)
    assert compare(sotc, criteria_set, "vi").verification("HT1") is None
    event = events("review.cleared")[-1]
    assert event.data == {"code": "HT1", "decision": "adjusted", "value": "1/50"}
    comparison = compare(sotc, criteria_set, "vi")
    assert comparison.verified.points == comparison.own.points
    # Clearing what has no verdict does nothing.
    count = AuditEvent.objects.count()
    do_clear(sotc, "HT1", revision=2, actor=reviewer)
    assert AuditEvent.objects.count() == count


def test_the_verdict_keeps_the_answer_the_reviewer_saw(world, sotc):
    answer = entries_of(Assessment.objects.get(participant=sotc))["HT1"]
    verification = adjust(sotc, "HT1", "  7/50 ", actor=world.provincial_reviewer, reason=" x ")
    assert verification.seen_value == answer.value
    assert verification.seen_not_applicable is False
    assert (verification.value, verification.reason) == ("7/50", "x")
    assert verification.reviewed_by == world.provincial_reviewer


def test_relative_to_best_criteria_use_the_blocks_verified_figures(world):
    """Khối 02 scores DVC3 against the best district: a reviewer's adjustment of one
    district's figure moves the other's verified points, as the core's block scoring
    says."""
    vanlam, vangiang = world.participants["vanlam"], world.participants["vangiang"]
    reviewer = world.provincial_reviewer
    submitted(vanlam, reviewer, seed=3)
    submitted(vangiang, reviewer, seed=4)
    adjust(vanlam, "DVC3", "10/100", actor=reviewer)
    adjust(vangiang, "DVC3", "90/100", actor=reviewer)
    criteria_set = criteria_set_for(vanlam)

    units = []
    for participant in (vanlam, vangiang):
        assessment = Assessment.objects.get(participant=participant)
        verified = verified_entries(entries_of(assessment), verifications_of(assessment))
        units.append(UnitInput(participant.unit_code, "", answers_of(criteria_set, verified)[0]))
    block = score_block(criteria_set, units)

    for participant in (vanlam, vangiang):
        verified = compare(participant, criteria_set, "vi").verified
        row = block.row(participant.unit_code)
        assert verified.points == row.score.points
        assert verified.by_code["DVC3"].points == row.score.points_of("DVC3")
    assert compare(vangiang, criteria_set, "vi").verified.by_code["DVC3"].points == Decimal(30)
    assert compare(vanlam, criteria_set, "vi").verified.by_code["DVC3"].points < Decimal(30)


# --- stale pages ---------------------------------------------------------------------------


def test_a_verdict_on_a_stale_revision_is_refused_and_changes_nothing(world, sotc):
    reviewer, other = world.provincial_reviewer, world.administrator
    accept(sotc, "HT1", actor=other)  # both loaded the page at revision 0
    with pytest.raises(StaleVerification) as stale:
        do_adjust(sotc, "HT1", value="1/50", reason="x", revision=0, actor=reviewer)
    assert stale.value.current.decision == Decision.ACCEPTED
    assert stale.value.current.reviewed_by == other
    with pytest.raises(StaleVerification):
        do_accept(sotc, "HT1", revision=0, actor=reviewer)
    with pytest.raises(StaleVerification):
        do_clear(sotc, "HT1", revision=0, actor=reviewer)
    verification = Verification.objects.get(code="HT1")
    assert (verification.decision, verification.revision) == ("accepted", 1)
    assert len(events("review.accepted")) == 1
    assert not events("review.adjusted")
    # On the current revision it goes through.
    adjust(sotc, "HT1", "1/50", actor=reviewer)
    assert Verification.objects.get(code="HT1").revision == 2


def test_a_verdict_cleared_since_the_page_was_loaded_is_stale_not_a_crash(world, sotc):
    reviewer, other = world.provincial_reviewer, world.administrator
    accept(sotc, "HT1", actor=other)  # the reviewer loads the page: revision 1
    do_clear(sotc, "HT1", revision=1, actor=other)
    with pytest.raises(StaleVerification) as stale:
        do_adjust(sotc, "HT1", value="1/50", reason="x", revision=1, actor=reviewer)
    assert (stale.value.current.revision, stale.value.current.decision) == (2, "")
    assert Verification.objects.get().decision == ""


def test_a_page_loaded_before_a_clear_and_a_new_verdict_is_stale(world, sotc):
    reviewer, other = world.provincial_reviewer, world.administrator
    accept(sotc, "HT1", actor=other)  # the reviewer loads the page: revision 1
    do_clear(sotc, "HT1", revision=1, actor=other)
    adjust(sotc, "HT1", "1/50", actor=other)  # a new verdict: revision 3, not 1 again
    with pytest.raises(StaleVerification):
        do_accept(sotc, "HT1", revision=1, actor=reviewer)


def test_verdicts_on_different_criteria_do_not_conflict(world, sotc):
    accept(sotc, "HT1", actor=world.administrator)
    do_accept(sotc, "HT2", revision=0, actor=world.provincial_reviewer)
    assert Verification.objects.count() == 2


# --- the first verdict starts the review --------------------------------------------------


@pytest.mark.parametrize("first", ["accept", "adjust"])
def test_the_first_verdict_starts_the_review_and_the_unit_can_no_longer_withdraw(
    world, sotc, first
):
    reviewer = world.provincial_reviewer
    if first == "accept":
        accept(sotc, "HT1", actor=reviewer)
    else:
        adjust(sotc, "HT1", "1/50", actor=reviewer)
    assert state_of(sotc) == AssessmentState.IN_REVIEW
    started = events("review.started", sotc)
    assert len(started) == 1
    assert started[0].data == {"before": "submitted", "after": "in_review"}
    assert started[0].actor == reviewer
    with pytest.raises(FormLocked):
        do_withdraw(sotc, actor=world.unit_head)
    assert state_of(sotc) == AssessmentState.IN_REVIEW
    # Later verdicts do not start it again.
    accept(sotc, "HT2", actor=reviewer)
    adjust(sotc, "HT3.1", "no", actor=reviewer)
    assert len(events("review.started", sotc)) == 1


def test_a_refused_verdict_does_not_start_the_review(world, sotc):
    with pytest.raises(ReviewRefused):
        adjust(sotc, "HT1", "abc", actor=world.provincial_reviewer)
    assert state_of(sotc) == AssessmentState.SUBMITTED
    do_withdraw(sotc, actor=world.unit_head)
    assert state_of(sotc) == AssessmentState.DRAFT


def test_every_verdict_is_in_the_history_with_who_and_why(world, sotc):
    reviewer = world.provincial_reviewer
    accept(sotc, "HT2", actor=reviewer)
    adjust(sotc, "HT1", "3/50", actor=reviewer, reason="Danh sách máy tính thiếu")
    do_clear(sotc, "HT2", revision=revision_of(sotc, "HT2"), actor=reviewer)
    actions = [event.action for event in AuditEvent.objects.order_by("pk")][-4:]
    assert actions == ["review.started", "review.accepted", "review.adjusted", "review.cleared"]
    adjusted = events("review.adjusted", sotc)[0]
    assert adjusted.data["reason"] == "Danh sách máy tính thiếu"
    assert adjusted.summary.endswith("(Danh sách máy tính thiếu)")
    assert all(e.actor == reviewer for e in AuditEvent.objects.filter(action__startswith="review."))


# --- any sequence of verdicts ----------------------------------------------------------


def verdicts(criteria_set):
    """A (code, value, not applicable) adjustment, or (code, None, False) to accept."""
    per_code = []
    for leaf in criteria_set.leaves():
        rule = leaf.rule
        if isinstance(rule, YesNoRule):
            values = st.sampled_from(["yes", "no"])
        elif isinstance(rule, OptionRule):
            values = st.sampled_from([option.code for option in rule.options])
        elif isinstance(rule, RatioRule):
            values = st.integers(1, 400).flatmap(
                lambda total: st.integers(0, total).map(lambda part, t=total: f"{part}/{t}")
            )
        elif isinstance(rule, CountRule):
            values = st.integers(0, 40).map(str)
        else:
            continue
        choices = [st.tuples(st.just(leaf.code), values, st.just(False))]
        if leaf.allow_na:
            choices.append(st.just((leaf.code, "", True)))
        choices.append(st.just((leaf.code, None, False)))
        per_code.append(st.one_of(choices))
    return st.lists(st.one_of(per_code), min_size=1, max_size=6)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.deferred(lambda: verdicts(packaged_set("hungyen-2018-khoi01"))))
def test_any_sequence_of_verdicts_scores_as_the_core_says(world, sotc, steps):
    """Verdicts pile up over the examples on the same form: after each sequence the
    verified sheet is the core's score of the unit's entries with every standing
    adjustment in place, and the unit's own sheet has not moved."""
    reviewer = world.provincial_reviewer
    criteria_set = criteria_set_for(sotc)
    entries = entries_of(Assessment.objects.get(participant=sotc))
    own = score_sheet(criteria_set, entries).points
    for code, value, not_applicable in steps:
        if value is None:
            accept(sotc, code, actor=reviewer)
        else:
            adjust(sotc, code, value, not_applicable=not_applicable, actor=reviewer)
    expected = dict(entries)
    for verification in Verification.objects.filter(assessment__participant=sotc):
        if verification.decision == Decision.ADJUSTED:
            kept = entries.get(verification.code, Entry())
            expected[verification.code] = Entry(
                verification.value, verification.not_applicable, kept.evidence_explanation
            )
    comparison = compare(sotc, criteria_set, "vi")
    wanted = score_sheet(criteria_set, expected)
    assert comparison.verified.points == wanted.points
    assert comparison.verified.max_points == wanted.max_points
    assert comparison.own.points == own
