"""The language guard (testing/language.py) on pages the permission matrix opens only
empty: a filled-in form, its check and its history, a review page with verdicts and a
refused adjustment, the results of a reviewed period. Each page must read in Vietnamese
throughout: no raw state codes, no English the catalogue translates, no dot-decimals."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.assessments.actions import do_submit
from egovrank.assessments.models import Answer
from egovrank.assessments.tests.helpers import save
from egovrank.results.tests.helpers import published, reviewed
from egovrank.review.actions import do_accept, do_adjust
from egovrank.review.tests.review_helpers import fill
from egovrank.testing import DECLARED
from egovrank.testing.language import language_problems

pytestmark = pytest.mark.django_db


def vietnamese(person) -> Client:
    client = Client()  # the default language, Vietnamese
    client.force_login(person)
    return client


def names(world) -> frozenset[str]:
    """The test world's people are named in English ("Unit Officer"): data, not text."""
    return frozenset(person.get_full_name() for person in world.people.values())


def assert_vietnamese(response, world) -> None:
    assert response.status_code in (200, 400), response.status_code
    assert language_problems(response, data=names(world)) == [], response.request["PATH_INFO"]


def form_kwargs(world, key="sotc"):
    return {"year": world.period.year, "unit": world.participants[key].unit_code}


def revision_of(participant, code: str) -> int:
    answer = Answer.objects.filter(assessment__participant=participant, code=code).first()
    return answer.revision if answer else 0


def test_a_filled_in_form_its_check_and_its_history(world):
    participant = world.participants["sotc"]
    fill(participant)
    save(participant, "HT3.1", "no", actor=world.unit_officer)
    officer = vietnamese(world.unit_officer)
    kwargs = form_kwargs(world)
    for name in ("assessments:form", "assessments:check", "assessments:history"):
        assert_vietnamese(officer.get(reverse(name, kwargs=kwargs)), world)
    # An answer the core refuses, shown at its criterion.
    refused = officer.post(
        reverse("assessments:save", kwargs={**kwargs, "code": "HT2"}),
        {"numerator": "12,5,1", "denominator": "40", "revision": revision_of(participant, "HT2")},
        HTTP_HX_REQUEST="true",
    )
    assert "không phải" in refused.content.decode() or "nhập một số" in refused.content.decode()
    assert_vietnamese(refused, world)


def test_a_review_page_with_verdicts_and_the_form_it_reviews(world):
    participant = world.participants["sotc"]
    fill(participant)
    do_submit(participant, actor=world.unit_head, declaration=DECLARED)
    reviewer = world.provincial_reviewer
    do_accept(participant, "HT3.1", revision=0, actor=reviewer)
    do_adjust(participant, "HT1", value="100/150", reason="Thiếu danh sách", revision=0,
              actor=reviewer)  # fmt: skip
    client = vietnamese(reviewer)
    kwargs = form_kwargs(world)
    assert_vietnamese(client.get(reverse("review:detail", kwargs=kwargs)), world)
    assert_vietnamese(client.get(reverse("review:queue")), world)
    assert_vietnamese(
        vietnamese(world.unit_head).get(reverse("assessments:form", kwargs=kwargs)), world
    )
    assert_vietnamese(
        vietnamese(world.unit_head).get(reverse("assessments:history", kwargs=kwargs)), world
    )


def test_the_results_of_a_reviewed_period_and_the_desks_that_lead_to_them(world):
    period = reviewed(world)
    year = period.year
    administrator = vietnamese(world.administrator)
    for url in (
        reverse("results:period", kwargs={"year": year}),
        reverse("front:home"),
        reverse("review:queue"),
        reverse("review:detail", kwargs=form_kwargs(world)),
        reverse("review:district", kwargs={"year": year, "district": world.units["vanlam"].code}),
    ):
        assert_vietnamese(administrator.get(url), world)
    head = vietnamese(world.unit_head)
    for name in ("assessments:form", "assessments:history"):
        assert_vietnamese(head.get(reverse(name, kwargs=form_kwargs(world))), world)


def test_a_published_years_pages(world):
    publication = published(world)
    year, unit = publication.period.year, world.participants["sotc"].unit_code
    public = Client()
    for url in (
        reverse("publication:year", kwargs={"year": year}),
        reverse("publication:block", kwargs={"year": year, "block": "KHOI01"}),
        reverse("publication:unit", kwargs={"year": year, "unit": unit}),
    ):
        assert_vietnamese(public.get(url), world)
    head = vietnamese(world.unit_head)
    for name in ("insight:lost_points", "insight:what_if"):
        assert_vietnamese(head.get(reverse(name, kwargs={"year": year, "unit": unit})), world)
    analysis = reverse("insight:analysis", kwargs={"year": year})
    assert_vietnamese(vietnamese(world.administrator).get(analysis), world)
