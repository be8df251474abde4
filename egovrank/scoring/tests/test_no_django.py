"""The scoring core stays pure Python: no Django, no I/O to databases, no randomness."""

import ast
import subprocess
import sys
from pathlib import Path

SCORING = Path(__file__).resolve().parent.parent
FORBIDDEN = {"django", "rest_framework", "random", "psycopg", "sqlite3"}


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_module_of_the_scoring_core_imports_django():
    offenders = []
    for path in SCORING.rglob("*.py"):
        if "tests" in path.relative_to(SCORING).parts:
            continue
        for module in imported_modules(path):
            if module.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(SCORING)} imports {module}")
    assert offenders == []


def test_importing_every_scoring_module_loads_no_django():
    modules = sorted(
        "egovrank.scoring." + ".".join(p.relative_to(SCORING).with_suffix("").parts)
        for p in SCORING.rglob("*.py")
        if "tests" not in p.relative_to(SCORING).parts and p.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'rest_framework'})\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
