"""Criteria-set versions through the API: public, with the tree in the file format's
shape (decimals as exact strings) and the stored YAML text."""

from __future__ import annotations

import pytest

from egovrank.criteria.models import CriteriaVersion
from egovrank.criteria.versions import criteria_set_of

from .helpers import ApiClient, api

pytestmark = pytest.mark.django_db


def test_anyone_lists_the_versions(world):
    body = ApiClient().get(api("versions")).json()
    assert [v["set_id"] for v in body["results"]] == [
        "hungyen-2018-khoi01",
        "hungyen-2018-khoi02",
        "hungyen-2018-khoi03",
    ]
    first = body["results"][0]
    assert first["max_total"] == "500"
    assert first["years"] == [2019]
    assert ApiClient().get(api("versions"), {"block": "KHOI03"}).json()["count"] == 1


def test_it_gives_the_tree_levels_and_yaml_of_a_version(world):
    version = CriteriaVersion.objects.get(set_id="hungyen-2018-khoi01")
    criteria_set = criteria_set_of(version)
    body = ApiClient().get(api("version", set_id=version.set_id)).json()
    assert body["yaml"] == version.source_yaml
    assert [node["code"] for node in body["tree"]] == [node.code for node in criteria_set.nodes]
    assert [level["min_percent"] for level in body["levels"]] == ["85", "70", "50", "0"]
    leaf = criteria_set.node("HT3.1")
    found = find(body["tree"], "HT3.1")
    assert found["name"] == leaf.name
    assert found["max_points"] == str(leaf.max_points)
    assert found["rule"]["kind"] == leaf.rule.kind == "yes_no"
    assert "children" not in found


def find(nodes, code):
    for node in nodes:
        if node["code"] == code:
            return node
        found = find(node.get("children", []), code)
        if found is not None:
            return found
    return None


def test_it_answers_404_for_a_missing_version(world):
    response = ApiClient().get(api("version", set_id="no-such-set"))
    assert response.status_code == 404
