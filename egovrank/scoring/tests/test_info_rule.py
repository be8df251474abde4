import pytest

from egovrank.scoring.answers import Number, Text, YesNo
from egovrank.scoring.engine import score_unit
from egovrank.scoring.fileformat.problems import CriteriaFileError
from egovrank.scoring.rules import InfoRule

from .builders import D, entry_problem, group, leaf, make_set, unit


def info(code, value_type="text"):
    return {
        "code": code,
        "name": f"Info {code}",
        "rule": {"kind": "info", "value_type": value_type},
    }


def test_informational_fields_are_recorded_but_carry_no_points():
    cs = make_set(group("TT", info("TT1", "number"), info("TT2")), leaf("C1", 10, "yes_no"))
    result = score_unit(
        cs, unit("u", {"TT1": Number(D(120)), "TT2": Text("Nguyễn Văn A"), "C1": YesNo(True)})
    )
    assert result.points == D(10)
    assert result.max_points == D(10)
    assert result.node("TT1").answer == Number(D(120))
    assert cs.max_total == D(10)
    assert [g.code for g in cs.groups] == ["C1"]


def test_an_informational_field_with_points_is_refused_when_loading():
    bad = {**info("TT1"), "max_points": D(5)}
    with pytest.raises(CriteriaFileError, match="carries no points"):
        make_set(bad, leaf("C1", 10, "yes_no"))


def test_the_explanation_shows_the_value_or_says_it_carries_no_points():
    from egovrank.scoring.explain import render

    cs = make_set(group("TT", info("TT1", "number"), info("TT2")), leaf("C1", 10, "yes_no"))
    result = score_unit(cs, unit("u", {"TT1": Number(D(120))}))
    assert render(result.node("TT1").explanation) == "Thông tin: 120"
    assert render(result.node("TT2").explanation) == "Thông tin, không tính điểm"
    assert render(result.node("TT").explanation, "en") == "Information, no points"


def test_information_entered_on_a_form_is_text_or_a_number():
    assert InfoRule().input_kind == "text"
    assert InfoRule().read_entry("TT1", " Nguyễn Văn An ", D(0)) == Text("Nguyễn Văn An")
    numeric = InfoRule(value_type="number")
    assert numeric.input_kind == "number"
    assert numeric.read_entry("TT2", "120", D(0)) == Number(D(120))
    assert entry_problem(numeric, "-3", 0) == ("negative", {"what": "figure"})
