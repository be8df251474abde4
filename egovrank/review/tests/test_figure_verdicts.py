"""The reviewer's verdict on a shared figure: its verified value re-scores every
criterion that uses it (through the core), on the page, in the API, in the result
document and in the results; a verified numerator above it is refused naming both;
a stale revision is refused; the unit sees it only once the review is approved."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.assessments.actions import do_submit
from egovrank.assessments.models import Answer
from egovrank.assessments.queries import criteria_set_for
from egovrank.assessments.tests.conftest import client_of, form_url
from egovrank.assessments.tests.test_shared_figures import shared  # noqa: F401 - fixture
from egovrank.core.models import AuditEvent
from egovrank.results.compute import compute
from egovrank.review.actions import (
    InvalidReviewInput,
    StaleVerification,
    do_accept_figure,
    do_adjust,
    do_adjust_figure,
    do_approve,
    do_clear,
)
from egovrank.review.choices import Decision
from egovrank.review.documents import review_document
from egovrank.review.models import Verification
from egovrank.review.queries import compare
from egovrank.testing import DECLARED

from .review_helpers import english, fill, revision_of  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
# Staff 50: HT1 40/50 × 10 = 8, NL3 20/50 × 15 = 6 (UD2, NL4 use it too).
STAFF = {"TONG_CBCCVC": "50", "HT1": "40", "UD2": "30", "NL3": "20", "NL4": "10"}


def submitted_with_staff(world):
    participant = world.participants["sotc"]
    assessment = fill(participant)
    for code, value in STAFF.items():
        Answer.objects.update_or_create(
            assessment=assessment, code=code, defaults={"value": value, "not_applicable": False}
        )
    do_submit(participant, actor=world.unit_head, declaration=DECLARED)
    return participant


def adjust_staff(world, participant, value, *, reason="Danh sách lương có 80 người"):
    return do_adjust_figure(
        participant,
        "TONG_CBCCVC",
        value=value,
        reason=reason,
        revision=revision_of(participant, "TONG_CBCCVC"),
        actor=world.provincial_reviewer,
    )


def verified(participant):
    return compare(participant, criteria_set_for(participant), "en").verified


def test_a_verified_figure_rescores_every_criterion_using_it(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    before = verified(participant)
    assert before.by_code["HT1"].points == 8 and before.by_code["NL3"].points == 6
    adjust_staff(shared, participant, "80")
    after = verified(participant)
    assert after.by_code["HT1"].points == 5  # 40/80 × 10
    assert after.by_code["NL3"].points == Decimal("3.75")  # 20/80 × 15
    assert after.figure_by_code["TONG_CBCCVC"].value == "80"
    assert after.points < before.points
    # The unit's own sheet keeps its figure.
    assert compare(participant, criteria_set_for(participant), "en").own.by_code["HT1"].points == 8
    # Withdrawn: the unit's figure stands again.
    do_clear(
        participant,
        "TONG_CBCCVC",
        revision=revision_of(participant, "TONG_CBCCVC"),
        actor=shared.provincial_reviewer,
    )
    assert verified(participant).by_code["HT1"].points == 8


def test_a_figure_below_a_verified_numerator_is_refused_naming_both(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    with pytest.raises(InvalidReviewInput) as refused:
        adjust_staff(shared, participant, "35")
    problems = refused.value.problems
    assert problems[0].startswith(
        "HT1: The numerator (40) is above the shared figure TONG_CBCCVC (35)"
    )
    assert [problem.split(":")[0] for problem in problems] == ["HT1"]  # NL3: 20 ≤ 35
    assert not Verification.objects.filter(code="TONG_CBCCVC").exists()
    # The other way round: a criterion's verified numerator above the verified figure.
    adjust_staff(shared, participant, "45")
    with pytest.raises(InvalidReviewInput, match="above the shared figure TONG_CBCCVC"):
        do_adjust(
            participant,
            "NL3",
            value="46",
            reason="Đếm lại",
            revision=0,
            actor=shared.provincial_reviewer,
        )
    with pytest.raises(InvalidReviewInput, match="TONG_CBCCVC"):
        adjust_staff(shared, participant, "nhiều")


def test_a_stale_figure_verdict_is_refused(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    adjust_staff(shared, participant, "80")
    with pytest.raises(StaleVerification):
        do_adjust_figure(
            participant,
            "TONG_CBCCVC",
            value="60",
            reason="Khác",
            revision=0,
            actor=shared.provincial_reviewer,
        )
    assert Verification.objects.get(code="TONG_CBCCVC").value == "80"


def test_the_results_and_the_result_document_use_the_verified_figure(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    adjust_staff(shared, participant, "80")
    do_approve(participant, actor=shared.provincial_reviewer)
    block = compute(shared.period)["KHOI01"]
    points = {row.unit.code: row.score.points_of("HT1") for row, _facts in block.rows()}
    assert points["K01-05"] == 5
    document = review_document(participant)
    rows = [row for table in document.body if hasattr(table, "rows") for row in table.rows]
    assert (
        "TONG_CBCCVC",
        "50 (dùng cho HT1, UD2, NL3, NL4)",
        "80",
        "Danh sách lương có 80 người",
    ) in rows


def test_the_unit_sees_the_verified_figure_only_after_approval(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    adjust_staff(shared, participant, "80")
    officer = client_of(shared.unit_officer)
    html = officer.get(form_url(shared)).content.decode()
    assert "Danh sách lương có 80 người" not in html and "fig-adjusted-TONG_CBCCVC" not in html
    do_approve(participant, actor=shared.provincial_reviewer)
    html = officer.get(form_url(shared)).content.decode()
    assert 'id="fig-adjusted-TONG_CBCCVC"' in html
    assert "Danh sách lương có 80 người" in html


def _url(world, name, code="TONG_CBCCVC"):
    return reverse(f"review:{name}", kwargs={"year": 2019, "unit": "K01-05", "code": code})


def _reviewer(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.provincial_reviewer)
    return client


def test_the_review_page_adjusts_a_figure_with_and_without_javascript(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    client = _reviewer(shared)
    detail = reverse("review:detail", kwargs={"year": 2019, "unit": "K01-05"})
    page = client.get(detail).content.decode()
    assert 'action="' + _url(shared, "adjust_figure") + '"' in page
    data = {"revision": "0", "value": "80", "reason": "Danh sách lương có 80 người"}
    answer = client.post(_url(shared, "adjust_figure"), data)
    assert answer.status_code == 302 and answer["Location"].endswith("#fig-TONG_CBCCVC")
    assert verified(participant).by_code["HT1"].points == 5
    # HTMX: the sheet comes back re-scored; a refusal names the criterion and the figure.
    refused = client.post(
        _url(shared, "adjust_figure"), {"revision": "1", "value": "35", "reason": "x"}, **HTMX
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert 'id="review-sheet"' in html and 'id="fig-error-TONG_CBCCVC"' in html
    assert "The numerator (40) is above the shared figure TONG_CBCCVC (35)" in html
    stale = client.post(
        _url(shared, "adjust_figure"), {"revision": "0", "value": "70", "reason": "x"}, **HTMX
    )
    assert stale.status_code == 409
    assert "Another reviewer changed this verdict" in stale.content.decode()
    no_reason = client.post(_url(shared, "adjust_figure"), {"revision": "1", "value": "70"})
    assert no_reason.status_code == 400
    assert "Give the reason for the adjustment." in no_reason.content.decode()
    cleared = client.post(_url(shared, "clear_figure"), {"revision": "1"}, **HTMX)
    assert cleared.status_code == 200 and "the verdict is withdrawn" in cleared.content.decode()
    assert verified(participant).by_code["HT1"].points == 8
    assert client.post(_url(shared, "adjust_figure", "HT1"), data).status_code == 404


def test_the_api_adjusts_a_figure(shared):  # noqa: F811
    submitted_with_staff(shared)
    client = _reviewer(shared)
    url = reverse(
        "api:adjust_figure", kwargs={"year": 2019, "unit": "K01-05", "code": "TONG_CBCCVC"}
    )
    body = {"revision": 0, "value": "80", "reason": "Danh sách lương"}
    answer = client.post(url, body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    result = answer.json()
    assert result["verified_value"] == "80" and result["verdict_revision"] == 1
    assert Decimal(result["criteria"]["HT1"]["points"]) == 5
    refused = client.post(
        url, {"revision": 1, "value": "35", "reason": "x"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert any("HT1" in e["message"] for e in refused.json()["errors"])
    stale = client.post(url, body, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["verdict_revision"] == 1
    review = client.get(reverse("api:review", kwargs={"year": 2019, "unit": "K01-05"})).json()
    [staff] = [f for f in review["figures"] if f["code"] == "TONG_CBCCVC"]
    assert staff["value"] == "50" and staff["verified_value"] == "80"


def accept_staff(world, participant):
    return do_accept_figure(
        participant,
        "TONG_CBCCVC",
        revision=revision_of(participant, "TONG_CBCCVC"),
        actor=world.provincial_reviewer,
    )


def test_accepting_a_figure_lets_the_units_value_stand(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    verification = accept_staff(shared, participant)
    assert (verification.decision, verification.seen_value) == (Decision.ACCEPTED, "50")
    assert verified(participant).by_code["HT1"].points == 8
    event = AuditEvent.objects.filter(action="review.accepted").latest("pk")
    assert event.data["figure"] is True and event.data["users"] == ["HT1", "UD2", "NL3", "NL4"]
    # Accepting after an adjustment undoes it: the unit's 50 again.
    adjust_staff(shared, participant, "80")
    assert verified(participant).by_code["HT1"].points == 5
    accept_staff(shared, participant)
    assert verified(participant).by_code["HT1"].points == 8
    assert Verification.objects.get(code="TONG_CBCCVC").decision == Decision.ACCEPTED
    # A stale revision is refused.
    with pytest.raises(StaleVerification):
        do_accept_figure(participant, "TONG_CBCCVC", revision=0, actor=shared.provincial_reviewer)


def test_accepting_a_figure_below_a_verified_numerator_is_refused(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    adjust_staff(shared, participant, "80")
    do_adjust(
        participant,
        "HT1",
        value="60",
        reason="Đếm lại",
        revision=0,
        actor=shared.provincial_reviewer,
    )
    with pytest.raises(InvalidReviewInput) as refused:
        accept_staff(shared, participant)
    assert refused.value.problems[0].startswith(
        "HT1: The numerator (60) is above the shared figure TONG_CBCCVC (50)"
    )
    assert Verification.objects.get(code="TONG_CBCCVC").decision == Decision.ADJUSTED


def test_the_review_page_accepts_a_figure(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    client = _reviewer(shared)
    detail = reverse("review:detail", kwargs={"year": 2019, "unit": "K01-05"})
    page = client.get(detail).content.decode()
    assert 'action="' + _url(shared, "accept_figure") + '"' in page
    answer = client.post(_url(shared, "accept_figure"), {"revision": "0"})
    assert answer.status_code == 302 and answer["Location"].endswith("#fig-TONG_CBCCVC")
    html = client.get(detail).content.decode()
    assert 'id="fig-accepted-TONG_CBCCVC"' in html
    # Accepted: no accept button for it any more, the verdict can be withdrawn.
    assert 'action="' + _url(shared, "accept_figure") + '"' not in html
    assert 'action="' + _url(shared, "clear_figure") + '"' in html
    assert "TONG_CBCCVC: the unit&#x27;s figure is accepted." in html
    # With HTMX: the sheet comes back; a stale revision is refused.
    stale = client.post(_url(shared, "accept_figure"), {"revision": "0"}, **HTMX)
    assert stale.status_code == 409
    assert client.post(_url(shared, "accept_figure", "HT1"), {"revision": "0"}).status_code == 404
    assert Verification.objects.get(assessment__participant=participant).revision == 1


def test_the_api_accepts_a_figure(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    adjust_staff(shared, participant, "80")
    client = _reviewer(shared)
    url = reverse(
        "api:accept_figure", kwargs={"year": 2019, "unit": "K01-05", "code": "TONG_CBCCVC"}
    )
    answer = client.post(url, {"revision": 1}, content_type="application/json")
    assert answer.status_code == 200, answer.content
    result = answer.json()
    assert result["verdict"]["decision"] == "accepted" and result["verdict_revision"] == 2
    assert result["verified_value"] == "50"
    assert Decimal(result["criteria"]["HT1"]["points"]) == 8
    stale = client.post(url, {"revision": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["verdict_revision"] == 2


def test_the_review_pages_totals_count_figure_verdicts_apart_from_the_criteria(shared):  # noqa: F811
    participant = submitted_with_staff(shared)
    client = _reviewer(shared)
    detail = reverse("review:detail", kwargs={"year": 2019, "unit": "K01-05"})
    leaves = len(list(criteria_set_for(participant).leaves()))
    html = client.get(detail).content.decode()
    assert f"Verdict given on 0 of {leaves} criteria." in html
    assert "Verdict given on 0 of 2 shared figures." in html
    assert "Shared figures without a verdict are accepted as the unit gave them" in html
    adjust_staff(shared, participant, "80")
    html = client.get(detail).content.decode()
    assert "Verdict given on 1 of 2 shared figures; 1 figure adjusted." in html
    assert f"Verdict given on 0 of {leaves} criteria." in html  # a figure is no criterion
    # The answer to a figure verdict (HTMX) carries the totals counted again.
    answer = client.post(_url(shared, "accept_figure", "HO_SO"), {"revision": "0"}, **HTMX)
    html = answer.content.decode()
    assert "Verdict given on 2 of 2 shared figures; 1 figure adjusted." in html
    assert "Shared figures without a verdict" not in html


def test_withdrawing_an_adjustment_that_would_bring_back_a_conflict_is_refused(
    shared,  # noqa: F811
):
    participant = submitted_with_staff(shared)
    adjust_staff(shared, participant, "80")
    do_adjust(
        participant,
        "HT1",
        value="60",
        reason="Đếm lại",
        revision=0,
        actor=shared.provincial_reviewer,
    )
    # The unit's 50 staff back under a verified 60: refused, naming HT1.
    with pytest.raises(InvalidReviewInput) as refused:
        do_clear(
            participant,
            "TONG_CBCCVC",
            revision=revision_of(participant, "TONG_CBCCVC"),
            actor=shared.provincial_reviewer,
        )
    assert refused.value.problems[0].startswith(
        "HT1: The numerator (60) is above the shared figure TONG_CBCCVC (50)"
    )
    assert Verification.objects.get(code="TONG_CBCCVC").adjusted
    # The other way round: the unit's numerator 40 back under a verified figure of 35.
    do_clear(participant, "HT1", revision=1, actor=shared.provincial_reviewer)
    adjust_staff(shared, participant, "80")
    do_adjust(
        participant,
        "HT1",
        value="30",
        reason="Đếm lại",
        revision=2,
        actor=shared.provincial_reviewer,
    )
    adjust_staff(shared, participant, "35")
    with pytest.raises(InvalidReviewInput, match="cannot be withdrawn"):
        do_clear(participant, "HT1", revision=3, actor=shared.provincial_reviewer)
    # Withdrawing what brings no conflict back still works.
    adjust_staff(shared, participant, "50")
    do_clear(participant, "HT1", revision=3, actor=shared.provincial_reviewer)
    assert verified(participant).by_code["HT1"].points == 8
