"""Backup and restore of an installation that keeps its evidence in an S3-compatible
bucket, against a real S3-compatible server: moto's standalone server (pinned in
requirements/dev.txt), started here as its own process on a free loopback port. It
implements S3's REST API and XML answers as boto3 sends and reads them (it checks no
signature: moto authenticates nothing unless told to).

Each step runs as the operator runs it, in its own process configured only by the
environment (EVIDENCE_STORAGE=s3): evidence uploaded through the app's action lands in
the bucket; `egovrank backup` reads it from there; the database is emptied and the
bucket wiped; `egovrank restore` puts every object back, byte for byte, under its name;
and the unit's officer downloads each file again through the app's own download page.
A tiny world (two files) and four processes keep it cheap.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]
BUCKET = "egovrank-evidence"
PREFIX = "installation"
CREDENTIALS = {"aws_access_key_id": "egovrank-test", "aws_secret_access_key": "egovrank-test"}

UPLOAD = """
import json, sqlite3, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.core.files.uploadedfile import SimpleUploadedFile
from egovrank.assessments.actions import do_add_file
from egovrank.assessments.models import EvidenceFile
from egovrank.ops.tests.sample import PDF, PNG
from egovrank.testing.world import make_period, make_world

call_command("migrate", verbosity=0)
# The new installation a restore goes into, kept for later: migrated, nothing in it.
database = settings.DATABASES["default"]["NAME"]
# Through SQLite's backup API: in WAL mode the file alone may lack the latest commits.
with sqlite3.connect(database) as source, sqlite3.connect(str(database) + ".new") as copy:
    source.backup(copy)
world = make_world()
make_period(world)
sotc = world.participants["sotc"]
do_add_file(sotc, "HT1", SimpleUploadedFile("Quyết định 12.pdf", PDF, "application/pdf"),
            actor=world.unit_officer)
do_add_file(sotc, "UD1", SimpleUploadedFile("ảnh.png", PNG, "image/png"),
            actor=world.unit_officer)
print(json.dumps({e.file.name: e.sha256 for e in EvidenceFile.objects.all()}))
"""

DOWNLOAD = """
import hashlib, json, django
django.setup()
from django.test import Client
from django.urls import reverse
from egovrank.accounts.models import User
from egovrank.assessments.models import EvidenceFile

client = Client()
client.force_login(User.objects.get(username="unit_officer"))
read = {}
for evidence in EvidenceFile.objects.select_related("assessment__participant__unit",
                                                    "assessment__participant__period"):
    participant = evidence.assessment.participant
    url = reverse("assessments:download", kwargs={
        "year": participant.period.year, "unit": participant.unit.code, "pk": evidence.pk})
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    body = b"".join(response.streaming_content)
    read[evidence.file.name] = hashlib.sha256(body).hexdigest()
print(json.dumps(read))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """moto's S3-compatible server in its own process, until the module ends."""
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto's server did not start:\n{log.read_text()}")
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint: str) -> Any:
    import boto3

    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    return client


def objects(bucket: Any) -> dict[str, bytes]:
    listed = bucket.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {
        item["Key"]: bucket.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
        for item in listed
    }


def installation(tmp_path: Path, endpoint: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "egovrank.test_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'egovrank.sqlite3'}",
        "ALLOWED_HOSTS": "testserver",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "EVIDENCE_STORAGE": "s3",
        "EVIDENCE_S3_BUCKET": BUCKET,
        "EVIDENCE_S3_ENDPOINT_URL": endpoint,
        "EVIDENCE_S3_REGION": "us-east-1",
        "EVIDENCE_S3_PREFIX": PREFIX,
        "EVIDENCE_S3_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "EVIDENCE_S3_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
        # Nothing of this machine's own AWS set-up may take part.
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }


def run(env: dict[str, str], *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    outside = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "EVIDENCE_"))}
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**outside, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == code, f"{args[:3]}: {done.stdout}\n{done.stderr}"
    return done


def test_evidence_in_a_bucket_is_backed_up_and_restored(
    s3_endpoint: str, bucket: Any, tmp_path: Path
) -> None:
    env = installation(tmp_path, s3_endpoint)
    archive = tmp_path / "egovrank.zip"

    uploaded = json.loads(run(env, "-c", UPLOAD).stdout)
    assert len(uploaded) == 2
    stored = objects(bucket)
    assert sorted(stored) == sorted(f"{PREFIX}/{name}" for name in uploaded)
    for name, digest in uploaded.items():
        assert hashlib.sha256(stored[f"{PREFIX}/{name}"]).hexdigest() == digest

    backed_up = run(env, "-m", "egovrank.cli", "backup", str(archive))
    assert "2 files" in backed_up.stdout
    with zipfile.ZipFile(archive) as zipped:
        members = {
            name.split("/file/", 1)[1]: zipped.read(name)
            for name in zipped.namelist()
            if name.startswith("files/")
        }
    assert {f"{PREFIX}/{name}": data for name, data in members.items()} == stored

    # The disaster: the database lost (a new one, migrated)...
    database = tmp_path / "egovrank.sqlite3"
    for companion in ("-wal", "-shm"):  # the old database's log must not reach the new one
        Path(f"{database}{companion}").unlink(missing_ok=True)
    os.replace(f"{database}.new", database)
    # ... while the bucket still holds the files: the restore refuses to write over them.
    refused = run(env, "-m", "egovrank.cli", "restore", str(archive), code=2)
    assert "the file storage already holds 2 of the archive's files" in refused.stderr
    assert objects(bucket) == stored
    # The bucket wiped too.
    for key in stored:
        bucket.delete_object(Bucket=BUCKET, Key=key)
    assert objects(bucket) == {}

    restored = run(env, "-m", "egovrank.cli", "restore", str(archive))
    assert "Restored" in restored.stdout and "2 files" in restored.stdout
    assert objects(bucket) == stored
    downloaded = json.loads(run(env, "-c", DOWNLOAD).stdout)
    assert downloaded == uploaded
