"""Every rule kind owns what a kind must know, so a new one cannot be half made: read
as a number on the form, or rendered by someone else's words."""

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovrank.scoring.explain import render
from egovrank.scoring.rules import RULE_KINDS, Rule, rule_from_dict

from .strategies import criteria_sets

SCHEMA = Path(__file__).resolve().parents[1] / "fileformat" / "criteria-set.schema.json"

HOOKS = [
    "parse",
    "score_many",
    "describe",
    "in_words",
    "read_text",
    "input_kind",
    "plausible_entry",
]


@pytest.mark.parametrize("kind", sorted(RULE_KINDS))
def test_each_kind_implements_every_hook_of_its_own(kind):
    rule_class = RULE_KINDS[kind]
    missing = [hook for hook in HOOKS if getattr(rule_class, hook) is getattr(Rule, hook)]
    assert missing == []
    assert rule_class.from_dict.__func__ is not Rule.from_dict.__func__
    assert rule_class.renders


@pytest.mark.parametrize("kind", sorted(RULE_KINDS))
def test_each_kind_reads_back_what_it_describes(kind):
    rule = RULE_KINDS[kind]()
    assert rule_from_dict(rule.describe()) == rule


def test_no_two_kinds_claim_the_same_explanation():
    claims = Counter(name for cls in RULE_KINDS.values() for name in cls.renders)
    assert [name for name, count in claims.items() if count > 1] == []


def test_an_unknown_explanation_is_refused():
    with pytest.raises(ValueError, match="unknown explanation kind 'nope'"):
        render(("nope",))


@settings(max_examples=40, deadline=None)
@given(criteria_sets(), st.integers(0, 2**32), st.floats(0, 1))
def test_every_plausible_demo_entry_reads_back_through_the_form(criteria_set, seed, quality):
    chance = random.Random(seed)
    for leaf in criteria_set.leaves():
        assert leaf.rule is not None
        entry = leaf.rule.plausible_entry(chance, quality, leaf.max_points)
        assert leaf.rule.read_entry(leaf.code, entry, leaf.max_points) is not None


def _schema_parameters():
    """kind → the parameters its clause of the file format's schema allows."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    found = {}
    for clause in schema["$defs"]["rule"]["allOf"]:
        kind = clause["if"]["properties"]["kind"]["const"]
        found[kind] = set(clause["then"]["properties"]) - {"kind"}
    return found


@pytest.mark.parametrize("kind", sorted(RULE_KINDS))
def test_each_kind_names_itself_and_its_parameters_as_the_schema_has_them(kind):
    rule_class = RULE_KINDS[kind]
    assert "title" in vars(rule_class) and rule_class.title
    assert len(set(rule_class.parameters)) == len(rule_class.parameters)
    assert set(rule_class.parameters) == _schema_parameters()[kind]


def test_the_schema_has_a_clause_for_every_kind_and_no_other():
    assert set(_schema_parameters()) == set(RULE_KINDS)
