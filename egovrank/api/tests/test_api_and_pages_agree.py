"""The API and the pages give the same answers and refusals, since both go through the
same access checks and actions. Statuses differ only in form: the API never redirects
(anonymous callers get 401, a done change 200 instead of 302)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egovrank.assessments.tests.helpers import save

from .helpers import api, api_as, form_kwargs, page_as, submit_demo

pytestmark = pytest.mark.django_db


def both(world, persona):
    return page_as(world.people[persona]), api_as(world.people[persona])


def test_a_district_reviewer_asking_for_another_districts_commune_gets_404_on_both(world):
    page, client = both(world, "district_reviewer")
    xuanquan = form_kwargs(world, "xuanquan")
    assert page.get(reverse("assessments:form", kwargs=xuanquan)).status_code == 404
    assert client.get(api("assessment", **xuanquan)).status_code == 404
    assert page.get(reverse("review:detail", kwargs=xuanquan)).status_code == 404
    assert client.get(api("review", **xuanquan)).status_code == 404


def test_an_officer_who_submits_gets_403_on_both(world):
    page, client = both(world, "unit_officer")
    sotc = form_kwargs(world, "sotc")
    assert page.post(reverse("assessments:submit", kwargs=sotc)).status_code == 403
    assert client.post(api("submit", **sotc)).status_code == 403


def test_a_stale_save_gets_409_on_both(world):
    participant = world.participants["sotc"]
    save(participant, "HT3.1", "yes", actor=world.unit_head)
    page, client = both(world, "unit_officer")
    kwargs = {**form_kwargs(world, "sotc"), "code": "HT3.1"}
    on_page = page.post(reverse("assessments:save", kwargs=kwargs), {"value": "no", "revision": 0})
    through_api = client.post(api("answer", **kwargs), {"value": "no", "revision": 0})
    assert on_page.status_code == through_api.status_code == 409


def test_a_reviewer_who_may_read_a_form_may_not_change_it_on_either(world):
    page, client = both(world, "provincial_reviewer")
    kwargs = {**form_kwargs(world, "sotc"), "code": "HT3.1"}
    assert (
        page.get(reverse("assessments:form", kwargs=form_kwargs(world, "sotc"))).status_code == 200
    )
    assert client.get(api("assessment", **form_kwargs(world, "sotc"))).status_code == 200
    assert (
        page.post(
            reverse("assessments:save", kwargs=kwargs), {"value": "no", "revision": 0}
        ).status_code
        == 403
    )
    assert client.post(api("answer", **kwargs), {"value": "no", "revision": 0}).status_code == 403


def test_someone_without_a_role_gets_403_on_both(world):
    page, client = both(world, "outsider")
    assert page.get(reverse("assessments:list")).status_code == 403
    assert client.get(api("assessments")).status_code == 403


def test_an_approval_of_a_form_never_submitted_gets_409_on_both(world):
    page, client = both(world, "provincial_reviewer")
    sotc = form_kwargs(world, "sotc")
    assert page.post(reverse("review:approve", kwargs=sotc)).status_code == 409
    assert client.post(api("approve", **sotc)).status_code == 409


def test_an_adjustment_without_a_reason_gets_400_on_both(world):
    submit_demo(world.participants["sotc"])
    page, client = both(world, "provincial_reviewer")
    kwargs = {**form_kwargs(world, "sotc"), "code": "HT3.1"}
    data = {"revision": 0, "value": "no"}
    assert page.post(reverse("review:adjust", kwargs=kwargs), data).status_code == 400
    assert client.post(api("adjust", **kwargs), data).status_code == 400


def test_the_same_verdict_twice_is_stale_on_both(world):
    submit_demo(world.participants["sotc"])
    page, client = both(world, "provincial_reviewer")
    kwargs = {**form_kwargs(world, "sotc"), "code": "HT1"}
    assert client.post(api("accept", **kwargs), {"revision": 0}).status_code == 200
    assert page.post(reverse("review:accept", kwargs=kwargs), {"revision": 0}).status_code == 409
    assert client.post(api("accept", **kwargs), {"revision": 0}).status_code == 409


def test_live_results_are_embargoed_on_both(world):
    page, client = both(world, "district_reviewer")
    assert page.get(reverse("results:period", kwargs={"year": 2019})).status_code == 403
    assert client.get(api("results", year=2019)).status_code == 403
