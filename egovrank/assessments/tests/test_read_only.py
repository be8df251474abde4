"""When the form is read-only it says why, and every change is refused."""

from datetime import timedelta

from django.utils import timezone

from egovrank.assessments.models import Answer
from egovrank.assessments.tests.conftest import form_url
from egovrank.assessments.tests.helpers import fill_in
from egovrank.periods.actions import do_grant_extension
from egovrank.periods.models import Period

# The head ticks the declaration on the confirmation step.
DECLARED = {"declaration": "yes"}

HTMX = {"HTTP_HX_REQUEST": "true"}


def pass_the_deadline(world):
    Period.objects.filter(pk=world.period.pk).update(
        self_assessment_deadline=timezone.now() - timedelta(minutes=1)
    )


def test_after_the_deadline_the_form_is_read_only_and_says_so(world, officer):
    pass_the_deadline(world)
    html = officer.get(form_url(world)).content.decode()
    assert "Read-only." in html and "The self-assessment deadline" in html and "has passed" in html
    assert "htmx.min.js" not in html
    response = officer.post(
        form_url(world, name="assessments:save", code="HT3.1"), {"value": "yes", "revision": 0}
    )
    assert response.status_code == 409
    assert "has passed" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_late_submission_is_refused_with_the_deadline(world, officer, head):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    pass_the_deadline(world)
    response = head.post(form_url(world, name="assessments:submit"), DECLARED)
    assert response.status_code == 409
    deadline = timezone.localtime(world.period.self_assessment_deadline)
    assert "has passed" in response.content.decode()
    assert deadline.strftime("%Y") in response.content.decode()


def test_an_extension_reopens_the_form_for_that_unit_only(world, officer):
    pass_the_deadline(world)
    do_grant_extension(
        world.participants["sotc"],
        timezone.now() + timedelta(days=2),
        "Mất điện kéo dài",
        actor=world.administrator,
    )
    response = officer.post(
        form_url(world, name="assessments:save", code="HT3.1"), {"value": "yes", "revision": 0}
    )
    assert response.status_code == 302
    html = officer.get(form_url(world)).content.decode()
    assert "extended" in html


def test_a_submitted_form_is_read_only_until_returned(world, officer, head):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    assert head.post(form_url(world, name="assessments:submit"), DECLARED).status_code == 302
    html = officer.get(form_url(world)).content.decode()
    assert "Submitted on" in html and "unless a reviewer returns it" in html
    response = officer.post(
        form_url(world, name="assessments:save", code="HT3.1"), {"value": "no", "revision": 1}
    )
    assert response.status_code == 409


def test_reviewers_read_the_form_without_inputs_to_change_it(world):
    from egovrank.assessments.tests.conftest import client_of

    html = client_of(world.provincial_reviewer).get(form_url(world)).content.decode()
    assert "only the unit's officers and head change it" in html
    assert '<fieldset class="criterion__inputs" disabled>' in html


def test_the_reviewer_sees_explained_missing_evidence_flagged(world):
    from egovrank.assessments.tests.conftest import client_of
    from egovrank.assessments.tests.helpers import save

    participant = world.participants["sotc"]
    save(
        participant,
        "HT1",
        "40/50",
        actor=world.unit_officer,
        evidence_explanation="Danh sách đang được cập nhật",
    )
    html = client_of(world.provincial_reviewer).get(form_url(world)).content.decode()
    assert "Required evidence not attached; the unit explains why:" in html
    assert "Danh sách đang được cập nhật" in html
