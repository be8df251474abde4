"""The province's analysis of a two-tier year beside the last year with districts: the
blocks matched by the kind of their units, and the communes grouped by former district
for comparison only."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pytest
from django.urls import reverse

from egovrank.insight.reform import compare_across_reform
from egovrank.publication.tests.helpers import publish_year
from egovrank.results.tests.helpers import DECISION
from egovrank.testing.two_tier import reform

from .conftest import client_of

pytestmark = pytest.mark.django_db


def mean(rows):
    submitted = [Fraction(r.share_numerator, r.share_denominator) for r in rows if r.submitted]
    return sum(submitted, Fraction(0)) / len(submitted)


@pytest.fixture
def across(world):
    first = publish_year(world, 2024, decision=DECISION)
    reform(world)
    second = publish_year(world, 2025, quality={"phohien": 0.9, "nghiatru": 0.4})
    return first, second


def test_the_blocks_are_compared_by_the_kind_of_their_units(across):
    first, second = across
    comparison = compare_across_reform(second)
    assert (comparison.before_year, comparison.year) == (2024, 2025)
    pairs = {pair.kind: pair for pair in comparison.pairs}
    assert set(pairs) == {"department", "commune"}  # no districts' block in 2025
    communes = pairs["commune"]
    before_rows = list(first.results.filter(block_code="KHOI03"))
    after_rows = list(second.results.filter(block_code="KHOI03"))
    assert (communes.before.units, communes.after.units) == (3, 2)
    assert communes.before.mean == mean(before_rows)
    assert communes.after.mean == mean(after_rows)
    assert communes.change == communes.after.mean_percent - communes.before.mean_percent
    levels_after = Counter(row.level_name for row in after_rows)
    assert {name: count for name, count in communes.after.levels if count} == dict(levels_after)
    assert sum(count for _name, count in communes.before.levels) == 3


def test_the_communes_are_grouped_by_former_district_for_comparison_only(across):
    _first, second = across
    groups = compare_across_reform(second).former_districts
    assert [(g.name, g.units) for g in groups] == [
        ("UBND huyện Văn Giang", 1),
        ("UBND huyện Văn Lâm", 1),
    ]
    phohien = second.results.get(unit_code="11989")
    assert groups[1].mean == Fraction(phohien.share_numerator, phohien.share_denominator)
    # The rank stays the block's: no rank within a former district is published.
    assert phohien.rank_in_district is None and phohien.district_name == ""


def test_a_year_with_districts_is_not_compared_across_the_reform(across):
    first, _second = across
    assert compare_across_reform(first) is None


def test_the_analysis_page_shows_the_comparison(world, across):
    url = reverse("insight:analysis", kwargs={"year": 2025})
    page = client_of(world.provincial_reviewer).get(url).content.decode()
    assert "Before and after the reform: 2024 and 2025" in page
    assert 'id="former-districts"' in page and "UBND huyện Văn Lâm" in page
    earlier = client_of(world.provincial_reviewer).get(
        reverse("insight:analysis", kwargs={"year": 2024})
    )
    assert 'id="reform"' not in earlier.content.decode()
