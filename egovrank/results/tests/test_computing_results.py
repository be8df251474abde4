"""A period's results come from the scoring core: every block scored by ``score_block``
over the reviewed answers, units that did not submit scored as such, communes also
ranked within their district."""

import pytest

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.queries import criteria_set_for, entries_of
from egovrank.assessments.sheet import answers_of
from egovrank.results.compute import compute, period_results
from egovrank.scoring.engine import UnitInput, score_block

from .helpers import adjust, fill, reviewed

pytestmark = pytest.mark.django_db


def core_result(world, keys, *, parents=None, answers=None):
    """What the core makes of these participants' stored answers, straight."""
    participants = [world.participants[key] for key in keys]
    criteria_set = criteria_set_for(participants[0])
    units = []
    for participant in participants:
        assessment = getattr(participant, "assessment", None)
        submitted = assessment is not None and assessment.state == AssessmentState.APPROVED
        given = (answers or {}).get(participant.unit_code)
        if given is None:
            given = answers_of(criteria_set, entries_of(assessment))[0] if submitted else {}
        units.append(
            UnitInput(
                participant.unit_code,
                participant.unit_name,
                given,
                submitted=submitted,
                parent=(parents or {}).get(participant.unit_code),
            )
        )
    return score_block(criteria_set, units)


def summary(result):
    return [
        (
            r.unit.code,
            r.rank,
            r.rank_in_parent,
            r.score.points,
            r.score.max_points,
            r.score.share,
            r.score.level.code,
        )
        for r in result.rows
    ]


def test_every_block_is_scored_and_ranked_by_the_core(world):
    reviewed(world)
    results = period_results(world.period)
    assert list(results) == ["KHOI01", "KHOI02", "KHOI03"]
    assert summary(results["KHOI01"]) == summary(core_result(world, ["sotttt", "sotc", "soxd"]))
    assert summary(results["KHOI02"]) == summary(core_result(world, ["vanlam", "vangiang"]))
    parents = {"11989": "325", "11992": "325", "12022": "326"}
    assert summary(results["KHOI03"]) == summary(
        core_result(world, ["lacdao", "chidao", "xuanquan"], parents=parents)
    )


def test_a_unit_that_did_not_submit_scores_nothing_and_comes_last(world):
    reviewed(world)
    rows = period_results(world.period)["KHOI01"].rows
    last = rows[-1]
    assert last.unit.code == world.units["soxd"].code
    assert not last.unit.submitted
    assert last.score.points == 0
    assert last.score.level.code == "yeu"
    assert last.rank == 3


@pytest.mark.parametrize(
    "state",
    [AssessmentState.DRAFT, AssessmentState.RETURNED, AssessmentState.NOT_SUBMITTED],
)
def test_drafts_returned_and_closed_forms_count_as_not_submitted(world, state):
    reviewed(world)
    fill(world.participants["sotc"], state)
    row = period_results(world.period)["KHOI01"].row(world.units["sotc"].code)
    assert not row.unit.submitted
    assert row.score.points == 0


def test_forms_awaiting_review_count_for_a_preview_flagged_not_reviewed(world):
    reviewed(world)
    fill(world.participants["sotc"], AssessmentState.SUBMITTED)
    fill(world.participants["sotttt"], AssessmentState.IN_REVIEW, seed=3)
    block = compute(world.period)["KHOI01"]
    facts = {code: f for code, f in block.units.items()}
    assert facts["K01-05"].not_reviewed and facts["K01-11"].not_reviewed
    assert block.result.row("K01-05").unit.submitted
    assert block.result.row("K01-05").score.points > 0


def test_the_reviewers_adjusted_answer_replaces_the_units(world):
    reviewed(world)
    participant = world.participants["sotc"]
    criteria_set = criteria_set_for(participant)
    entries = entries_of(participant.assessment)
    own = answers_of(criteria_set, entries)[0]
    changed = "no" if entries["HT3.1"].value == "yes" else "yes"
    adjust(participant.assessment, "HT3.1", changed, by=world.provincial_reviewer)
    verified = dict(own)
    verified["HT3.1"] = criteria_set.node("HT3.1").rule.parse("HT3.1", changed)

    block = compute(world.period)["KHOI01"]
    expected = core_result(world, ["sotttt", "sotc", "soxd"], answers={"K01-05": verified})
    assert summary(block.result) == summary(expected)
    # The unit's own total is kept beside the verified one, by the same core.
    own_result = core_result(world, ["sotttt", "sotc", "soxd"])
    assert block.units["K01-05"].self_points == own_result.row("K01-05").score.points
    assert block.units["K01-05"].self_points != block.result.row("K01-05").score.points


def test_communes_are_also_ranked_within_their_district(world):
    reviewed(world)
    block = compute(world.period)["KHOI03"]
    districts = {code: facts.district.code for code, facts in block.units.items()}
    assert districts == {"11989": "325", "11992": "325", "12022": "326"}
    xuanquan = block.result.row("12022")
    assert xuanquan.rank_in_parent == 1  # alone in Văn Giang
    in_vanlam = sorted(block.result.row(code).rank_in_parent for code in ("11989", "11992"))
    assert in_vanlam == [1, 2]


def test_departments_have_no_district(world):
    reviewed(world)
    block = compute(world.period)["KHOI01"]
    assert not block.has_districts
    assert all(row.unit.parent is None for row in block.result.rows)
