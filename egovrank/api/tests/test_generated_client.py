"""A client generated from ``/api/schema/`` by a third-party generator
(openapi-python-client, pinned in requirements/dev.txt) works: every endpoint module
imports, and the typed functions read units, a form and a publication, save an answer
and get typed refusals from the live server. A schema that merely validates is not
enough: three content types declared for one body made 9 of its 32 endpoint modules
fail to import (``NameError: Unset``).

The generator runs offline once installed; the client is generated once for the module.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
import yaml
from django.test import Client

from egovrank.api.actions import do_create_token
from egovrank.results.tests import helpers as results
from egovrank.testing.world import World, make_period

PACKAGE = "egovrank_api_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder = tmp_path_factory.mktemp("generated-client")
    # The schema as served (public, no sign-in, no database read).
    served = Client().get("/api/schema/")
    assert served.status_code == 200
    schema = folder / "schema.yaml"
    schema.write_bytes(served.content)
    config = folder / "config.json"
    # No formatting hooks: they would run whatever ruff is on the PATH.
    config.write_text(json.dumps({"post_hooks": []}), encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(schema),
            "--output-path",
            str(folder / PACKAGE),
            "--meta",
            "none",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if n.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def endpoint(generated: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{generated.__name__}.api.{name}")


def test_every_generated_endpoint_module_imports(generated: ModuleType) -> None:
    api = importlib.import_module(f"{generated.__name__}.api")
    modules = [
        info.name
        for info in pkgutil.walk_packages(api.__path__, f"{api.__name__}.")
        if not info.ispkg
    ]
    failures = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - every failure is listed
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
    assert failures == []
    served = yaml.safe_load(Client().get("/api/schema/").content)
    operations = sum(len(methods) for methods in served["paths"].values())
    assert len(modules) == operations


def _published_2018(world: World) -> None:
    """2018 published (every form approved), while 2019 stays open."""
    current = (world.period, dict(world.participants))
    make_period(world, year=2018)
    results.published(world)
    world.period, world.participants = current


@pytest.mark.django_db(transaction=True)
def test_the_generated_client_reads_saves_and_gets_typed_refusals(
    generated: ModuleType, live_server: Any, world: World
) -> None:
    _published_2018(world)
    _token, secret = do_create_token(world.unit_officer, "generated client", actor=None)
    officer = generated.AuthenticatedClient(
        base_url=live_server.url,
        token=secret,
        prefix="Token",
        headers={"Accept-Language": "en"},
    )
    models = importlib.import_module(f"{generated.__name__}.models")
    own = world.units["sotc"].code

    units = endpoint(generated, "units.units_list").sync(client=officer)
    assert isinstance(units, models.PaginatedUnitList)
    assert own in {unit.code for unit in units.results}

    form = endpoint(generated, "self_assessments.assessments_retrieve").sync(
        year=2019, unit=own, client=officer
    )
    assert isinstance(form, models.AssessmentDetail)
    assert (form.year, form.unit_code, form.state.value) == (2019, own, "not_started")

    answer = endpoint(generated, "self_assessments.assessments_answer")
    saved = answer.sync(
        year=2019,
        unit=own,
        code="HT3.1",
        client=officer,
        body=models.AnswerInputRequest(value="yes", revision=0),
    )
    assert isinstance(saved, models.SavedAnswer), saved
    assert saved.criterion.code == "HT3.1"

    # The same revision again is stale: a typed 409 carrying the current answer.
    stale = answer.sync(
        year=2019,
        unit=own,
        code="HT3.1",
        client=officer,
        body=models.AnswerInputRequest(value="no", revision=0),
    )
    assert isinstance(stale, models.StaleAnswer), stale
    assert stale.errors[0].code == "stale"
    # Another unit's form is out of reach: a typed 404, as for what does not exist.
    other = endpoint(generated, "self_assessments.assessments_retrieve").sync_detailed(
        year=2019, unit=world.units["soxd"].code, client=officer
    )
    assert other.status_code == 404
    assert isinstance(other.parsed, models.Error)
    assert other.parsed.errors[0].code == "not_found"

    publication = endpoint(generated, "published_results.publications_retrieve").sync(
        year=2018, number=1, client=officer
    )
    assert isinstance(publication, models.PublicationDetail), publication
    assert (publication.year, publication.number) == (2018, 1)
    assert publication.tables and publication.tables[0].rows
