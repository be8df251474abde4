"""Saving answers: drafts keep everything typed; points come from the scoring core."""

from decimal import Decimal

from egovrank.assessments.models import Answer
from egovrank.assessments.tests.conftest import form_url
from egovrank.core.models import AuditEvent

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_it_saves_a_ratio_and_answers_with_its_points(world, officer):
    url = form_url(world, name="assessments:save", code="HT1")
    response = officer.post(url, {"numerator": "45", "denominator": "50", "revision": 0}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "9/10 points" in html  # 45/50 × 10
    assert 'id="summary"' in html and 'hx-swap-oob="true"' in html
    assert 'id="rev-HT1" value="1"' in html
    answer = Answer.objects.get(code="HT1")
    assert (answer.value, answer.revision, answer.updated_by) == ("45/50", 1, world.unit_officer)


def test_it_keeps_an_incomplete_entry_and_says_what_is_wrong(world, officer):
    url = form_url(world, name="assessments:save", code="HT1")
    response = officer.post(url, {"numerator": "45", "denominator": "", "revision": 0}, **HTMX)
    assert "Enter both figures." in response.content.decode()
    assert Answer.objects.get(code="HT1").value == "45/"
    page = officer.get(form_url(world)).content.decode()
    assert 'value="45"' in page and "Enter both figures." in page


def test_it_works_without_javascript(world, officer):
    url = form_url(world, name="assessments:save", code="HT3.1")
    response = officer.post(url, {"value": "yes", "revision": 0})
    assert response.status_code == 302
    assert response["Location"].endswith("#c-HT3_1")
    assert officer.get(response["Location"]).status_code == 200


def test_it_records_every_change_with_before_after_and_points(world, officer):
    url = form_url(world, name="assessments:save", code="HT3.1")
    officer.post(url, {"value": "no", "revision": 0}, **HTMX)
    officer.post(url, {"value": "yes", "revision": 1}, **HTMX)
    events = list(AuditEvent.objects.filter(action="answer.changed").order_by("at", "pk"))
    assert [(e.data["before"]["value"], e.data["after"]["value"]) for e in events] == [
        ("", "no"),
        ("no", "yes"),
    ]
    assert events[1].data["points_before"] == "0"
    assert Decimal(events[1].data["points_after"]) == Decimal(5)
    assert events[1].actor == world.unit_officer


def test_an_unchanged_save_writes_nothing(world, officer):
    url = form_url(world, name="assessments:save", code="HT3.1")
    officer.post(url, {"value": "yes", "revision": 0}, **HTMX)
    officer.post(url, {"value": "yes", "revision": 1}, **HTMX)
    assert AuditEvent.objects.filter(action="answer.changed").count() == 1


def test_it_refuses_not_applicable_where_the_criterion_does_not_allow_it(world, officer):
    url = form_url(world, name="assessments:save", code="HT3.1")
    response = officer.post(url, {"value": "", "not_applicable": "on", "revision": 0}, **HTMX)
    assert "cannot be marked not applicable" in response.content.decode()


def test_not_applicable_takes_the_maximum_out(world, officer):
    url = form_url(world, name="assessments:save", code="DVC4.1")
    response = officer.post(url, {"not_applicable": "on", "revision": 0}, **HTMX)
    html = response.content.decode()
    assert "Not applicable" in html
    assert "</strong> / 495" in html  # 500 − 5


def test_an_unknown_criterion_is_404(world, officer):
    url = form_url(world, name="assessments:save", code="NOPE")
    assert officer.post(url, {"value": "yes", "revision": 0}).status_code == 404


def test_a_group_code_cannot_be_answered(world, officer):
    url = form_url(world, name="assessments:save", code="HT")
    assert officer.post(url, {"value": "yes", "revision": 0}).status_code == 404
