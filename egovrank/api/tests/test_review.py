"""The review through the API: the verdicts on each criterion with their revisions, the
comments and the return, approval, re-opening, closing as not submitted, and a
district's forwarding and Sở TT&TT's sending back, all through the review's actions."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from egovrank.assessments.models import Assessment
from egovrank.periods.models import Period
from egovrank.review.models import Forwarding, ReviewComment

from .helpers import api, api_as, codes_of, form_kwargs, submit_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def sotc(world):
    submit_demo(world.participants["sotc"])
    return form_kwargs(world, "sotc")


@pytest.fixture
def reviewer(world):
    return api_as(world.provincial_reviewer)


def line(body, code):
    return next(item for item in body["criteria"] if item["code"] == code)


def test_it_shows_the_review_with_both_sheets(world, sotc, reviewer):
    body = reviewer.get(api("review", **sotc)).json()
    assert body["state"] == "submitted"
    assert body["may_review"] is True and body["lock"] is None
    assert body["own_totals"] == body["verified_totals"]
    ht1 = line(body, "HT1")
    assert ht1["verdict"] is None and ht1["verdict_revision"] == 0
    assert ht1["answer"]["value"]


def test_it_accepts_and_refuses_a_stale_verdict_with_the_current_one(world, sotc, reviewer):
    url = api("accept", **sotc, code="HT1")
    first = reviewer.post(url, {"revision": 0})
    assert first.status_code == 200
    assert first.json()["verdict"]["decision"] == "accepted"
    assert first.json()["verdict_revision"] == 1
    stale = reviewer.post(url, {"revision": 0})
    assert stale.status_code == 409
    assert codes_of(stale) == [("revision", "stale")]
    assert stale.json()["verdict_revision"] == 1
    assert stale.json()["current"]["decision"] == "accepted"
    assert Assessment.objects.get(participant=world.participants["sotc"]).state == "in_review"


def test_it_adjusts_with_a_reason_and_the_cores_points(world, sotc, reviewer):
    url = api("adjust", **sotc, code="HT3.1")
    without_reason = reviewer.post(url, {"revision": 0, "value": "no"})
    assert without_reason.status_code == 400
    assert codes_of(without_reason) == [("reason", "required")]
    without_value = reviewer.post(url, {"revision": 0, "reason": "Sai"})
    assert codes_of(without_value) == [("value", "required")]
    refused = reviewer.post(url, {"revision": 0, "value": "maybe", "reason": "Sai"})
    assert refused.status_code == 400
    assert codes_of(refused) == [("value", "invalid")]
    done = reviewer.post(url, {"revision": 0, "value": "no", "reason": "Không có LAN"})
    assert done.status_code == 200
    body = done.json()
    assert body["verdict"]["decision"] == "adjusted"
    assert body["verdict"]["reason"] == "Không có LAN"
    assert body["verified"]["points"] == "0"
    review = reviewer.get(api("review", **sotc)).json()
    assert Decimal(review["verified_totals"]["points"]) < Decimal(
        review["own_totals"]["points"]
    ) or (line(review, "HT3.1")["own"]["points"] == "0")


def test_it_clears_a_verdict(world, sotc, reviewer):
    reviewer.post(api("accept", **sotc, code="HT1"), {"revision": 0})
    cleared = reviewer.post(api("clear", **sotc, code="HT1"), {"revision": 1})
    assert cleared.status_code == 200
    assert cleared.json()["verdict"] is None
    assert cleared.json()["verdict_revision"] == 2


def test_it_returns_the_form_with_the_comments_which_the_unit_then_reads(world, sotc, reviewer):
    comment = reviewer.post(api("comment", **sotc, code="HT1"), {"text": "Bổ sung danh sách"})
    assert comment.json() == {"code": "HT1", "text": "Bổ sung danh sách"}
    approve = reviewer.post(api("approve", **sotc))
    assert approve.status_code == 409
    assert [code for _path, code in codes_of(approve)] == ["review_refused", "problem"]
    deadline = (timezone.now() + timedelta(days=7)).isoformat()
    returned = reviewer.post(api("return", **sotc), {"message": "Bổ sung.", "deadline": deadline})
    assert returned.status_code == 200
    assert returned.json()["number"] == 1
    unit = api_as(world.unit_officer).get(api("assessment", **sotc)).json()
    assert unit["state"] == "returned"
    assert unit["returned"]["message"] == "Bổ sung."
    assert [c["text"] for c in line(unit, "HT1")["comments"]] == ["Bổ sung danh sách"]
    assert unit["may_edit"] is True


def test_it_refuses_a_return_with_a_deadline_past(world, sotc, reviewer):
    past = (timezone.now() - timedelta(days=1)).isoformat()
    response = reviewer.post(api("return", **sotc), {"message": "Bổ sung.", "deadline": past})
    assert response.status_code == 400
    assert codes_of(response) == [("", "invalid")]


def test_it_deletes_a_draft_comment_with_an_empty_text(world, sotc, reviewer):
    reviewer.post(api("comment", **sotc, code="HT1"), {"text": "Bổ sung"})
    deleted = reviewer.post(api("comment", **sotc, code="HT1"), {"text": ""})
    assert deleted.json() == {"code": "HT1", "text": None}
    assert not ReviewComment.objects.exists()


def test_it_approves_and_reopens_with_a_reason(world, sotc, reviewer):
    approved = reviewer.post(api("approve", **sotc))
    assert approved.json()["state"] == "approved"
    assert approved.json()["approved_at"]
    assert codes_of(reviewer.post(api("reopen", **sotc), {})) == [("reason", "required")]
    reopened = reviewer.post(api("reopen", **sotc), {"reason": "Phúc tra"})
    assert reopened.json()["state"] == "in_review"


def test_the_district_reviewer_closes_a_commune_as_not_submitted_after_its_deadline(world):
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(days=1)
    )
    district = api_as(world.district_reviewer)
    response = district.post(
        api("not_submitted", **form_kwargs(world, "lacdao")), {"reason": "Quá hạn"}
    )
    assert response.status_code == 200
    assert response.json()["state"] == "not_submitted"


def test_the_district_forwards_its_communes_and_sotttt_sends_them_back(world):
    for key in ("lacdao", "chidao"):
        Assessment.objects.create(participant=world.participants[key], state="not_submitted")
    district = api_as(world.district_reviewer)
    page = district.get(api("district", year=2019, district="325")).json()
    assert page["problems"] == [] and page["may_forward"] is True
    forwarded = district.post(api("forward", year=2019, district="325"), {"note": "Kính gửi"})
    assert forwarded.status_code == 200
    # Neither submitted: equal ranks, in Vietnamese alphabetical order (Chỉ Đạo, Lạc Đạo).
    assert [entry["code"] for entry in forwarded.json()["ranking"]] == ["11992", "11989"]
    again = district.post(api("forward", year=2019, district="325"), {})
    assert again.status_code == 409
    province = api_as(world.provincial_reviewer)
    sent_back = province.post(api("send_back", year=2019, district="325"), {"reason": "Sai điểm"})
    assert sent_back.status_code == 200
    assert sent_back.json()["sent_back_reason"] == "Sai điểm"
    assert Forwarding.objects.get().sent_back_at is not None
    listed = province.get(api("district", year=2019, district="325")).json()
    assert listed["standing"] is None
    assert len(listed["forwardings"]) == 1


def test_a_reader_of_the_review_may_not_act_on_it(world, sotc):
    response = api_as(world.administrator).post(api("accept", **sotc, code="HT1"), {"revision": 0})
    assert response.status_code == 403
