"""Every worked example of docs/criteria-format.md ("Scoring, levels and ranking as data")
is scored here: the set, the answers and the output are read out of the page, the set
and answers are run through ``egovrank score`` and the output must be the page's."""

import re
from pathlib import Path

import pytest

from egovrank.cli import main

PAGE = Path(__file__).resolve().parents[3] / "docs" / "criteria-format.md"
EXAMPLE = re.compile(
    r"<!-- example: (?P<name>\w+)(?P<args>[^>]*)-->\s*"
    r"```yaml\n(?P<set>.*?)```\s*```csv\n(?P<answers>.*?)```\s*```text\n(?P<output>.*?)```",
    re.DOTALL,
)


def examples() -> list[re.Match[str]]:
    return list(EXAMPLE.finditer(PAGE.read_text(encoding="utf-8")))


def scored(example: re.Match[str], folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    criteria = folder / f"{example['name']}.yaml"
    answers = folder / f"{example['name']}.csv"
    criteria.write_text(example["set"], encoding="utf-8")
    answers.write_text(example["answers"], encoding="utf-8")
    code = main(
        ["score", "--criteria", str(criteria), "--answers", str(answers), *example["args"].split()]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_the_page_has_one_example_per_feature():
    assert [example["name"] for example in examples()] == [
        "truncate",
        "round_at_total",
        "strict_levels",
        "english_levels",
        "no_levels",
        "converted",
        "tie_order",
        "not_ranked",
    ]


@pytest.mark.parametrize("index", range(8))
def test_each_example_scores_as_the_page_shows(index, tmp_path, capsys):
    example = examples()[index]
    assert scored(example, tmp_path, capsys) == example["output"], example["name"]
