"""The ``egovrank`` command.

``egovrank score ...`` runs the scoring core alone (no database, no Django).
``egovrank <command>`` runs the operator's commands listed in ``COMMANDS``: the hyphenated
name is the Django management command with underscores (``import-units`` runs
``import_units``). Each takes ``--help``; a refusal is one clear message on standard
error and exit code 2 (bad input), never a traceback (``--traceback`` shows one).
Anything else is handed to Django as ``manage.py`` would (``egovrank migrate``).

Django's settings come from DJANGO_SETTINGS_MODULE, ``egovrank.settings`` by default,
which reads the environment (docs/configuration.md).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TextIO

__all__ = ["COMMANDS", "main"]

# Django and the scoring core are imported in the functions that need them, so that
# `egovrank --help` answers without settings and `egovrank score` runs without Django.

# The operator's commands, in the order of the yearly cycle, with a line for --help.
# Kept here (not read from Django) so that `egovrank --help` works without settings.
COMMANDS = {
    "score": "score and rank a block from a criteria set and an answers file (no database)",
    "import-units": "create or update units from a .csv/.xlsx unit list, all or nothing",
    "export-units": "write every unit to a .csv/.xlsx file that import-units reads back",
    "import-results": "record a past year's published results from a .csv/.xlsx file",
    "import-criteria": "store a new criteria-set version from a .yaml/.xlsx file",
    "export-criteria": "write a stored criteria-set version as YAML or Excel",
    "open-period": "create a year's period from the units of that year, and open it",
    "import-figures": "fill a period's forms with figures from another system (.csv/.xlsx)",
    "send-deadline-reminders": "remind units whose deadline is near (run it from cron)",
    "compute-results": "print a period's results per block as they stand now",
    "export-results": "write a period's results, live or published, as csv/json/xlsx/pdf",
    "backup": "write one signed archive of the database and every evidence file, with checksums",
    "restore": "restore such an archive into an empty installation",
    "seed-demo": "load the Hưng Yên demo (demo installations only)",
    "generate-national-data": "fill a throw-away database with 12,000 published fake units",
}

USAGE = "usage: egovrank <command> [options]   (egovrank <command> --help for its options)"


def overview() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [USAGE, "", "commands:"]
    lines += [f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()]
    lines += [
        "",
        "Any other Django management command works too, e.g. `egovrank migrate`.",
        "Settings: DJANGO_SETTINGS_MODULE (default egovrank.settings), which reads the",
        "environment: DATABASE_URL, SECRET_KEY, EVIDENCE_ROOT … (docs/configuration.md).",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(args)
    except SystemExit as exc:  # argparse's own exit (--help: 0, bad usage: 2)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        sys.stderr.write("egovrank: interrupted\n")
        return 130


def _main(args: list[str]) -> int:
    if not args:
        sys.stderr.write(overview())
        return 2
    if args[0] in ("-h", "--help", "help") and len(args) == 1:
        sys.stdout.write(overview())
        return 0
    if args[0] == "help":  # `egovrank help backup` is `egovrank backup --help`
        args = [args[1], "--help"]
    if args[0] == "--version":
        from importlib import metadata

        sys.stdout.write(f"egovrank {metadata.version('egovrank')}\n")
        return 0
    if args[0] == "score":
        return _score(args[1:])
    _settings_from(args)
    if args[0] in COMMANDS:
        return _run(args[0], args[1:])
    if not args[0].startswith("-"):
        from django.core.exceptions import ImproperlyConfigured
        from django.core.management import get_commands

        try:
            known = get_commands()
        except ImproperlyConfigured as exc:
            return _fail(args[0], f"the configuration is incomplete: {exc}", 1)
        if args[0] not in known:
            message = f"unknown command {args[0]!r}; `egovrank --help` lists the commands"
            sys.stderr.write(f"egovrank: {message}\n")
            return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(["egovrank", *args])
    return 0


def _settings_from(args: list[str]) -> None:
    """``--settings`` and ``--pythonpath`` act before Django starts, as in manage.py."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    known, _rest = parser.parse_known_args(args[1:])
    if known.pythonpath:
        sys.path.insert(0, known.pythonpath)
    if known.settings:
        os.environ["DJANGO_SETTINGS_MODULE"] = known.settings
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovrank.settings")


def _score(args: list[str]) -> int:
    from egovrank.scoring import score_command

    parser = argparse.ArgumentParser(
        prog="egovrank score",
        description="Score and rank one block from a criteria set and an answers CSV.",
    )
    score_command.add_arguments(parser)
    return score_command.run(parser.parse_args(args))


def _fail(name: str, message: str, code: int, stream: TextIO | None = None) -> int:
    (stream or sys.stderr).write(f"egovrank {name}: {message}\n")
    return code


def _run(name: str, args: list[str]) -> int:
    """Run the management command behind ``name`` as Django's ``run_from_argv`` would,
    but with our program name and exit codes."""
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        return _fail(name, f"the configuration is incomplete: {exc}", 1)
    from django.core.management import get_commands, load_command_class
    from django.core.management.base import CommandError
    from django.db import DatabaseError

    command_name = name.replace("-", "_")
    command = load_command_class(get_commands()[command_name], command_name)
    # Bad usage then ends the way argparse does: the usage, the error, exit code 2.
    command._called_from_command_line = True  # type: ignore[attr-defined]
    parser = command.create_parser("egovrank", name)
    options = parser.parse_args(args)
    values = vars(options)
    positional = values.pop("args", ())
    try:
        command.execute(*positional, **values)
    except CommandError as exc:
        if values.get("traceback"):
            raise
        return _fail(name, str(exc), 2)
    except (DatabaseError, OSError) as exc:  # the database or a disk, not the input
        if values.get("traceback"):
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        return _fail(name, f"{type(exc).__name__}: {message}", 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
