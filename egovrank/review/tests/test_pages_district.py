"""A district's page: its communes, their ranking within the district once every
review is closed, the forwarding to Sở TT&TT and the sending back; and what a district
reviewer may not do (another district's communes, anything after forwarding)."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.models import Assessment
from egovrank.assessments.queries import criteria_set_for
from egovrank.assessments.tests.conftest import client_of
from egovrank.periods.models import Period
from egovrank.review.actions import do_approve, do_mark_not_submitted
from egovrank.review.models import Forwarding, Verification


def submit(participant, seed=1):
    answers = plausible_answers(criteria_set_for(participant), seed=seed)
    fill_demo_form(participant, answers, submit=True)


def form_url(world, name, key, **extra):
    unit = world.participants[key].unit_code
    return reverse(f"review:{name}", kwargs={"year": world.period.year, "unit": unit, **extra})


def district_url(world, name="district", key="vanlam"):
    code = world.units[key].code
    return reverse(f"review:{name}", kwargs={"year": world.period.year, "district": code})


def close_van_lam(world):
    """Lạc Đạo submitted and approved; Chỉ Đạo never submitted, closed after the
    deadline."""
    submit(world.participants["lacdao"])
    do_approve(world.participants["lacdao"], actor=world.district_reviewer)
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(days=1)
    )
    chidao = world.participants["chidao"]
    chidao.period.refresh_from_db()
    do_mark_not_submitted(chidao, reason="Quá hạn", actor=world.district_reviewer)


def test_it_lists_the_communes_and_what_stops_forwarding(world):
    submit(world.participants["lacdao"])
    html = client_of(world.district_reviewer).get(district_url(world)).content.decode()
    assert "Communes reviewed by UBND huyện Văn Lâm" in html
    assert "Xã Lạc Đạo" in html and "Xã Chỉ Đạo" in html and "Xã Xuân Quan" not in html
    problems = html[html.index('id="forwarding-problems"') :]
    assert "Xã Lạc Đạo: Submitted" in problems and "Xã Chỉ Đạo: Not started" in problems
    assert "Forward the results to" not in html
    assert "Ranking within the district" not in html


def test_once_every_review_is_closed_it_ranks_the_communes(world):
    close_van_lam(world)
    html = client_of(world.district_reviewer).get(district_url(world)).content.decode()
    assert "Ranking within the district (preview)" in html
    assert "Forward the results to" in html
    ranking = html[html.index('class="data district-ranking"') :]
    ranking = ranking[: ranking.index("</table>")]
    assert ranking.index("Xã Lạc Đạo") < ranking.index("Xã Chỉ Đạo")
    assert "not submitted" in ranking
    assert 'id="forwarding-problems"' not in html


def test_forwarding_records_the_ranking_and_locks_the_reviews(world):
    close_van_lam(world)
    reviewer = client_of(world.district_reviewer)
    response = reviewer.post(district_url(world, "forward"), {"note": "Kính gửi Sở"})
    assert response.status_code == 302
    forwarding = Forwarding.objects.get()
    assert [row["code"] for row in forwarding.ranking] == ["11989", "11992"]
    assert forwarding.ranking[0]["rank"] == 1
    html = reviewer.get(district_url(world)).content.decode()
    assert "Ranking within the district, as forwarded" in html
    assert "Kính gửi Sở" in html
    # After forwarding the district cannot change its communes' reviews.
    response = reviewer.post(form_url(world, "reopen", "lacdao"), {"reason": "Sửa"})
    assert response.status_code == 409
    assert "forwarded its results to Sở TT&amp;TT" in response.content.decode()
    assert Assessment.objects.get(participant=world.participants["lacdao"]).state == "approved"
    page = reviewer.get(form_url(world, "detail", "lacdao")).content.decode()
    assert "forwarded its results to Sở TT&amp;TT" in page
    assert "Re-open the review" not in page


def test_a_verdict_after_forwarding_is_refused_with_the_reason(world):
    close_van_lam(world)
    submit(world.participants["xuanquan"])  # unrelated: Văn Giang's
    reviewer = client_of(world.district_reviewer)
    reviewer.post(district_url(world, "forward"), {"note": ""})
    response = reviewer.post(
        form_url(world, "accept", "lacdao", code="HT2"), {"revision": 0}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "forwarded its results" in response.content.decode()
    assert not Verification.objects.exists()


def test_the_district_reviewer_cannot_act_on_another_districts_commune(world):
    submit(world.participants["xuanquan"])
    reviewer = client_of(world.district_reviewer)
    assert reviewer.get(form_url(world, "detail", "xuanquan")).status_code == 404
    response = reviewer.post(form_url(world, "accept", "xuanquan", code="HT2"), {"revision": 0})
    assert response.status_code == 404
    assert reviewer.post(form_url(world, "approve", "xuanquan")).status_code == 404
    assert reviewer.get(district_url(world, key="vangiang")).status_code == 404
    assert not Verification.objects.exists()
    assert Assessment.objects.get().state == "submitted"


def test_sending_back_needs_a_reason_and_opens_the_reviews_again(world):
    close_van_lam(world)
    client_of(world.district_reviewer).post(district_url(world, "forward"), {"note": ""})
    province = client_of(world.provincial_reviewer)
    html = province.get(district_url(world)).content.decode()
    assert "Send the results back to the district" in html
    assert province.post(district_url(world, "send_back"), {"reason": " "}).status_code == 400
    assert Forwarding.objects.get().standing
    response = province.post(district_url(world, "send_back"), {"reason": "Chưa khớp số liệu"})
    assert response.status_code == 302
    forwarding = Forwarding.objects.get()
    assert (forwarding.sent_back_by, forwarding.sent_back_reason) == (
        world.provincial_reviewer,
        "Chưa khớp số liệu",
    )
    history = province.get(district_url(world)).content.decode()
    assert "Chưa khớp số liệu" in history and "Provincial Reviewer" in history
    # The district may change its communes' reviews again.
    response = client_of(world.district_reviewer).post(
        form_url(world, "reopen", "lacdao"), {"reason": "Sửa theo ý kiến Sở"}
    )
    assert response.status_code == 302


def test_the_district_reviewer_cannot_send_back(world):
    close_van_lam(world)
    reviewer = client_of(world.district_reviewer)
    reviewer.post(district_url(world, "forward"), {"note": ""})
    assert reviewer.post(district_url(world, "send_back"), {"reason": "x"}).status_code == 403
    assert "Send the results back" not in reviewer.get(district_url(world)).content.decode()
