"""The OpenAPI schema is generated from the code and must stay consistent with it:
``manage.py spectacular --validate --fail-on-warn`` validates it against the OpenAPI 3
specification and fails on any endpoint, field or parameter the generator cannot
describe (a view without its schema annotation fails here). schemathesis then checks
the live answers against it (test_schemathesis.py). The documentation is served by the
app from the sidecar package's static files: no CDN."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

import egovrank.api.urls as api_urls

from .helpers import api, api_as, form_kwargs

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_and_the_generator_describes_everything(tmp_path: Path) -> None:
    output = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(output))
    schema = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert schema["openapi"].startswith("3.")


def _template(route: str) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route).replace("{pk}", "{id}")
    return f"/api/{path}"


def test_every_api_endpoint_is_in_the_schema(world) -> None:
    schema = yaml.safe_load(Client().get("/api/schema/").content)
    routes = {
        _template(str(pattern.pattern))
        for pattern in api_urls.urlpatterns
        if getattr(pattern, "name", None) and str(pattern.pattern).startswith("v1/")
    }
    assert routes == set(schema["paths"])


def test_every_operation_documents_its_errors_in_one_shape(world) -> None:
    schema = yaml.safe_load(Client().get("/api/schema/").content)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "401" in responses, f"{method} {path}"
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.rsplit("/", 1)[1] in {"Error", "StaleAnswer", "StaleVerdict"}


def test_anyone_may_read_the_schema_and_the_documentation(world) -> None:
    client = Client()
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_the_documentation_uses_only_the_apps_own_static_files(world) -> None:
    client = Client()
    html = client.get("/api/docs/").content.decode()
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses
    # Swagger UI's start-up script is served by the page itself, as a file (the
    # Content-Security-Policy allows no inline script); everything else is a static file.
    startup = "/api/docs/?script="
    assert startup in addresses
    for address in addresses:
        if address == startup:
            continue
        assert address.startswith("/static/"), address
        assert finders.find(address.removeprefix("/static/")), address
    script = client.get(startup)
    assert script.status_code == 200
    text = script.content.decode()
    assert '"validatorUrl": null' in text  # no validity badge fetched from outside
    assert "http://" not in text and "https://" not in text


def _request_bodies(schema: dict) -> dict[str, dict]:
    return {
        f"{method.upper()} {path}": operation["requestBody"]["content"]
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation
    }


def test_request_bodies_are_json_and_multipart_only_where_a_file_is_uploaded(world) -> None:
    # One content type per body: a client generator makes one function per operation,
    # and three content types with one model broke its code (NameError: Unset).
    schema = yaml.safe_load(Client().get("/api/schema/").content)
    components = schema["components"]["schemas"]
    bodies = _request_bodies(schema)
    assert len(bodies) > 10
    kinds = {}
    for operation, content in bodies.items():
        assert len(content) == 1, f"{operation}: {sorted(content)}"
        [(kind, body)] = content.items()
        fields = components[body["schema"]["$ref"].rsplit("/", 1)[1]]["properties"]
        has_file = any(field.get("format") == "binary" for field in fields.values())
        kinds[operation] = kind
        assert kind == ("multipart/form-data" if has_file else "application/json"), operation
    assert sorted(op for op, kind in kinds.items() if kind == "multipart/form-data") == [
        "POST /api/v1/assessments/{year}/{unit}/criteria/{code}/files/",
        "POST /api/v1/periods/{year}/figures/",
    ]


def test_a_form_encoded_body_is_refused_as_the_schema_says(world) -> None:
    officer = api_as(world.unit_officer)
    url = api("answer", **form_kwargs(world, "sotc"), code="HT3.1")
    response = officer.client.post(url, {"value": "yes", "revision": 0})  # multipart
    assert response.status_code == 415
    assert response.json()["errors"][0]["code"] == "unsupported_media_type"
    assert officer.post(url, {"value": "yes", "revision": 0}).status_code == 200
