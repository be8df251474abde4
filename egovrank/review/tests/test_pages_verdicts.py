"""Verdicts on one criterion through the page: with HTMX the criterion's block comes
back with the totals out of band; without JavaScript the post returns to the criterion.
A refusal saves nothing and says why next to the criterion."""

from __future__ import annotations

from dataclasses import replace

from django.urls import reverse

from egovrank.assessments.demo import fill_demo_form, plausible_answers
from egovrank.assessments.models import Assessment
from egovrank.assessments.queries import criteria_set_for
from egovrank.assessments.tests.conftest import client_of
from egovrank.core.roles import Role
from egovrank.review.models import ReviewComment, Verification
from egovrank.review.queries import compare
from egovrank.scoring.numbers import format_number
from egovrank.testing.world import make_person

HTMX = {"HTTP_HX_REQUEST": "true"}


def submit(participant, **overrides):
    answers = plausible_answers(criteria_set_for(participant), seed=1)
    for code, value in overrides.items():
        answers[code] = replace(answers[code], value=value)
    fill_demo_form(participant, answers, submit=True)


def url(world, name, code, key="sotc"):
    unit = world.participants[key].unit_code
    return reverse(f"review:{name}", kwargs={"year": world.period.year, "unit": unit, "code": code})


def verified_total(world, key="sotc"):
    participant = world.participants[key]
    return compare(participant, criteria_set_for(participant), "en").verified.points


def test_accepting_with_htmx_returns_the_criterion_and_the_totals(world):
    submit(world.participants["sotc"], **{"HT3.1": "yes"})
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(url(world, "accept", "HT3.1"), {"revision": 0}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(
        '<article class="criterion review-criterion review-criterion--accepted" id="criterion-HT3_1"'
    )
    assert "Accepted by Provincial Reviewer" in html
    assert 'id="review-totals" class="review-totals" hx-swap-oob="true"' in html
    assert "Verdict given on 1 of 64 criteria" in html
    assert (
        "HT3.1: the unit&#x27;s answer is accepted." in html
        or "HT3.1: the unit's answer is accepted." in html
    )
    # The first verdict takes the form into review.
    assert 'id="review-state" hx-swap-oob="true">Under review<' in html
    verification = Verification.objects.get(code="HT3.1")
    assert (verification.decision, verification.revision) == ("accepted", 1)


def test_adjusting_with_htmx_returns_the_new_verified_points(world):
    submit(world.participants["sotc"], **{"HT3.1": "yes"})
    before = verified_total(world)
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(
        url(world, "adjust", "HT3.1"),
        {"revision": 0, "value": "no", "reason": "Chưa ban hành quy chế"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    block = html[: html.index("</article>")]
    assert "Adjusted by Provincial Reviewer" in block and "Chưa ban hành quy chế" in block
    assert "Verified:" in block and "<strong>0/5</strong>" in block
    after = verified_total(world)
    assert after == before - 5
    totals = html[html.index('id="review-totals"') :]
    assert f"<strong>{format_number(after, 'en')}</strong>/500" in totals
    # The group's total moves too.
    group = html[html.index('id="total-HT3"') :]
    assert "5/10" in group[: group.index("</span></span>")]


def test_adjusting_a_ratio_joins_the_two_figures(world):
    submit(world.participants["sotc"], HT1="138/150")
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(
        url(world, "adjust", "HT1"),
        {"revision": 0, "numerator": "75", "denominator": "150", "reason": "Danh sách thực tế"},
        **HTMX,
    )
    assert response.status_code == 200
    assert Verification.objects.get(code="HT1").value == "75/150"
    assert "<strong>5/10</strong>" in response.content.decode()


def test_adjusting_without_a_reason_is_refused_and_saves_nothing(world):
    submit(world.participants["sotc"], **{"HT3.1": "yes"})
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(
        url(world, "adjust", "HT3.1"), {"revision": 0, "value": "no", "reason": "  "}, **HTMX
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the reason for the adjustment." in html
    assert 'role="alert"' in html
    # What was typed stays, the adjust form open.
    assert '<details class="review-adjust" open>' in html
    assert 'value="no" checked' in html
    assert not Verification.objects.exists()
    assert Assessment.objects.get().state == "submitted"


def test_a_value_the_rule_refuses_is_refused_next_to_the_criterion(world):
    submit(world.participants["sotc"], HT1="138/150")
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(
        url(world, "adjust", "HT1"),
        {"revision": 0, "numerator": "abc", "denominator": "150", "reason": "x"},
        **HTMX,
    )
    assert response.status_code == 400
    assert "enter a number" in response.content.decode()
    assert not Verification.objects.exists()


def test_without_javascript_a_verdict_comes_back_to_the_criterion(world):
    submit(world.participants["sotc"])
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(url(world, "accept", "HT3.1"), {"revision": 0})
    assert response.status_code == 302
    assert response["Location"].endswith("/#criterion-HT3_1")
    page = reviewer.get(response["Location"]).content.decode()
    assert "the unit&#x27;s answer is accepted" in page or "the unit's answer is accepted" in page


def test_without_javascript_a_refusal_shows_the_page_with_the_message(world):
    submit(world.participants["sotc"])
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(url(world, "adjust", "HT3.1"), {"revision": 0, "value": "no"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Review of Sở Tài chính</h1>" in html
    block = html[html.index('id="criterion-HT3_1"') : html.index('id="criterion-HT3_2"')]
    assert "Give the reason for the adjustment." in block


def test_a_stale_verdict_is_refused_with_who_changed_it(world):
    submit(world.participants["sotc"], **{"HT3.1": "yes"})
    colleague = make_person("colleague", (Role.PROVINCIAL_REVIEWER, None))
    # Both opened the page at revision 0; the colleague accepts first.
    client_of(colleague).post(url(world, "accept", "HT3.1"), {"revision": 0}, **HTMX)
    response = client_of(world.provincial_reviewer).post(
        url(world, "adjust", "HT3.1"), {"revision": 0, "value": "no", "reason": "x"}, **HTMX
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "another reviewer changed this verdict" in html
    assert "Colleague changed it on" in html and "Accepted" in html
    assert "HT3.1 was not saved" in html
    # The block carries the current revision, so deciding again goes through.
    assert 'name="revision" value="1"' in html
    verification = Verification.objects.get(code="HT3.1")
    assert (verification.decision, verification.revision, verification.reviewed_by) == (
        "accepted",
        1,
        colleague,
    )


def test_a_verdict_withdrawn_since_the_page_was_loaded_is_stale_too(world):
    submit(world.participants["sotc"])
    colleague = client_of(make_person("colleague", (Role.PROVINCIAL_REVIEWER, None)))
    colleague.post(url(world, "accept", "HT3.1"), {"revision": 0})
    colleague.post(url(world, "clear", "HT3.1"), {"revision": 1})
    response = client_of(world.provincial_reviewer).post(
        url(world, "accept", "HT3.1"), {"revision": 1}, **HTMX
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Colleague withdrew the verdict on" in html
    # The block carries the revision after the clear: deciding again goes through.
    assert 'name="revision" value="2"' in html


def test_withdrawing_a_verdict_opens_the_criterion_again(world):
    submit(world.participants["sotc"])
    reviewer = client_of(world.provincial_reviewer)
    reviewer.post(url(world, "adjust", "HT3.1"), {"revision": 0, "value": "no", "reason": "x"})
    response = reviewer.post(url(world, "clear", "HT3.1"), {"revision": 1}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "No verdict yet." in html and "Verdict given on 0 of 64 criteria" in html
    assert 'name="revision" value="2"' in html
    assert reviewer.post(url(world, "accept", "HT3.1"), {"revision": 2}).status_code == 302


def test_a_comment_is_saved_as_a_draft_and_listed_for_the_return(world):
    submit(world.participants["sotc"])
    reviewer = client_of(world.provincial_reviewer)
    response = reviewer.post(
        url(world, "comment", "HT1"), {"text": "Gửi danh sách máy tính"}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft saved on" in html
    drafts = html[html.index('id="return-drafts"') :]
    assert 'href="#criterion-HT1">HT1</a>: Gửi danh sách máy tính' in drafts
    assert ReviewComment.objects.get().text == "Gửi danh sách máy tính"
    # An empty comment deletes the draft.
    reviewer.post(url(world, "comment", "HT1"), {"text": ""}, **HTMX)
    assert not ReviewComment.objects.exists()


def test_a_reader_who_is_not_the_reviewer_cannot_give_a_verdict(world):
    submit(world.participants["sotc"])
    response = client_of(world.administrator).post(url(world, "accept", "HT1"), {"revision": 0})
    assert response.status_code == 403
    assert not Verification.objects.exists()
