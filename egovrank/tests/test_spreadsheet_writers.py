"""Every CSV and Excel writer of the app goes through the formula-injection helper
(``egovrank/scoring/fileformat/cells.py``): a new writer that bypasses it fails here.

The rules, checked on the source of every module outside the tests:

- only the helper makes a ``csv.writer`` or ``csv.DictWriter`` (others use ``csv_writer``);
- in a module that makes an openpyxl ``Workbook``, a row appended to a sheet is a
  ``sheet_row(...)``, and a cell made with a value (``sheet.cell(r, c, value)``,
  ``WriteOnlyCell(sheet, value=...)``) is wrapped in ``text_cell(...)``;
- nor is a value put in a cell by assignment (``cell.value = ...``, ``sheet["A1"] = ...``):
  openpyxl would take text starting with ``=`` for a formula there too.
"""

import ast
from pathlib import Path

EGOVRANK = Path(__file__).resolve().parent.parent
HELPER = EGOVRANK / "scoring" / "fileformat" / "cells.py"


def modules():
    for path in sorted(EGOVRANK.rglob("*.py")):
        parts = path.relative_to(EGOVRANK).parts
        if "tests" in parts or "testing" in parts or "migrations" in parts or path == HELPER:
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def name_of(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def calls(tree):
    """Each call with the call it is an argument of (None at the top)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(argument, ast.Call):
                    argument.wrapper = node  # type: ignore[attr-defined]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node, getattr(node, "wrapper", None)


def offences(path, tree):
    where = path.relative_to(EGOVRANK)
    found = []
    makes_workbook = any(name_of(call.func) == "Workbook" for call, _ in calls(tree))
    for call, wrapper in calls(tree):
        function = name_of(call.func)
        receiver = name_of(call.func.value) if isinstance(call.func, ast.Attribute) else ""
        line = f"{where}:{call.lineno}"
        if receiver == "csv" and function in ("writer", "DictWriter"):
            found.append(f"{line}: csv.{function} without the helper's csv_writer")
        if not makes_workbook:
            continue
        if function == "append" and (receiver == "ws" or receiver.lower().endswith("sheet")):
            argument = call.args[0] if call.args else None
            if not (isinstance(argument, ast.Call) and name_of(argument.func) == "sheet_row"):
                found.append(f"{line}: {receiver}.append(...) not through sheet_row")
        has_value = len(call.args) >= 3 or any(k.arg == "value" for k in call.keywords)
        if (function == "cell" and has_value) or function == "WriteOnlyCell":
            if wrapper is None or name_of(wrapper.func) != "text_cell":
                found.append(f"{line}: {function}(...) with a value not through text_cell")
    for node in ast.walk(tree) if makes_workbook else ():
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            line = f"{where}:{node.lineno}"
            if isinstance(target, ast.Attribute) and target.attr == "value":
                found.append(f"{line}: {name_of(target.value)}.value = ... not through text_cell")
            if isinstance(target, ast.Subscript):
                receiver = name_of(target.value)
                if receiver == "ws" or receiver.lower().endswith("sheet"):
                    found.append(f"{line}: {receiver}[...] = ... not through text_cell")
    return found


def test_every_spreadsheet_writer_goes_through_the_formula_helper():
    found = [offence for path, tree in modules() for offence in offences(path, tree)]
    assert found == []


def test_the_guard_catches_a_writer_that_bypasses_the_helper():
    bypass = ast.parse(
        "import csv\nfrom openpyxl import Workbook\n"
        "def export(out, names):\n"
        "    csv.writer(out).writerow(names)\n"
        "    workbook = Workbook()\n"
        "    sheet = workbook.active\n"
        "    sheet.append(names)\n"
        "    sheet.cell(2, 1, names[0])\n"
        "    sheet.cell(3, 1).value = names[1]\n"
        "    sheet['A4'] = names[2]\n"
    )
    assert len(offences(EGOVRANK / "orgs" / "new_export.py", bypass)) == 5
