"""The public pages and the open data across the 2025 reform: a ward formed from
communes of 2024 shows their results (through the successor links, never the code,
which it reuses), reads "formed by the reorganisation" instead of a rank change, and the
JSON carries the links."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from egovrank.results.tests.helpers import DECISION
from egovrank.testing.two_tier import reform

from .helpers import anonymous, publish_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def across(world):
    """2024 published with districts; the reform; 2025 published with two tiers."""
    first = publish_year(world, 2024, decision=DECISION)
    reform(world)
    second = publish_year(world, 2025)
    return first, second


def get(url, language="en"):
    response = anonymous(language).get(url)
    assert response.status_code == 200
    return response


def test_the_2025_period_has_two_blocks_and_no_district_ranking(across):
    _first, second = across
    assert sorted(second.blocks) == ["KHOI01", "KHOI03"]
    wards = second.results.filter(block_code="KHOI03")
    assert sorted(wards.values_list("unit_name", flat=True)) == ["Phường Phố Hiến", "Xã Nghĩa Trụ"]
    assert set(wards.values_list("district_code", flat=True)) == {""}
    assert set(wards.values_list("rank_in_district", flat=True)) == {None}


def test_a_ward_s_page_shows_its_predecessors_not_the_reused_code_s_old_unit(across):
    first, _second = across
    url = reverse("publication:unit", kwargs={"year": 2025, "unit": "11989"})
    response = get(url)
    history = response.context["history"]
    assert sorted((p.result.year, p.result.unit_name, p.main) for p in history) == [
        (2024, "Xã Chỉ Đạo", False),
        (2024, "Xã Lạc Đạo", False),
        (2025, "Phường Phố Hiến", True),
    ]
    # The movement lists both predecessors and reads as a unit formed, not a rank change.
    movement = response.context["movement"]
    assert movement.reorganised and movement.rank_change is None
    assert movement.percent_change is None
    page = response.content.decode()
    assert 'id="formed-by-reorganisation"' in page
    assert "Formed by the reorganisation" in page
    assert "Up " not in page and "Down " not in page
    # The 2024 page of the same code is still the old commune.
    old = get(reverse("publication:unit", kwargs={"year": 2024, "unit": "11989"}))
    assert old.context["result"].unit_name == "Xã Lạc Đạo"
    assert first.results.get(unit_code="11989").unit_name == "Xã Lạc Đạo"


def test_the_ward_page_reads_formed_in_vietnamese(across):
    url = reverse("publication:unit", kwargs={"year": 2025, "unit": "12040"})
    page = get(url, "vi").content.decode()
    assert "Thành lập sau sắp xếp" in page
    assert "Xã Xuân Quan" in page  # its only predecessor, linked
    assert reverse("publication:unit", kwargs={"year": 2024, "unit": "12022"}) in page


def test_the_block_table_marks_the_units_formed_by_the_reorganisation(across):
    response = get(reverse("publication:block", kwargs={"year": 2025, "block": "KHOI03"}))
    rows = {row.unit_code: row for row in response.context["rows"]}
    assert rows["12040"].movement.reorganised
    assert rows["12040"].movement.rank_change is None  # one predecessor, still no rank change
    assert response.content.decode().count("movement__formed") == 2
    departments = get(reverse("publication:block", kwargs={"year": 2025, "block": "KHOI01"}))
    for row in departments.context["rows"]:
        assert not row.movement.reorganised  # the departments kept their codes


def test_the_json_carries_the_successor_links(across):
    response = anonymous().get(reverse("publication:json", kwargs={"year": 2025}))
    assert response.status_code == 200
    document = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    units = {u["unit_code"]: u for b in document["blocks"] for u in b["units"]}
    assert units["11989"]["predecessors"] == [
        {
            "unit_code": "11989",
            "unit_name": "Xã Lạc Đạo",
            "valid_until": 2024,
            "kind": "merged",
            "from_year": 2025,
        },
        {
            "unit_code": "11992",
            "unit_name": "Xã Chỉ Đạo",
            "valid_until": 2024,
            "kind": "merged",
            "from_year": 2025,
        },
    ]
    assert units["K01-05"]["predecessors"] == []
    from jsonschema import validate

    from egovrank.publication.exports.json import schema

    validate(document, schema())


def test_a_ward_reaches_back_past_an_unpublished_year(world):
    """2019 published, 2020–2024 not (as in the demo): the ward of 2025 still shows its
    predecessors' 2019 results, and says it was formed by the reorganisation."""
    publish_year(world, 2019, decision=DECISION)
    reform(world)
    publish_year(world, 2025)
    response = get(reverse("publication:unit", kwargs={"year": 2025, "unit": "11989"}))
    assert response.context["movement"] is None  # 2024 was not published
    assert response.context["reorganised"]
    assert sorted((p.result.year, p.result.unit_name) for p in response.context["history"]) == [
        (2019, "Xã Chỉ Đạo"),
        (2019, "Xã Lạc Đạo"),
        (2025, "Phường Phố Hiến"),
    ]
    page = response.content.decode()
    assert "Formed by the reorganisation" in page and "No results were published for 2024" in page
