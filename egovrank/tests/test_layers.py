"""The architecture as the code has it: ``core`` is the ground floor and imports no other
egovrank app, so any app can stand on it without a cycle.

Imports are read from the source (function-local ones and ``TYPE_CHECKING`` ones
included), so no import can hide from the check; tests are left out, since a test may
build whatever world it needs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
APPS = sorted(
    path.name
    for path in PACKAGE.iterdir()
    if path.is_dir() and (path / "apps.py").exists() and path.name != "scoring"
)


def _modules(app: str) -> Iterator[Path]:
    for path in (PACKAGE / app).rglob("*.py"):
        parts = path.relative_to(PACKAGE / app).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def imported_apps(path: Path) -> Iterator[tuple[int, str]]:
    """(line, app) for each import of an egovrank app in the file at ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "egovrank" and len(parts) > 1:
                yield node.lineno, parts[1]


def test_the_apps_are_found():
    assert {"core", "orgs", "accounts", "front", "demo"} <= set(APPS)


def test_core_imports_no_other_egovrank_app():
    allowed = {"core", "scoring"}
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line} imports egovrank.{app}"
        for path in _modules("core")
        for line, app in imported_apps(path)
        if app not in allowed
    ]
    assert offenders == []
