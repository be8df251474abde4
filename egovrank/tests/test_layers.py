"""The architecture as the code has it (docs/architecture.md): the apps stand in floors,
and each imports only the apps on its floor or below.

The floors are ``scoring`` (pure Python, the base), then the egovrank apps in the order
of ``INSTALLED_APPS``, ground floor (``core``) first. Imports are read from the source
(function-local ones and ``TYPE_CHECKING`` ones included), so no import can hide from
the check; tests and migrations are left out, since a test may build whatever world it
needs. AST only: no Django here, so the check is cheap.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
# The Django apps, and the scoring core (plain Python, no app of its own).
APPS = sorted(
    path.name for path in PACKAGE.iterdir() if (path / "apps.py").exists() or path.name == "scoring"
)


def _installed_apps() -> list[str]:
    """The egovrank apps of ``settings.INSTALLED_APPS``, in order, read from the source."""
    settings = ast.parse((PACKAGE / "settings.py").read_text(encoding="utf-8"))
    for node in settings.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.List)
            and any(
                isinstance(target, ast.Name) and target.id == "INSTALLED_APPS"
                for target in node.targets
            )
        ):
            names = [ast.literal_eval(element) for element in node.value.elts]
            return [name.split(".")[1] for name in names if name.startswith("egovrank.")]
    raise AssertionError("settings.py has no INSTALLED_APPS")


# Lowest first: an app may import the apps before it in this list, never those after.
FLOORS = ["scoring", *_installed_apps()]


def _modules(app: str) -> Iterator[Path]:
    for path in (PACKAGE / app).rglob("*.py"):
        parts = path.relative_to(PACKAGE / app).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def _absolute(node: ast.ImportFrom, place: Path) -> str:
    """The absolute module of ``from … import``: a relative one resolved against the
    package of ``place`` (``from ..orgs import models`` in core/x.py is egovrank.orgs)."""
    if node.level == 0:
        return node.module or ""
    package = ["egovrank", *place.relative_to(PACKAGE).parent.parts]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, node.module] if node.module else package)


def imported_apps(path: Path, place: Path | None = None) -> Iterator[tuple[int, str]]:
    """(line, app) for each import of an egovrank app in the file at ``path``: absolute or
    relative, ``from egovrank import orgs`` too. Relative imports are resolved as if the
    file were at ``place`` in the package (by default, where it is)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = _absolute(node, place or path)
            # ``from egovrank import orgs`` names the app among the imported names.
            names = (
                [f"{module}.{alias.name}" for alias in node.names]
                if module == "egovrank"
                else [module]
            )
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "egovrank" and len(parts) > 1:
                yield node.lineno, parts[1]


def _dependencies() -> dict[str, dict[str, list[str]]]:
    """app → the other egovrank apps it imports → where."""
    found: dict[str, dict[str, list[str]]] = {app: {} for app in APPS}
    for app in APPS:
        for path in _modules(app):
            for line, other in imported_apps(path):
                if other != app and other in APPS:
                    place = f"{path.relative_to(PACKAGE)}:{line}"
                    found[app].setdefault(other, []).append(place)
    return found


def test_the_apps_are_found():
    assert {"core", "orgs", "accounts", "front", "demo", "scoring"} <= set(APPS)


def test_every_app_has_a_floor():
    assert sorted(FLOORS) == APPS
    assert FLOORS[:2] == ["scoring", "core"]


def test_every_kind_of_import_is_seen(tmp_path):
    """The check reads absolute, function-local, TYPE_CHECKING, relative and
    ``from egovrank import`` imports alike (a module read as if it were in core)."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from typing import TYPE_CHECKING\n"
        "from egovrank.accounts.models import User\n"
        "if TYPE_CHECKING:\n"
        "    from egovrank.orgs.models import Unit\n"
        "def f():\n"
        "    from egovrank.periods import models\n"
        "    from ..review import models\n"
        "    from egovrank import results\n"
        "    from . import roles\n"
        "    import egovrank.front.views\n",
        encoding="utf-8",
    )
    found = [app for _, app in imported_apps(probe, place=PACKAGE / "core" / "probe.py")]
    assert found == ["accounts", "orgs", "periods", "review", "results", "core", "front"]


def test_core_imports_no_other_egovrank_app():
    allowed = {"core", "scoring"}
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line} imports egovrank.{app}"
        for path in _modules("core")
        for line, app in imported_apps(path)
        if app not in allowed
    ]
    assert offenders == []


def test_every_app_imports_only_downwards():
    floor = {app: position for position, app in enumerate(FLOORS)}
    offenders = [
        f"{place} imports egovrank.{other} (a floor above {app})"
        for app, imports in _dependencies().items()
        for other, places in imports.items()
        if floor[other] > floor[app]
        for place in places
    ]
    assert offenders == []


def test_no_two_apps_import_each_other():
    dependencies = _dependencies()
    pairs = sorted(
        f"{app} <-> {other}"
        for app, imports in dependencies.items()
        for other in imports
        if app < other and app in dependencies[other]
    )
    assert pairs == []
