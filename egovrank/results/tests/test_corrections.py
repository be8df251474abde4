"""After publication, the administrator re-opens a unit with a reason; the provincial
reviewers correct its review; the corrected results are published as the next
publication, and the earlier one stays as it was, readable by anyone."""

import pytest
from django.urls import reverse

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment
from egovrank.core.models import AuditEvent
from egovrank.notifications.models import Notice
from egovrank.periods.choices import PeriodState
from egovrank.results.actions import (
    ResultsRefused,
    do_open_correction,
    do_publish_correction,
)
from egovrank.results.models import Correction, Publication

from .conftest import client_of
from .helpers import DECISION, adjust, fill, move, published, reviewed, set_state

pytestmark = pytest.mark.django_db

REASON = "Sở Tài chính bổ sung tài liệu kiểm chứng tiêu chí HT3.1"
CORRECTION = {
    "decision_number": "150/QĐ-UBND",
    "decision_date": "2020-04-15",
    "signer": "Nguyễn Văn Phóng",
    "reason": "Điều chỉnh kết quả của Sở Tài chính sau phúc tra",
}


def reopen_url(code, year=2019):
    return reverse("results:open_correction", kwargs={"year": year, "code": code})


def correction_url(year=2019):
    return reverse("results:publish_correction", kwargs={"year": year})


def snapshot(publication):
    return list(
        publication.results.order_by("pk").values_list(
            "unit_code", "rank", "points", "percent", "level_code", "nodes"
        )
    )


def correct_sotc(world):
    """Re-open Sở Tài chính, change one verified answer, approve again."""
    participant = world.participants["sotc"]
    do_open_correction(participant, reason=REASON, actor=world.administrator)
    assessment = Assessment.objects.get(participant=participant)
    current = assessment.answers.get(code="HT3.1").value
    adjust(assessment, "HT3.1", "no" if current == "yes" else "yes", by=world.provincial_reviewer)
    set_state(assessment, AssessmentState.APPROVED)
    return assessment


def test_reopening_puts_the_form_back_in_review_with_the_reason(world, client_as):
    published(world)
    response = client_as("administrator").post(reopen_url("K01-05"), {"reason": REASON})
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.participant == world.participants["sotc"]
    assert correction.reason == REASON
    assert correction.opened_by == world.administrator
    assert correction.open
    assessment = Assessment.objects.get(participant=world.participants["sotc"])
    assert assessment.state == AssessmentState.IN_REVIEW
    event = AuditEvent.objects.get(action="results.correction_opened")
    assert event.target_id == str(assessment.pk)
    assert event.data["reason"] == REASON
    assert (event.data["before"], event.data["after"]) == ("approved", "in_review")


def test_a_unit_without_a_form_gets_one_in_review(world):
    published(world)
    do_open_correction(world.participants["soxd"], reason=REASON, actor=world.administrator)
    assert Assessment.objects.get(participant=world.participants["soxd"]).state == "in_review"


def test_reopening_needs_a_reason(world, client_as):
    published(world)
    response = client_as("administrator").post(reopen_url("K01-05"), {"reason": "  "})
    assert response.status_code == 400
    assert not Correction.objects.exists()
    with pytest.raises(ResultsRefused, match="reason"):
        do_open_correction(world.participants["sotc"], reason=" ", actor=world.administrator)


def test_a_unit_is_reopened_once_at_a_time(world, client_as):
    published(world)
    admin = client_as("administrator")
    admin.post(reopen_url("K01-05"), {"reason": REASON})
    response = admin.post(reopen_url("K01-05"), {"reason": "again"})
    assert response.status_code == 409
    assert "A correction of Sở Tài chính is already open." in response.content.decode()
    assert Correction.objects.count() == 1


@pytest.mark.parametrize("state", [PeriodState.REVIEW, PeriodState.FINALISED])
def test_only_published_results_are_corrected(world, client_as, state):
    reviewed(world)
    move(world.period, state)
    response = client_as("administrator").post(reopen_url("K01-05"), {"reason": REASON})
    assert response.status_code == 409
    assert "Only published results can be corrected." in response.content.decode()
    assert not Correction.objects.exists()


def test_an_unknown_unit_is_not_found(world, client_as):
    published(world)
    response = client_as("administrator").post(reopen_url("no-such-unit"), {"reason": REASON})
    assert response.status_code == 404


def test_the_correction_is_published_as_publication_2(world, client_as):
    first = published(world)
    before = snapshot(first)
    correct_sotc(world)
    response = client_as("administrator").post(correction_url(), CORRECTION)
    assert response.status_code == 302
    second = Publication.objects.get(number=2)
    assert response["Location"] == reverse(
        "results:publication", kwargs={"year": 2019, "number": 2}
    )
    assert second.is_correction
    assert second.correction_reason == CORRECTION["reason"]
    assert second.decision_number == "150/QĐ-UBND"
    # Every result is recomputed; Sở Tài chính's changed; publication 1 is as it was.
    assert second.results.count() == first.results.count()
    old = first.results.get(unit_code="K01-05")
    new = second.results.get(unit_code="K01-05")
    assert new.points != old.points
    assert snapshot(first) == before
    correction = Correction.objects.get()
    assert correction.published_in == second
    assert not correction.open
    world.period.refresh_from_db()
    assert world.period.state == PeriodState.PUBLISHED


def test_the_corrected_form_s_history_shows_before_and_after(world):
    published(world)
    assessment = correct_sotc(world)
    do_publish_correction(world.period, actor=world.administrator, reason="Phúc tra", **DECISION)
    event = AuditEvent.objects.get(action="results.corrected", target_type="assessments.assessment")
    assert event.target_id == str(assessment.pk)
    assert event.data["publication"] == 2
    assert event.data["correction_reason"] == REASON
    assert event.data["before"]["points"] != event.data["after"]["points"]
    assert AuditEvent.objects.filter(
        action="results.corrected", target_type="periods.period"
    ).exists()


def test_everyone_concerned_is_told_of_the_correction(world):
    published(world)
    correct_sotc(world)
    do_publish_correction(world.period, actor=world.administrator, reason="Phúc tra", **DECISION)
    corrected = Notice.objects.filter(kind="corrected")
    assert corrected.filter(recipient=world.unit_head).exists()
    assert corrected.filter(recipient=world.commune_officer).exists()


def test_both_publications_stay_readable_by_anyone(world):
    first = published(world)
    correct_sotc(world)
    do_publish_correction(world.period, actor=world.administrator, reason="Phúc tra", **DECISION)
    anonymous = client_of()
    one = anonymous.get(reverse("results:publication", kwargs={"year": 2019, "number": 1}))
    two = anonymous.get(reverse("results:publication", kwargs={"year": 2019, "number": 2}))
    assert one.status_code == two.status_code == 200
    assert "These results were corrected since" in one.content.decode()
    page = two.content.decode()
    assert "Phúc tra" in page
    assert REASON in page
    assert reverse("results:publication", kwargs={"year": 2019, "number": 1}) in page
    assert first.results.count() == 8


def test_nothing_to_publish_without_an_open_correction(world, client_as):
    published(world)
    response = client_as("administrator").post(correction_url(), CORRECTION)
    assert response.status_code == 409
    assert "No correction is open" in response.content.decode()
    assert Publication.objects.count() == 1


@pytest.mark.parametrize(
    "state", [AssessmentState.IN_REVIEW, AssessmentState.RETURNED, AssessmentState.SUBMITTED]
)
def test_the_reopened_review_must_be_approved_first(world, client_as, state):
    published(world)
    do_open_correction(world.participants["sotc"], reason=REASON, actor=world.administrator)
    fill(world.participants["sotc"], state)
    response = client_as("administrator").post(correction_url(), CORRECTION)
    assert response.status_code == 409
    assert "not approved yet: Sở Tài chính" in response.content.decode()
    assert Publication.objects.count() == 1
    assert Correction.objects.get().open


def test_a_unit_closed_as_not_submitted_may_be_published(world):
    published(world)
    do_open_correction(world.participants["soxd"], reason=REASON, actor=world.administrator)
    set_state(
        Assessment.objects.get(participant=world.participants["soxd"]),
        AssessmentState.NOT_SUBMITTED,
    )
    publication = do_publish_correction(
        world.period, actor=world.administrator, reason="Phúc tra", **DECISION
    )
    assert publication.number == 2


def test_the_correction_needs_its_reason_and_decision(world, client_as):
    published(world)
    correct_sotc(world)
    response = client_as("administrator").post(correction_url(), {**CORRECTION, "reason": ""})
    assert response.status_code == 400
    assert Publication.objects.count() == 1


@pytest.mark.parametrize("persona", ["provincial_reviewer", "district_reviewer", "unit_head"])
def test_only_the_administrator_corrects(world, client_as, persona):
    published(world)
    client = client_as(persona)
    assert client.post(reopen_url("K01-05"), {"reason": REASON}).status_code == 403
    correct_sotc(world)
    assert client.post(correction_url(), CORRECTION).status_code == 403
    assert Publication.objects.count() == 1
