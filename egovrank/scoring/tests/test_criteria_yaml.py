"""The YAML criteria-set format: what it accepts, and how it refuses a broken file."""

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from egovrank.scoring.fileformat.build import schema
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.fileformat.yaml_io import (
    dump_criteria_set,
    load_criteria_set,
    loads_criteria_set,
)
from egovrank.testing.ziparchive import cost

GOOD = """\
format: egovrank/criteria-set/1
id: sample
title: Mẫu
max_total: 30
nodes:
  - code: G
    name: Nhóm
    children:
      - code: G1
        name: Tỷ lệ
        max_points: 10.5
        rule: {kind: ratio, numerator: Số đạt, denominator: Tổng số}
      - code: G2
        name: Có/không
        max_points: 19.5
        rule: {kind: yes_no}
"""


def refused(text, filename="set.yaml"):
    with pytest.raises(CriteriaFileError) as caught:
        loads_criteria_set(text, filename)
    return caught.value


def test_numbers_are_read_as_exact_decimals():
    cs = loads_criteria_set(GOOD)
    assert cs.node("G1").max_points == Decimal("10.5")
    assert isinstance(cs.node("G1").max_points, Decimal)
    assert cs.max_total == Decimal(30)


def test_a_schema_problem_names_the_file_the_line_and_the_node():
    error = refused(GOOD.replace("rule: {kind: yes_no}", "rule: {kind: yes_or_no}"))
    assert len(error.problems) == 1
    problem = error.problems[0]
    assert problem.where == "set.yaml, line 16"
    assert problem.code == "G2"
    assert "'yes_or_no' is not one of" in problem.message
    assert str(error).startswith("set.yaml: 1 problem(s), nothing loaded:")


def test_every_problem_is_listed_not_only_the_first():
    text = GOOD.replace("name: Tỷ lệ", "name: ''").replace("max_points: 19.5", "max_points: -1")
    error = refused(text)
    places = {(p.where, p.code) for p in error.problems}
    assert ("set.yaml, line 10", "G1") in places
    assert ("set.yaml, line 15", "G2") in places


def test_a_leaf_without_a_rule_is_refused_at_its_line():
    text = GOOD.replace("        rule: {kind: yes_no}\n", "")
    error = refused(text)
    assert [str(p) for p in error.problems] == [
        "set.yaml, line 13: [G2] rule: a criterion without sub-criteria needs a rule"
    ]


def test_points_with_more_than_two_places_are_refused():
    error = refused(GOOD.replace("10.5", "10.505").replace("max_total: 30", "max_total: 30.005"))
    assert any("at most two decimal places" in str(p) and p.code == "G1" for p in error.problems)


def test_a_key_given_twice_is_refused():
    error = refused(GOOD.replace("    name: Nhóm\n", "    name: Nhóm\n    name: Again\n"))
    assert str(error.problems[0]) == "set.yaml, line 8: name: key given twice"


def test_text_that_is_not_yaml_is_refused_with_its_line():
    error = refused("format: x\n  - : [\n")
    assert error.problems[0].where.startswith("set.yaml, line ")
    assert "not valid YAML" in error.problems[0].message


def test_an_empty_file_is_refused():
    assert "empty" in str(refused(""))


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(GOOD.encode("utf-16"))
    with pytest.raises(CriteriaFileError, match="not UTF-8"):
        load_criteria_set(path)


def test_a_set_written_out_reads_back_equal():
    cs = loads_criteria_set(GOOD)
    assert loads_criteria_set(dump_criteria_set(cs)) == cs


def test_the_shipped_json_schema_is_itself_valid_and_documented():
    jsonschema.Draft202012Validator.check_schema(schema())
    docs = Path(__file__).resolve().parents[3] / "docs" / "criteria-format.md"
    assert docs.exists()
    text = docs.read_text(encoding="utf-8")
    for kind in (
        json.dumps(schema()["$defs"]["rule"]["properties"]["kind"]["enum"]).strip("[]").split(", ")
    ):
        assert kind.strip('"') in text


# -- hostile files: bounded work, every refusal a problem with its line (issue 15)

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 9)}]\n" for n in range(5)
)  # 9**6 = 531,441 leaves once expanded


def test_billion_laughs_are_refused_before_any_expansion():
    text = GOOD + LAUGHS.replace("a:", "x_a:", 1)
    assert len(LAUGHS) < 600

    spent = cost(lambda: refused(text))

    problems = spent.outcome.problems
    assert spent.seconds < 0.5
    assert spent.peak_mb < 10
    assert problems[0].where == "set.yaml, line 18"
    assert "aliases" in problems[0].message
    assert len(problems) <= 20


def test_an_alias_names_the_criterion_it_is_in():
    text = GOOD.replace("rule: {kind: yes_no}", "rule: *r").replace(
        "rule: {kind: ratio", "rule: &r {kind: ratio"
    )
    (problem,) = refused(text).problems
    assert (problem.where, problem.code) == ("set.yaml, line 16", "G2")


def test_a_thousand_nested_brackets_are_a_problem_not_a_crash():
    text = GOOD.replace("max_points: 19.5", "max_points: " + "[" * 1000 + "]" * 1000)
    (problem,) = refused(text).problems
    assert problem.where == "set.yaml, line 15"
    assert problem.code == "G2"
    assert "nested deeper than 64 levels" in problem.message


@pytest.mark.parametrize(
    "number",
    ["1" * 5000, ".inf", "-.inf", ".nan", "0x" + "7f" * 40, "1.0e+400", "1" * 40 + ".5"],
)
def test_huge_or_non_finite_numbers_are_problems_on_their_line(number):
    text = GOOD.replace("max_points: 19.5", f"max_points: {number}")
    (problem,) = refused(text).problems
    assert (problem.where, problem.code, problem.field) == ("set.yaml, line 15", "G2", "max_points")
    assert "not a number the app can use" in problem.message
    assert len(problem.message) < 200


def test_a_file_over_the_size_limit_is_refused_unread():
    text = GOOD + "# " + "x" * (2 * 1024 * 1024) + "\n"
    (problem,) = refused(text).problems
    assert problem.where == "set.yaml"
    assert "larger than 2 MB" in problem.message
