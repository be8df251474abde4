"""Two people on the same criterion: the later, stale save is refused and nothing is
overwritten; saves on different criteria never conflict."""

from egovrank.assessments.models import Answer
from egovrank.assessments.tests.conftest import client_of, form_url
from egovrank.core.roles import Role
from egovrank.testing.world import make_person

HTMX = {"HTTP_HX_REQUEST": "true"}


def second_officer(world):
    return make_person("second_officer", (Role.UNIT_OFFICER, world.units["sotc"]))


def test_a_stale_save_is_refused_and_nothing_is_overwritten(world, officer):
    other = client_of(second_officer(world))
    url = form_url(world, name="assessments:save", code="HT1")
    # Both opened the form at revision 0; the officer saves first.
    assert (
        officer.post(url, {"numerator": "40", "denominator": "50", "revision": 0}).status_code
        == 302
    )
    response = other.post(url, {"numerator": "10", "denominator": "50", "revision": 0}, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "someone else changed this criterion" in html
    assert "40/50" in html and "10/50" in html  # theirs and yours, side by side
    assert "Unit Officer saved it at" in html
    answer = Answer.objects.get(code="HT1")
    assert (answer.value, answer.revision, answer.updated_by) == ("40/50", 1, world.unit_officer)


def test_a_stale_save_without_javascript_gets_a_page_that_shows_both(world, officer):
    other = client_of(second_officer(world))
    url = form_url(world, name="assessments:save", code="HT3.1")
    officer.post(url, {"value": "yes", "revision": 0})
    response = other.post(url, {"value": "no", "revision": 0})
    assert response.status_code == 409
    assert "Replace theirs with mine" in response.content.decode()
    assert Answer.objects.get(code="HT3.1").value == "yes"


def test_replacing_theirs_is_a_deliberate_save_on_the_new_revision(world, officer):
    other = client_of(second_officer(world))
    url = form_url(world, name="assessments:save", code="HT3.1")
    officer.post(url, {"value": "yes", "revision": 0})
    other.post(url, {"value": "no", "revision": 0})
    assert other.post(url, {"value": "no", "revision": 1}).status_code == 302
    answer = Answer.objects.get(code="HT3.1")
    assert (answer.value, answer.revision) == ("no", 2)


def test_different_criteria_do_not_conflict(world, officer):
    other = client_of(second_officer(world))
    officer.post(
        form_url(world, name="assessments:save", code="HT3.1"), {"value": "yes", "revision": 0}
    )
    response = other.post(
        form_url(world, name="assessments:save", code="HT3.2"), {"value": "no", "revision": 0}
    )
    assert response.status_code == 302
    assert dict(Answer.objects.values_list("code", "value")) == {"HT3.1": "yes", "HT3.2": "no"}
