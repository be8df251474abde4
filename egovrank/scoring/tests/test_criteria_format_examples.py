"""The worked examples of shared figures and origins in docs/criteria-format.md are run:
each example's criteria and answers are read out of the page and scored by
``egovrank score``, and what the page shows is what the command prints."""

import re
from pathlib import Path

import pytest

from egovrank.cli import main

DOC = Path(__file__).resolve().parents[3] / "docs" / "criteria-format.md"
BLOCK = re.compile(
    r"<!-- example (?P<name>[\w-]+): (?P<part>[^>]*?) -->\n```\w*\n(?P<body>.*?)```", re.S
)


def examples():
    found: dict[str, dict[str, str]] = {}
    for match in BLOCK.finditer(DOC.read_text(encoding="utf-8")):
        found.setdefault(match["name"], {})[match["part"]] = match["body"]
    return found


def run(tmp_path, monkeypatch, capsys, name, answers_text):
    """``egovrank score`` run as the page's command line shows it, in a folder holding
    the example's files under the names that line uses."""
    example = examples()[name]
    command = example["output"].split("\n", 1)[0].removeprefix("$ egovrank ").split()
    files = dict(zip(command[1::2], command[2::2], strict=False))
    monkeypatch.chdir(tmp_path)
    Path(files["--criteria"]).write_text(example["criteria"], encoding="utf-8")
    Path(files["--answers"]).write_text(answers_text, encoding="utf-8")
    code = main(command)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", ["shared-figures", "origins"])
def test_each_example_scores_as_the_page_shows(tmp_path, monkeypatch, capsys, name):
    example = examples()[name]
    code, out, err = run(tmp_path, monkeypatch, capsys, name, example["answers"])
    assert code == 0, err
    shown = example["output"].split("\n", 1)[1]  # after the command line
    assert out == shown


def test_the_refused_example_is_refused_as_the_page_shows(tmp_path, monkeypatch, capsys):
    example = examples()["shared-figures"]
    [part] = [p for p in example if p.startswith("refused ")]
    _refused, criterion, value = part.split()
    answers = re.sub(rf"(,{criterion}),\d+", rf"\1,{value}", example["answers"], count=1)
    code, out, err = run(tmp_path, monkeypatch, capsys, "shared-figures", answers)
    assert code == 2
    assert err == example[part]
