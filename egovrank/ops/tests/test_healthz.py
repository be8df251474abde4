"""GET /healthz for load balancers and monitors: the database answers, every migration is
applied, the evidence storage takes a file. JSON, no sign-in, nothing secret; 503 naming
the check that failed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import requests
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from egovrank.settings import BASE_DIR

CHECKS = {"database", "migrations", "evidence_storage"}


def healthz(client=None, **headers):
    response = (client or Client()).get("/healthz", **headers)
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    return response.status_code, response.json()


@pytest.mark.django_db(transaction=True)
def test_a_healthy_installation_answers_200_to_anyone_over_http(live_server):
    response = requests.get(live_server.url + "/healthz", timeout=10)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failing": [],
        "checks": dict.fromkeys(CHECKS, "ok"),
    }
    assert "Set-Cookie" not in response.headers  # no session, no CSRF cookie
    assert requests.head(live_server.url + "/healthz", timeout=10).status_code == 200


@pytest.mark.django_db
def test_it_says_which_migrations_are_not_applied():
    MigrationRecorder.Migration.objects.filter(app="orgs").delete()
    status, body = healthz()
    assert status == 503
    assert body["status"] == "failing"
    assert body["failing"] == ["migrations"]
    assert body["checks"]["migrations"].startswith("not applied: ")
    assert "orgs." in body["checks"]["migrations"]
    assert body["checks"]["database"] == body["checks"]["evidence_storage"] == "ok"


@pytest.mark.django_db
def test_it_says_when_the_evidence_storage_takes_no_file(settings, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocked / "evidence")},
        },
    }
    status, body = healthz()
    assert (status, body["failing"]) == (503, ["evidence_storage"])
    assert str(tmp_path) not in json.dumps(body)  # no paths, only what failed


def test_it_says_when_the_database_does_not_answer_and_tells_no_secret():
    """A real app process whose database refuses connections (nothing listens on port 9)."""
    code = (
        "import django; django.setup(); from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='localhost'); print(r.status_code); print(r.content.decode())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "egovrank.settings",
        "SECRET_KEY": "healthz-test-secret-key",
        "DATABASE_URL": "postgres://egov:db-password-42@127.0.0.1:9/egovrank",
    }
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=BASE_DIR,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    status, body = run.stdout.split("\n", 1)
    assert status == "503"
    answer = json.loads(body)
    assert answer["failing"] == ["database", "migrations"]
    assert answer["checks"]["migrations"] == "not checked: no database"
    for secret in ("db-password-42", "healthz-test-secret-key", "127.0.0.1:9", "egov:"):
        assert secret not in body


@pytest.mark.django_db
def test_it_answers_over_plain_http_where_every_page_redirects_to_https(settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get("/")["Location"].startswith("https://")
    assert healthz()[0] == 200
