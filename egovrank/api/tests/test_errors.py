"""Every refusal answers in one shape, {"errors": [{"path", "message", "code"}]}, with the
pages' statuses: 400 what was sent, 401, 403, 404, 409 the state or a stale revision."""

from __future__ import annotations

import pytest

from egovrank.assessments.tests.helpers import save

from .helpers import api, api_as, codes_of, form_kwargs

pytestmark = pytest.mark.django_db


def test_it_names_each_refused_field(world):
    officer = api_as(world.unit_officer)
    url = api("links", **form_kwargs(world, "sotc"), code="HT1")
    response = officer.post(url, {"url": "not an address", "date": "31/02/2019"})
    assert response.status_code == 400
    assert sorted(codes_of(response)) == [
        ("date", "invalid"),
        ("title", "required"),
        ("url", "invalid"),
    ]
    assert all(error["message"] for error in response.json()["errors"])


def test_it_names_a_refused_query_parameter(world):
    response = api_as(world.administrator).get(api("assessments"), {"state": "lost", "year": "x"})
    assert response.status_code == 400
    assert sorted(codes_of(response)) == [("state", "invalid_choice"), ("year", "invalid")]


def test_it_refuses_a_body_that_is_not_json(world):
    officer = api_as(world.unit_officer)
    url = api("answer", **form_kwargs(world, "sotc"), code="HT3.1")
    response = officer.client.post(url, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert codes_of(response) == [("", "parse_error")]


def test_it_answers_a_stale_save_with_the_current_answer(world):
    participant = world.participants["sotc"]
    save(participant, "HT3.1", "yes", actor=world.unit_head)
    officer = api_as(world.unit_officer)
    url = api("answer", **form_kwargs(world, "sotc"), code="HT3.1")
    response = officer.post(url, {"value": "no", "revision": 0})
    assert response.status_code == 409
    body = response.json()
    assert codes_of(response) == [("revision", "stale")]
    assert body["current"]["revision"] == 1
    assert body["current"]["value"] == "yes"
    assert body["current"]["updated_by"] == "Unit Head"


def test_it_lists_what_stops_a_submission(world):
    head = api_as(world.unit_head)
    response = head.post(api("submit", **form_kwargs(world, "sotc")), {"declaration": True})
    assert response.status_code == 409
    errors = response.json()["errors"]
    assert errors[0]["code"] == "submission_refused"
    assert len(errors) > 10
    assert {error["code"] for error in errors[1:]} == {"problem"}
    assert any("HT3.1" in error["message"] for error in errors[1:])


def test_it_answers_404_in_json_for_any_other_address(world):
    client = api_as(world.unit_officer)
    for response in (client.get("/api/v1/nothing/"), client.post("/api/v2/units/")):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert codes_of(response) == [("", "not_found")]


def test_it_refuses_a_method_the_endpoint_does_not_take(world):
    response = api_as(world.unit_head).get(api("submit", **form_kwargs(world, "sotc")))
    assert response.status_code == 405
    assert codes_of(response) == [("", "method_not_allowed")]


def test_it_answers_in_the_requests_language(world):
    client = api_as(world.unit_head)
    client.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
    response = client.post(api("submit", **form_kwargs(world, "sotc")), {"declaration": True})
    assert response.json()["errors"][0]["message"].startswith("Chưa thể nộp phiếu")


def test_it_describes_itself_in_the_schema_not_through_options(world):
    client = api_as(world.unit_head)
    response = client.client.options(api("submit", **form_kwargs(world, "sotc")))
    assert response.status_code == 405
    assert codes_of(response) == [("", "method_not_allowed")]
