"""A backup made on SQLite restores into PostgreSQL with the same rows and files, and
one made on PostgreSQL into SQLite.

Each side is a real installation in its own process: a SQLite file and an evidence folder
in a temporary directory, and a throwaway PostgreSQL database (``egovrank_ops_<random>``,
created and dropped here). The restored installation is backed up again and both archives
are compared table by table, row by row, and file by file.

PostgreSQL is the server DATABASE_URL names when it names one, else 127.0.0.1:5432 as
user postgres. The test is skipped only when that server does not answer and the suite
runs on SQLite; when the suite itself runs on PostgreSQL (CI), a silent server fails it.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import zipfile
from pathlib import Path

import dj_database_url
import pytest

from .helpers import manifest_of

ROOT = Path(__file__).resolve().parents[3]


def _server() -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        config = dj_database_url.parse(url)
        return {
            "host": config.get("HOST") or "127.0.0.1",
            "port": str(config.get("PORT") or 5432),
            "user": config.get("USER") or "postgres",
            "password": config.get("PASSWORD") or "",
        }
    return {"host": "127.0.0.1", "port": "5432", "user": "postgres", "password": ""}


@pytest.fixture
def postgres_url():
    import psycopg

    server = _server()
    try:
        admin = psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **server)
    except psycopg.OperationalError as exc:
        if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            pytest.fail(f"PostgreSQL at {server['host']}:{server['port']} does not answer: {exc}")
        pytest.skip(f"PostgreSQL at {server['host']}:{server['port']} does not answer")
    name = f"egovrank_ops_{secrets.token_hex(6)}"
    admin.execute(f"CREATE DATABASE {name}")
    try:
        password = f":{server['password']}" if server["password"] else ""
        yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
    return done


def installation(database_url: str, evidence: Path) -> dict[str, str]:
    evidence.mkdir()
    return {
        "DJANGO_SETTINGS_MODULE": "egovrank.test_settings",
        "DATABASE_URL": database_url,
        "EVIDENCE_ROOT": str(evidence),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def rows_of(path: Path) -> dict[str, list[dict[str, object]]]:
    """Each table's rows as data: JSON columns compare as JSON (PostgreSQL keeps a JSON
    object's keys in its own order)."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: [json.loads(line) for line in archive.read(name).splitlines()]
            for name in archive.namelist()
            if name.startswith("data/")
        }


def files_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("files/")}


def folder(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in path.rglob("*") if p.is_file()}


@pytest.mark.parametrize("direction", ["sqlite-to-postgresql", "postgresql-to-sqlite"])
def test_a_backup_restores_across_databases_with_every_row_and_file(
    direction, postgres_url, tmp_path
):
    sqlite_url = f"sqlite:///{tmp_path / 'egovrank.sqlite3'}"
    urls = [sqlite_url, postgres_url]
    if direction == "postgresql-to-sqlite":
        urls.reverse()
    source = installation(urls[0], tmp_path / "evidence-1")
    target = installation(urls[1], tmp_path / "evidence-2")
    first, second = tmp_path / "first.zip", tmp_path / "second.zip"

    run(source, "manage.py", "migrate", "-v", "0")
    run(source, "-m", "egovrank.ops.tests.sample")
    run(source, "-m", "egovrank.cli", "backup", str(first))
    run(target, "manage.py", "migrate", "-v", "0")
    restored = run(target, "-m", "egovrank.cli", "restore", str(first))
    run(target, "-m", "egovrank.cli", "backup", str(second))

    assert "Restored" in restored.stdout
    vendors = direction.split("-to-")
    assert manifest_of(first)["database"] == vendors[0]
    assert manifest_of(second)["database"] == vendors[1]
    before, after = rows_of(first), rows_of(second)
    assert sorted(before) == sorted(after)
    for table in before:
        assert after[table] == before[table], table
    assert sum(len(rows) for rows in before.values()) > 500
    assert files_of(second) == files_of(first)
    assert folder(tmp_path / "evidence-2") == folder(tmp_path / "evidence-1")
    assert len(folder(tmp_path / "evidence-1")) == 3
