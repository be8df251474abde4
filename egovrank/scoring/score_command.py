"""``egovrank score``: score and rank a block from a criteria set and an answers CSV,
with no database and no server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from . import report
from .answers_csv import read_answers_csv
from .catalogue import packaged_set, packaged_set_ids
from .engine import score_block
from .fileformat.xlsx_io import criteria_set_from_xlsx
from .fileformat.yaml_io import load_criteria_set
from .tree import CriteriaSet

__all__ = ["add_arguments", "load_set", "run"]

FORMATS = ("table", "csv", "json", "xlsx")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--criteria",
        required=True,
        metavar="SET",
        help="criteria set: a .yaml or .xlsx file, or the id of a shipped set "
        f"({', '.join(packaged_set_ids())})",
    )
    parser.add_argument(
        "--answers",
        required=True,
        metavar="ANSWERS.csv",
        help="long-format CSV: unit_code,unit_name,parent_code,criterion,value",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="output format")
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of the terminal")
    parser.add_argument("--explain", metavar="UNIT_CODE", help="print that unit's explanation tree")
    parser.add_argument(
        "--locale", choices=("vi", "en"), default="vi", help="language of the table"
    )


def load_set(spec: str) -> CriteriaSet:
    """A set from a file path, or a shipped set by id."""
    path = Path(spec)
    if path.suffix.lower() == ".xlsx":
        return criteria_set_from_xlsx(path.read_bytes(), str(path))
    if path.suffix.lower() in {".yaml", ".yml"} or path.exists():
        return load_criteria_set(path)
    if spec in packaged_set_ids():
        return packaged_set(spec)
    raise FileNotFoundError(f"{spec}: no such file, and no shipped set has this id")


def run(
    args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command; returns the exit code (0 ok, 2 bad input)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        criteria_set = load_set(args.criteria)
        answers_path = Path(args.answers)
        text = answers_path.read_text(encoding="utf-8-sig")
        units = read_answers_csv(text, criteria_set, str(answers_path))
        block = score_block(criteria_set, units)
    except UnicodeDecodeError:  # before ValueError, of which it is a kind
        stderr.write(f"egovrank score: {args.answers}: the file is not UTF-8 text\n")
        return 2
    except (FileNotFoundError, ValueError) as exc:  # refused files and answers included
        stderr.write(f"egovrank score: {exc}\n")
        return 2

    if args.explain:
        try:
            scored = block.row(args.explain).score
        except KeyError:
            stderr.write(f"egovrank score: --explain: no unit {args.explain!r} in {args.answers}\n")
            return 2
        output = "\n".join(report.explanation_lines(criteria_set, scored, args.locale)) + "\n"
        return _write(output, args.output, stdout)

    if args.format == "xlsx":
        if not args.output:
            stderr.write("egovrank score: --format xlsx needs --output FILE\n")
            return 2
        Path(args.output).write_bytes(report.render_xlsx(block))
        return 0
    if args.format == "csv":
        output = report.render_csv(block)
    elif args.format == "json":
        output = report.render_json(block)
    else:
        output = report.render_table(block, args.locale)
    return _write(output, args.output, stdout)


def _write(text: str, output: str | None, stdout: TextIO) -> int:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        stdout.write(text)
    return 0
