"""`egovrank <command>`: every operator's command has --help, bad input is one clear line
on standard error with exit code 2 (no traceback), and the commands run through it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from egovrank.cli import COMMANDS, main
from egovrank.periods.models import Period

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def english():
    """The commands' messages in English (they follow the site's language otherwise)."""
    with translation.override("en"):
        yield


def test_the_overview_lists_every_command(capsys):
    assert main(["--help"]) == 0
    printed = capsys.readouterr().out
    for name in COMMANDS:
        assert f"  {name} " in printed
    assert "egovrank <command> --help" in printed


def test_no_command_prints_the_overview_and_exits_with_2(capsys):
    assert main([]) == 2
    assert "usage: egovrank <command>" in capsys.readouterr().err


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help(name, capsys):
    assert main([name, "--help"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"usage: egovrank {name}")


def test_help_before_a_command_name_works_too(capsys):
    assert main(["help", "backup"]) == 0
    assert "usage: egovrank backup" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["open-period", "abc"], "argument year: invalid int value: 'abc'"),
        (["backup"], "the following arguments are required: file"),
        (["import-figures", "2019", "f.csv"], "the following arguments are required: --source"),
        (["export-results", "2019", "--format", "docx"], "invalid choice: 'docx'"),
        (["restore", "/nowhere/egovrank.zip"], "/nowhere/egovrank.zip: no such file"),
        (["backup", "notes.txt"], "notes.txt: the archive's name must end in .zip"),
        (["compute-results", "1999"], "There is no period for 1999"),
        (["export-results", "1999"], "There is no period for 1999"),
        (["open-period", "2020"], "Choose the criteria-set version"),
        (["import-figures", "1999", "f.csv", "--source", "x"], "There is no period for 1999"),
        (["import-units", "/nowhere/units.csv"], "/nowhere/units.csv: No such file"),
        (["export-criteria", "no-such-set"], "There is no version no-such-set"),
        (["send-deadline-reminders", "--days", "x"], "--days: x is not a whole number"),
        (["score", "--criteria", "no-such-set", "--answers", "a.csv"], "no such file"),
        (["no-such-command"], "unknown command 'no-such-command'"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_code_2(args, message, capsys):
    with_units = args == ["open-period", "2020"]
    if with_units:
        from egovrank.testing.world import make_world

        make_world()
    assert main(args) == 2
    error = capsys.readouterr().err
    assert message in error
    assert "Traceback" not in error
    assert error.startswith(("egovrank", "usage: egovrank")), error


@pytest.mark.django_db
def test_the_commands_run_through_the_cli(world, tmp_path, capsys):
    from egovrank.results.tests.helpers import reviewed

    reviewed(world)
    assert main(["compute-results", "2019", "--locale", "en", "--block", "KHOI01"]) == 0
    printed = capsys.readouterr().out
    assert "KHOI01 — Khối 01 (hungyen-2018-khoi01): 3 units" in printed
    assert "Sở Tài chính" in printed
    target = tmp_path / "results.json"
    assert main(["export-results", "2019", "--output", str(target)]) == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert [block["code"] for block in document["blocks"]] == ["KHOI01", "KHOI02", "KHOI03"]
    assert (
        main(
            [
                "open-period",
                "2020",
                "--draft",
                "--criteria",
                "KHOI01=hungyen-2018-khoi01",
                "--criteria",
                "KHOI02=hungyen-2018-khoi02",
                "--criteria",
                "KHOI03=hungyen-2018-khoi03",
            ]
        )
        == 0
    )
    assert Period.objects.get(year=2020).state == "draft"


def test_the_console_script_runs_in_its_own_process(tmp_path):
    env = {**os.environ, "SECRET_KEY": "cli-test", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-m", "egovrank.cli", "restore", str(tmp_path / "none.zip")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == f"egovrank restore: {tmp_path / 'none.zip'}: no such file\n"


def test_score_runs_without_django(tmp_path):
    # No settings, no database: the scoring core alone.
    code = (
        "import sys; from egovrank.cli import main; "
        "rc = main(['score', '--criteria', 'hungyen-2018-khoi01', '--answers', "
        "'examples/hungyen-khoi01-2019-answers.csv', '--format', 'csv']); "
        "assert 'django' not in sys.modules, 'Django was imported'; sys.exit(rc)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY")}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("rank,unit_code,unit_name")
