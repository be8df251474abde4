"""The form page and a save cost a fixed number of queries, however many answers and
files the form holds."""

from egovrank.assessments.tests.conftest import form_url, pdf
from egovrank.assessments.tests.helpers import fill_in

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_form_page_does_not_grow_with_the_answers(
    world, officer, django_assert_max_num_queries
):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    for code in ("HT1", "HT2", "UD1"):
        officer.post(form_url(world, name="assessments:upload", code=code), {"file": pdf()})
    with django_assert_max_num_queries(16):
        assert officer.get(form_url(world)).status_code == 200


def test_a_save_does_not_grow_with_the_answers(world, officer, django_assert_max_num_queries):
    fill_in(world.participants["sotc"], actor=world.unit_officer)
    url = form_url(world, name="assessments:save", code="HT3.1")
    with django_assert_max_num_queries(18):
        response = officer.post(url, {"value": "no", "revision": 1}, **HTMX)
    assert response.status_code == 200
