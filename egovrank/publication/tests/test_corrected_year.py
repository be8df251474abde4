"""After a correction, the public pages show the year's latest publication, say that it
was corrected and why, and link the earlier publications as they were announced."""

import pytest
from django.urls import reverse

from egovrank.results.actions import do_publish_correction
from egovrank.results.tests.helpers import DECISION, published
from egovrank.results.tests.test_corrections import correct_sotc

from .helpers import anonymous

pytestmark = pytest.mark.django_db

REASON = "Điều chỉnh kết quả của Sở Tài chính sau phúc tra"


def corrected(world):
    first = published(world)
    correct_sotc(world)
    second = do_publish_correction(
        world.period,
        actor=world.administrator,
        reason=REASON,
        **{**DECISION, "decision_number": "150/QĐ-UBND"},
    )
    return first, second


def test_the_pages_show_the_corrected_results(world):
    first, second = corrected(world)
    old = first.results.get(unit_code="K01-05")
    new = second.results.get(unit_code="K01-05")
    assert old.points != new.points
    response = anonymous().get(
        reverse("publication:block", kwargs={"year": 2019, "block": "KHOI01"})
    )
    rows = {row.unit_code: row for row in response.context["rows"]}
    assert rows["K01-05"].points == new.points
    unit = anonymous().get(reverse("publication:unit", kwargs={"year": 2019, "unit": "K01-05"}))
    assert unit.context["result"].pk == new.pk


def test_the_year_page_says_why_and_links_the_earlier_publication(world):
    corrected(world)
    page = anonymous("en").get(reverse("publication:year", kwargs={"year": 2019})).content.decode()
    assert "150/QĐ-UBND" in page
    assert "These results were corrected" in page
    assert REASON in page
    assert reverse("results:publication", kwargs={"year": 2019, "number": 1}) in page


def test_the_list_of_years_says_the_year_was_corrected(world):
    corrected(world)
    page = anonymous("en").get(reverse("publication:index")).content.decode()
    assert "corrected (publication No. 2)" in page
    assert "150/QĐ-UBND" in page


def test_a_correction_still_open_changes_nothing_public(world):
    first = published(world)
    correct_sotc(world)  # re-opened and approved again, but not published
    response = anonymous().get(
        reverse("publication:block", kwargs={"year": 2019, "block": "KHOI01"})
    )
    rows = {row.unit_code: row for row in response.context["rows"]}
    assert rows["K01-05"].points == first.results.get(unit_code="K01-05").points
    assert response.context["publication"].number == 1
