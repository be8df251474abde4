"""Answers files carry each shared figure once per unit; ``egovrank score`` scores them."""

import pytest

from egovrank.cli import main
from egovrank.scoring.answers import Number
from egovrank.scoring.answers_csv import AnswersFileError, read_answers_csv
from egovrank.scoring.fileformat.yaml_io import loads_criteria_set

from .builders import D
from .test_shared_figures import SHARED_YAML

HEADER = "unit_code,unit_name,parent_code,criterion,value\n"


def test_a_shared_figure_is_one_row_per_unit_and_criteria_give_only_their_own_part():
    criteria_set = loads_criteria_set(SHARED_YAML)
    text = HEADER + "A,Sở A,,TONG_CBCCVC,51\nA,Sở A,,HT1,45\nA,Sở A,,HO_SO,200\nA,Sở A,,DVC3,150\n"
    [unit] = read_answers_csv(text, criteria_set)
    assert unit.figures == {"TONG_CBCCVC": D(51), "HO_SO": D(200)}
    assert unit.answers == {"HT1": Number(D(45)), "DVC3": Number(D(150))}


def test_every_problem_with_shared_figures_in_an_answers_file_is_listed_by_row():
    criteria_set = loads_criteria_set(SHARED_YAML)
    text = (
        HEADER
        + "A,Sở A,,TONG_CBCCVC,51\n"  # 2
        + "A,Sở A,,HT1,60\n"  # 3: above 51
        + "A,Sở A,,TONG_CBCCVC,52\n"  # 4: given twice
        + "B,Sở B,,TONG_CBCCVC,abc\n"  # 5: not a number
        + "B,Sở B,,HO_SO,-1\n"  # 6: negative
        + "B,Sở B,,HT1,45/50\n"  # 7: the shared part typed again
    )
    with pytest.raises(AnswersFileError) as refused:
        read_answers_csv(text, criteria_set, "a.csv")
    found = {(p.row, p.column, p.code): p.message for p in refused.value.problems}
    assert "above the shared figure TONG_CBCCVC = 51" in found[(3, "value", "HT1")]
    assert "row 2" in found[(4, "criterion", "TONG_CBCCVC")]
    assert "number" in found[(5, "value", "TONG_CBCCVC")]
    assert "negative" in found[(6, "value", "HO_SO")]
    assert (7, "value", "HT1") in found
    assert len(found) == 5


def test_egovrank_score_scores_a_block_with_shared_figures(tmp_path, capsys):
    criteria = tmp_path / "shared.yaml"
    criteria.write_text(SHARED_YAML, encoding="utf-8")
    answers = tmp_path / "answers.csv"
    answers.write_text(
        HEADER
        + "A,Sở A,,TONG_CBCCVC,50\nA,Sở A,,HT1,40\nA,Sở A,,HO_SO,10\nA,Sở A,,DVC3,10\n"
        + "B,Sở B,,TONG_CBCCVC,50\nB,Sở B,,HT1,50\nB,Sở B,,HO_SO,10\nB,Sở B,,DVC3,5\n",
        encoding="utf-8",
    )
    code = main(
        ["score", "--criteria", str(criteria), "--answers", str(answers), "--format", "csv"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].startswith("1,A,") and ",18" in lines[1]  # 8 + 10
    assert lines[2].startswith("2,B,") and ",15" in lines[2]  # 10 + 5
    code = main(["score", "--criteria", str(criteria), "--answers", str(answers), "--explain", "A"])
    out, _ = capsys.readouterr()
    assert "40/50" in out
