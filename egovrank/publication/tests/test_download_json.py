"""The year's JSON open data: it validates against the shipped schema, names its schema
and version, and carries every published figure exactly (decimals as strings, the share
as a fraction)."""

import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker

from egovrank.publication.exports.json import SCHEMA_ID, schema
from egovrank.results.tests.helpers import DECISION, published

pytestmark = pytest.mark.django_db

DOCS = Path(__file__).resolve().parents[3] / "docs" / "open-data.md"


def download():
    response = Client().get(reverse("publication:json", kwargs={"year": 2019}))
    return json.loads(response.content.decode("utf-8"))


def validator():
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def test_it_validates_against_the_schema_it_names(world):
    published(world)
    document = download()
    assert document["$schema"] == SCHEMA_ID == schema()["$id"]
    assert document["schema_version"] == 1
    errors = [error.message for error in validator().iter_errors(document)]
    assert errors == []


def test_it_carries_the_decision_and_each_block_s_levels_and_groups(world):
    publication = published(world)
    document = download()
    assert (document["period"], document["results"]) == (2019, "published")
    assert document["publication"] == {
        "number": 1,
        "is_correction": False,
        "decision_number": DECISION["decision_number"],
        "decision_date": "2020-03-20",
        "signer": DECISION["signer"],
        "published_at": publication.published_at.isoformat(),
        "correction_reason": "",
    }
    assert [block["code"] for block in document["blocks"]] == ["KHOI01", "KHOI02", "KHOI03"]
    first = document["blocks"][0]
    assert [level["name"] for level in first["levels"]] == ["Tốt", "Khá", "Trung bình", "Yếu"]
    assert [level["min_percent"] for level in first["levels"]] == ["85", "70", "50", "0"]
    stored_groups = publication.blocks["KHOI01"]["groups"]
    assert [(g["code"], g["name"]) for g in first["groups"]] == [
        (code, name) for code, name, _max in stored_groups
    ]


def test_every_unit_s_figures_are_the_published_ones_exactly(world):
    publication = published(world)
    units = [unit for block in download()["blocks"] for unit in block["units"]]
    assert len(units) == publication.results.count() == 8
    for unit in units:
        stored = publication.results.get(unit_code=unit["unit_code"])
        assert Decimal(unit["points"]) == stored.points
        assert Decimal(unit["max_points"]) == stored.max_points
        assert unit["percent"] == str(stored.percent)
        assert Fraction(unit["share"]) == Fraction(stored.share_numerator, stored.share_denominator)
        assert (unit["rank"], unit["rank_in_district"]) == (stored.rank, stored.rank_in_district)
        assert (unit["level"], unit["district"]) == (stored.level_code, stored.district_name)
        for code, points in unit["groups"].items():
            assert Decimal(points) == Decimal(stored.nodes[code][0])


def test_nothing_but_published_figures_is_in_it(world):
    published(world)
    text = json.dumps(download(), ensure_ascii=False)
    assert "self_points" not in text  # a unit's own scoring stays with the reviewers
    assert "Không có tài liệu kiểm chứng" not in text  # nor a reviewer's reasons


def test_the_example_in_the_documentation_validates(world):
    blocks = re.findall(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert blocks, "docs/open-data.md shows an example document"
    example = json.loads(blocks[0])
    assert [error.message for error in validator().iter_errors(example)] == []
