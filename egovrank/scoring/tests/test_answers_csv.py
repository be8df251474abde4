"""Reading long-format answers: all or nothing, every problem named by row and column."""

import pytest

from egovrank.scoring.answers import NA, Choice, Ratio, YesNo
from egovrank.scoring.answers_csv import AnswersFileError, read_answers_csv

from .builders import D, group, leaf, make_set

CS = make_set(
    group(
        "G",
        leaf("R", 10, "ratio"),
        leaf("Y", 10, "yes_no", allow_na=True),
        leaf(
            "O",
            10,
            "option",
            options=[
                {"code": "A", "label": "a", "points": D(10)},
                {"code": "B", "label": "b", "points": D(0)},
            ],
        ),
        allow_na=True,
    )
)
HEADER = "unit_code,unit_name,parent_code,criterion,value\n"


def read(body):
    return read_answers_csv(HEADER + body, CS, "a.csv")


def refused(body):
    with pytest.raises(AnswersFileError) as caught:
        read(body)
    return [str(p) for p in caught.value.problems]


def test_rows_become_typed_answers_per_unit_in_file_order():
    units = read(
        "B,Xã B,H1,R,3/4\nA,Xã A,,Y,yes\nA,Xã A,,O,a\nB,,H1,Y,na\nC,Xã C,H2,-,not_submitted\n"
    )
    assert [(u.code, u.name, u.parent, u.submitted) for u in units] == [
        ("B", "Xã B", "H1", True),
        ("A", "Xã A", None, True),
        ("C", "Xã C", "H2", False),
    ]
    assert units[0].answers == {"R": Ratio(D(3), D(4)), "Y": NA}
    assert units[1].answers == {"Y": YesNo(True), "O": Choice("a")}


def test_a_utf8_bom_from_excel_is_accepted():
    units = read_answers_csv("\ufeff" + HEADER + "A,Xã A,,Y,yes\n", CS, "a.csv")
    assert units[0].code == "A"


def test_a_whole_group_may_be_marked_not_applicable():
    assert read("A,Xã A,,G,na\n")[0].answers == {"G": NA}


def test_every_bad_row_is_reported_and_nothing_is_returned():
    problems = refused(
        ",Xã A,,R,1/2\n"  # row 2: no unit code
        "A,,,R,1/2\n"  # row 3: no name on first row
        "B,Xã B,,R,1/0\n"  # row 4: zero denominator
        "B,Xã Khác,,Y,yes\n"  # row 5: name differs
        "B,Xã B,H9,O,Z\n"  # row 6: parent differs; unknown option
        "C,Xã C,,-,not_submitted\n"  # row 7
        "C,Xã C,,Y,yes\n"  # row 8: answers for a non-submitter (reported on row 7)
        "D,Xã D,,,yes\n"  # row 9: no criterion
        "D,Xã D,,R,\n"  # row 10: no value
    )
    assert problems == [
        "a.csv, row 2, column unit_code: a unit code is needed",
        "a.csv, row 3, column unit_name: a unit name is needed on the unit's first row",
        "a.csv, row 4, column value: [R] the denominator must not be 0",
        "a.csv, row 5, column unit_name: 'Xã Khác' differs from 'Xã B' on row 4",
        "a.csv, row 6, column parent_code: 'H9' differs from '' on row 4",
        "a.csv, row 6, column value: [O] unknown option 'Z' (expected one of A, B)",
        "a.csv, row 9, column criterion: a criterion code is needed (or '-' for not submitted)",
        "a.csv, row 10, column value: [R] a value is needed",
        "a.csv, row 7, column criterion: unit C is marked not submitted but has answers (row 8)",
    ]


def test_a_group_code_with_a_value_is_refused():
    assert refused("A,Xã A,,G,yes\n") == [
        "a.csv, row 2, column value: [G] is a group: answer its sub-criteria"
    ]


def test_a_wrong_header_is_refused_naming_the_columns():
    with pytest.raises(
        AnswersFileError, match="missing column\\(s\\): value; unknown column\\(s\\): points"
    ):
        read_answers_csv("unit_code,unit_name,parent_code,criterion,points\n", CS, "a.csv")


def test_a_row_with_the_wrong_number_of_cells_is_refused():
    assert refused("A,Xã A,,Y\n") == ["a.csv, row 2, column *: expected 5 cells, found 4"]


def test_a_problem_also_gives_its_row_and_column_to_programs():
    with pytest.raises(AnswersFileError) as caught:
        read("A,Xã A,,R,1/0\n")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.code) == (2, "value", "R")


def test_a_unit_marked_not_ranked_needs_a_reason_and_is_marked_once():
    from egovrank.scoring.answers_csv import AnswersFileError, read_answers_csv
    from egovrank.scoring.fileformat.yaml_io import loads_criteria_set

    criteria_set = loads_criteria_set(
        "format: egovrank/criteria-set/1\nid: s\ntitle: S\n"
        "nodes:\n  - {code: A, name: A, max_points: 10, rule: {kind: manual}}\n"
    )
    good = "unit_code,unit_name,parent_code,criterion,value\nX,X,,A,5\nX,X,,-,not_ranked: Không có TTHC\n"
    (unit,) = read_answers_csv(good, criteria_set)
    assert (unit.ranked, unit.not_ranked_reason) == (False, "Không có TTHC")
    bad = good + "X,X,,-,not_ranked: lại\nY,Y,,-,not_ranked\n"
    with pytest.raises(AnswersFileError) as caught:
        read_answers_csv(bad, criteria_set)
    assert [str(p) for p in caught.value.problems] == [
        "answers.csv, row 4, column criterion: the unit is already marked not ranked on row 3",
        "answers.csv, row 5, column value: say why: not_ranked: <reason>",
    ]
