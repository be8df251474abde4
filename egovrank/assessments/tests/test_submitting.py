"""The officer prepares, the head submits; an incomplete form lists what is missing."""

from egovrank.assessments.choices import AssessmentState
from egovrank.assessments.models import Assessment, Submission
from egovrank.assessments.tests.conftest import form_url
from egovrank.assessments.tests.helpers import fill_in, save
from egovrank.core.models import AuditEvent
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period

# The head ticks the declaration on the confirmation step.
DECLARED = {"declaration": "yes"}


def test_the_officer_cannot_submit(world, officer):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    assert officer.post(form_url(world, name="assessments:submit")).status_code == 403


def test_an_incomplete_form_is_refused_with_the_list_of_what_is_missing(world, head):
    fill_in(world.participants["sotc"], actor=world.unit_officer, share=0.5)
    response = head.post(form_url(world, name="assessments:submit"), DECLARED)
    assert response.status_code == 409
    html = response.content.decode()
    assert "cannot be submitted yet" in html
    assert "NL1" in html and "no answer." in html
    assert not Assessment.objects.filter(state=AssessmentState.SUBMITTED).exists()


def test_missing_required_evidence_without_an_explanation_is_listed(world, head):
    participant = world.participants["sotc"]
    fill_in(participant, actor=world.unit_officer)
    save(participant, "HT1", "40/50", actor=world.unit_officer, evidence_explanation="")
    html = head.post(form_url(world, name="assessments:submit"), DECLARED).content.decode()
    assert "HT1" in html and "evidence is required" in html


def test_the_head_submits_a_complete_form(world, head):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    response = head.post(form_url(world, name="assessments:submit"), DECLARED)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.state == AssessmentState.SUBMITTED
    assert assessment.submitted_by == world.unit_head
    assert AuditEvent.objects.filter(action="assessment.submitted", actor=world.unit_head).exists()


def test_the_head_may_withdraw_until_review_starts(world, head, officer):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    head.post(form_url(world, name="assessments:submit"), DECLARED)
    assert head.post(form_url(world, name="assessments:withdraw")).status_code == 302
    assert Assessment.objects.get().state == AssessmentState.DRAFT
    response = officer.post(
        form_url(world, name="assessments:save", code="HT3.1"), {"value": "no", "revision": 1}
    )
    assert response.status_code == 302


def test_withdrawing_is_refused_once_review_has_started(world, head):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    head.post(form_url(world, name="assessments:submit"), DECLARED)
    Period.objects.filter(pk=world.period.pk).update(state=PeriodState.REVIEW)
    response = head.post(form_url(world, name="assessments:withdraw"))
    assert response.status_code == 409
    assert "Review has started" in response.content.decode()
    assert Assessment.objects.get().state == AssessmentState.SUBMITTED


def test_the_check_page_lists_what_is_missing(world, officer):
    fill_in(world.participants["sotc"], actor=world.unit_officer, share=0.9)
    html = officer.get(form_url(world, name="assessments:check")).content.decode()
    assert "no answer." in html


def test_the_confirmation_step_shows_the_summary_and_the_declaration(world, head):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    html = head.get(form_url(world, name="assessments:submit")).content.decode()
    assert "Self-assessed points" in html and "Share of the maximum" in html
    assert 'id="submit-ready"' in html
    assert 'name="declaration"' in html and "are true" in html
    assert (
        'href="{}"'.format(form_url(world, name="assessments:submit"))
        in head.get(form_url(world)).content.decode()
    )


def test_the_confirmation_step_lists_what_is_still_missing(world, head):
    fill_in(world.participants["sotc"], actor=world.unit_officer, share=0.5)
    html = head.get(form_url(world, name="assessments:submit")).content.decode()
    assert 'id="submit-missing"' in html and "NL1" in html


def test_a_submission_without_the_declaration_is_refused(world, head):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    response = head.post(form_url(world, name="assessments:submit"))
    assert response.status_code == 400
    assert 'id="declaration-error"' in response.content.decode()
    assert Assessment.objects.get().state == AssessmentState.DRAFT
    assert not Submission.objects.exists()


def test_the_declaration_is_stored_with_the_submission_and_its_history(world, head):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    head.post(form_url(world, name="assessments:submit"), DECLARED, HTTP_ACCEPT_LANGUAGE="vi")
    declaration = Submission.objects.get().declaration
    assert declaration.startswith("Tôi cam kết")
    event = AuditEvent.objects.get(action="assessment.submitted")
    assert event.data["declaration"] == declaration
