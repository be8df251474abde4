"""Self-assessments through the API: the forms a person may open, each form with the
scoring core's points (never scored again here), saving an answer with its revision,
submitting and withdrawing, and the review as the unit may see it."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from egovrank.assessments.models import Submission
from egovrank.assessments.queries import assessment_of, criteria_set_for, entries_of, sheet_for
from egovrank.assessments.tests.helpers import fill_in, save
from egovrank.core.models import AuditEvent
from egovrank.review.actions import do_adjust, do_approve

from .helpers import api, api_as, codes_of, form_kwargs, submit_demo

pytestmark = pytest.mark.django_db


def form(world, key="sotc"):
    return api("assessment", **form_kwargs(world, key))


def answer_url(world, code, key="sotc"):
    return api("answer", **form_kwargs(world, key), code=code)


def line(body, code):
    return next(item for item in body["criteria"] if item["code"] == code)


def test_it_lists_the_forms_a_person_may_open(world):
    submit_demo(world.participants["lacdao"])
    body = api_as(world.district_reviewer).get(api("assessments")).json()
    assert [(f["unit_code"], f["state"], f["own"]) for f in body["results"]] == [
        ("11989", "submitted", False),
        ("11992", "not_started", False),
    ]
    assert body["results"][0]["district"] == "325"
    assert body["results"][0]["progress"]["answered"] > 0


def test_it_filters_the_forms_by_year_block_district_and_state(world):
    submit_demo(world.participants["lacdao"])
    client = api_as(world.administrator)

    def units(**query):
        return [f["unit_code"] for f in client.get(api("assessments"), query).json()["results"]]

    assert units(block="KHOI02") == ["325", "326"]
    assert units(district="326") == ["12022"]
    assert units(state="submitted") == ["11989"]
    assert len(units(state="not_started", year=2019)) == 7
    assert units(year=2018) == []


def test_it_marks_the_persons_own_forms(world):
    body = api_as(world.unit_head).get(api("assessments")).json()
    assert [(f["unit_code"], f["own"]) for f in body["results"]] == [("K01-05", True)]


def test_it_shows_the_form_with_the_cores_points(world):
    participant = world.participants["sotc"]
    fill_in(participant, actor=world.unit_officer, share=0.5)
    body = api_as(world.unit_officer).get(form(world)).json()
    sheet = sheet_for(
        participant, criteria_set_for(participant), entries_of(assessment_of(participant)), "en"
    )
    assert Decimal(body["totals"]["points"]) == sheet.points
    assert Decimal(body["totals"]["max_points"]) == sheet.max_points
    assert Fraction(body["totals"]["share"]) == sheet.points / sheet.max_points
    assert body["totals"]["level"]["code"] == sheet.level.code
    assert [item["code"] for item in body["criteria"]] == [line.code for line in sheet.lines]
    for item in body["criteria"]:
        expected = sheet.by_code[item["code"]]
        assert Decimal(item["points"]) == expected.points
        assert item["explanation"] == expected.explanation
    assert body["may_edit"] is True and body["may_submit"] is False
    assert body["answered"] == sheet.answered


def test_it_saves_an_answer_and_answers_with_the_new_points(world):
    officer = api_as(world.unit_officer)
    response = officer.post(answer_url(world, "HT3.1"), {"value": "yes", "revision": 0})
    assert response.status_code == 200
    body = response.json()
    assert body["criterion"]["answer"]["revision"] == 1
    assert body["criterion"]["points"] == body["criterion"]["max_points"]
    assert body["totals"]["points"] == body["criterion"]["points"]
    event = AuditEvent.objects.get(action="answer.changed")
    assert event.actor == world.unit_officer
    assert event.data["after"]["value"] == "yes"


def test_it_takes_a_ratio_as_two_figures(world):
    officer = api_as(world.unit_officer)
    body = officer.post(
        answer_url(world, "HT1"), {"numerator": "45", "denominator": "50", "revision": 0}
    ).json()
    assert body["criterion"]["answer"]["value"] == "45/50"
    assert body["criterion"]["input"] == "ratio"


def test_it_shows_what_the_rule_refuses_without_refusing_the_draft(world):
    officer = api_as(world.unit_officer)
    body = officer.post(answer_url(world, "HT3.1"), {"value": "maybe", "revision": 0}).json()
    assert body["criterion"]["error"] == "expected yes or no, got 'maybe'"
    assert body["criterion"]["answered"] is False
    # The core's refusal follows the request's language, the shape unchanged.
    officer.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    body = officer.post(answer_url(world, "HT3.1"), {"value": "có lẽ", "revision": 1}).json()
    assert body["criterion"]["error"] == "cần trả lời có hoặc không, nhận được 'có lẽ'"


def test_it_refuses_a_save_on_a_submitted_form(world):
    submit_demo(world.participants["sotc"])
    officer = api_as(world.unit_officer)
    response = officer.post(answer_url(world, "HT3.1"), {"value": "no", "revision": 1})
    assert response.status_code == 409
    assert codes_of(response) == [("", "form_locked")]


def test_it_answers_404_for_a_criterion_that_takes_no_answer(world):
    officer = api_as(world.unit_officer)
    assert officer.post(answer_url(world, "HT"), {"value": "1", "revision": 0}).status_code == 404


def test_the_head_submits_a_complete_form_and_withdraws_it(world):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    head = api_as(world.unit_head)
    submitted = head.post(api("submit", **form_kwargs(world, "sotc")), {"declaration": True})
    assert submitted.status_code == 200
    assert submitted.json()["state"] == "submitted"
    assert submitted.json()["submitted_at"]
    detail = head.get(form(world)).json()
    assert detail["may_withdraw"] is True and detail["lock"]
    withdrawn = head.post(api("withdraw", **form_kwargs(world, "sotc")))
    assert withdrawn.json()["state"] == "draft"


def test_a_submission_without_the_declaration_is_refused_and_names_the_field(world):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    head = api_as(world.unit_head)
    url = api("submit", **form_kwargs(world, "sotc"))
    for body in ({}, {"declaration": False}):
        response = head.post(url, body)
        assert response.status_code == 400
        assert [error["path"] for error in response.json()["errors"]] == ["declaration"]
    assert not Submission.objects.exists()
    head.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    assert head.post(url, {"declaration": True}).status_code == 200
    assert Submission.objects.get().declaration.startswith("Tôi cam kết")


def test_the_unit_sees_its_verified_points_once_the_review_is_approved(world):
    participant = world.participants["sotc"]
    submit_demo(participant)
    do_adjust(
        participant,
        "HT3.1",
        value="no",
        reason="Không có LAN",
        revision=0,
        actor=world.provincial_reviewer,
    )
    officer = api_as(world.unit_officer)
    before = officer.get(form(world)).json()
    assert before["verified_totals"] is None
    assert line(before, "HT3.1")["adjustment"] is None
    do_approve(participant, actor=world.provincial_reviewer)
    after = officer.get(form(world)).json()
    assert after["state"] == "approved"
    assert line(after, "HT3.1")["adjustment"] == {
        "value": "no",
        "not_applicable": False,
        "reason": "Không có LAN",
    }
    assert line(after, "HT3.1")["verified"]["points"] == "0"
    assert after["verified_totals"]["points"] != after["totals"]["points"]


def test_it_refuses_as_stale_a_revision_of_a_criterion_never_answered(world):
    officer = api_as(world.unit_officer)
    response = officer.post(answer_url(world, "HT3.2"), {"value": "yes", "revision": 2})
    assert response.status_code == 409
    assert response.json()["current"]["revision"] == 0


def test_a_saved_answer_keeps_its_note_and_explanation(world):
    save(world.participants["sotc"], "HT3.1", "yes", actor=world.unit_officer)
    officer = api_as(world.unit_officer)
    body = officer.post(
        answer_url(world, "HT3.1"),
        {"value": "yes", "note": " Có sơ đồ ", "evidence_explanation": "Lưu tại VP", "revision": 1},
    ).json()
    assert body["criterion"]["answer"]["note"] == "Có sơ đồ"
    assert body["criterion"]["answer"]["evidence_explanation"] == "Lưu tại VP"
