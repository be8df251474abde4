"""`backup` writes one archive of every table and every evidence file; `restore` puts it
back into an empty installation, equal row by row and byte for byte, or writes nothing.
These run on the database the suite runs on (SQLite, or PostgreSQL in CI's second run);
test_cross_database.py restores a SQLite backup into PostgreSQL."""

import hashlib
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from egovrank.accounts.models import User
from egovrank.assessments.models import EvidenceFile
from egovrank.core.audit import record
from egovrank.core.models import AuditEvent
from egovrank.ops.backup import saved_models, signature
from egovrank.results.models import PublishedResult

from .helpers import (
    empty_installation,
    files_present,
    manifest_of,
    out,
    rewrite,
    stored_files,
    table_rows,
)
from .sample import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def restore(path):
    output = out()
    call_command("restore", str(path), stdout=output, stderr=out())
    return output.getvalue()


def test_the_sample_has_rows_in_every_kind_of_table(sample):
    # The round trip below means something only if the tables are not empty.
    rows = table_rows()
    for table in (
        "core_auditevent",
        "accounts_user",
        "accounts_roleassignment",
        "assessments_answer",
        "assessments_evidencefile",
        "assessments_evidencelink",
        "assessments_submission",
        "review_verification",
        "review_forwarding",
        "results_publication",
        "results_publishedresult",
        "notifications_notice",
        "django_session",
        "django_content_type",
    ):
        assert rows[table], table
    assert len(stored_files()) == 3


def test_a_restore_into_an_empty_installation_gives_back_every_row_and_file(archive):
    path, rows, files = archive
    empty_installation(list(files))
    assert table_rows() != rows
    assert files_present(list(files)) == []

    printed = restore(path)

    restored = table_rows()
    assert sorted(restored) == sorted(rows)
    for table in rows:
        assert restored[table] == rows[table], table
    assert stored_files() == files
    assert "Restored" in printed and "3 files" in printed


def test_the_restored_installation_works_on(archive):
    path, _rows, files = archive
    empty_installation(list(files))
    restore(path)
    # Sequences follow the restored ids: the next row gets a new one.
    highest = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    user = User.objects.get(username="administrator")
    assert record("ops.test", user, actor=None, summary="after restore").pk > highest
    # Passwords are the same hashes; append-only tables still refuse changes.
    assert user.check_password(PASSWORD)
    result = PublishedResult.objects.first()
    with pytest.raises(ValueError, match="append-only"):
        result.save()
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE results_publishedresult SET points = 0")


def test_the_archive_holds_a_manifest_with_every_checksum(archive):
    path, rows, files = archive
    manifest = manifest_of(path)
    assert manifest["format"] == "egovrank-backup"
    assert manifest["format_version"] == 1
    assert manifest["app_version"]
    assert ["core", "0001_initial"] in manifest["migrations"]
    assert {t["model"] for t in manifest["tables"]} == {m._meta.label_lower for m in saved_models()}
    with zipfile.ZipFile(path) as zipped:
        names = set(zipped.namelist()) - {"manifest.json", "manifest.sha256", "manifest.hmac"}
        assert names == set(manifest["members"])
        for name in names:
            assert hashlib.sha256(zipped.read(name)).hexdigest() == manifest["members"][name]
        recorded = zipped.read("manifest.sha256").decode().strip()
        assert recorded == hashlib.sha256(zipped.read("manifest.json")).hexdigest()
        users = [json.loads(line) for line in zipped.read("data/accounts.user.jsonl").splitlines()]
    assert {u["username"]: u["password"] for u in users}["administrator"].startswith("argon2")
    assert sorted(f["name"] for f in manifest["files"]) == sorted(files)
    counts = {t["table"]: t["rows"] for t in manifest["tables"]}
    assert counts["core_auditevent"] == len(rows["core_auditevent"])


def test_a_restore_into_a_database_with_data_is_refused(archive):
    path, rows, _files = archive
    with pytest.raises(CommandError) as refusal:
        restore(path)
    assert refusal.value.returncode == 2
    assert "the database is not empty, nothing was restored" in str(refusal.value)
    assert "AuditEvent" in str(refusal.value)
    assert table_rows() == rows


def test_a_restore_into_a_storage_holding_the_files_is_refused(archive):
    path, _rows, files = archive
    call_command("flush", interactive=False, verbosity=0)
    emptied = table_rows()
    with pytest.raises(CommandError, match="the file storage already holds 3"):
        restore(path)
    assert table_rows() == emptied


def _damaged(path, tmp_path):
    """Archives damaged in every way we can think of, by name."""
    manifest = manifest_of(path)
    data_member = "data/core.auditevent.jsonl"
    file_member = manifest["files"][0]["member"]

    def edit_line(name, data):
        return data.replace(b'"action":"', b'"action":"x', 1) if name == data_member else data

    def edit_file(name, data):
        return data[:-1] + bytes([data[-1] ^ 1]) if name == file_member else data

    def drop(name, data):
        return None if name == file_member else data

    def edit_manifest(name, data):
        return (
            data.replace(b'"format_version": 1', b'"format_version": 1 ')
            if name == ("manifest.json")
            else data
        )

    variants = {}
    for label, change in (
        ("a row changed", edit_line),
        ("a file changed", edit_file),
        ("a file missing", drop),
        ("the manifest changed", edit_manifest),
    ):
        variants[label] = tmp_path / f"{label}.zip"
        rewrite(path, variants[label], change)
    raw = path.read_bytes()
    variants["truncated"] = tmp_path / "truncated.zip"
    variants["truncated"].write_bytes(raw[: len(raw) // 2])
    # Flip bytes inside the first member's compressed data: its CRC no longer matches.
    with zipfile.ZipFile(path) as zipped:
        first = zipped.infolist()[0]
    start = first.header_offset + 30 + len(first.filename.encode()) + len(first.extra)
    flipped = bytearray(raw)
    for offset in range(start, start + min(first.compress_size, 64)):
        flipped[offset] ^= 0xFF
    variants["bytes flipped"] = tmp_path / "flipped.zip"
    variants["bytes flipped"].write_bytes(bytes(flipped))
    variants["not an archive"] = tmp_path / "notes.zip"
    variants["not an archive"].write_text("hello")
    return variants


DAMAGES = {
    "a row changed": "data/core.auditevent.jsonl: damaged (its SHA-256 does not match",
    "a file changed": "damaged (its SHA-256 does not match the manifest)",
    "a file missing": ": missing",
    "the manifest changed": "the manifest is damaged",
    "truncated": "not a readable backup archive",
    "bytes flipped": "damaged",
    "not an archive": "not a readable backup archive",
}


def test_a_damaged_archive_is_refused_and_nothing_is_written(archive, tmp_path):
    # One installation for every kind of damage: building it is the slow part.
    path, _rows, files = archive
    damaged = _damaged(path, tmp_path)
    assert sorted(damaged) == sorted(DAMAGES)
    empty_installation(list(files))
    emptied = table_rows()
    for damage, message in DAMAGES.items():
        with pytest.raises(CommandError) as refusal:
            restore(damaged[damage])
        assert refusal.value.returncode == 2, damage
        assert message in str(refusal.value), damage
        assert table_rows() == emptied, damage
        assert files_present(list(files)) == [], damage


def test_an_archive_of_another_schema_is_refused(archive, tmp_path, settings):
    path, _rows, files = archive

    def older(name, data):
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["migrations"].remove(["results", "0001_initial"])
            return json.dumps(manifest).encode()
        if name in ("manifest.sha256", "manifest.hmac"):
            return None
        return data

    # An archive made by an older version of this installation: signed with its key.
    other = tmp_path / "older.zip"
    rewrite(path, other, older)
    with zipfile.ZipFile(other, "a") as zipped:
        text = zipped.read("manifest.json")
        zipped.writestr("manifest.sha256", hashlib.sha256(text).hexdigest())
        zipped.writestr("manifest.hmac", signature(text, settings.BACKUP_SIGNING_KEY))
    empty_installation(list(files))
    with pytest.raises(CommandError) as refusal:
        restore(other)
    assert "made with another database schema" in str(refusal.value)
    assert "migrations applied here but not in the archive: results.0001_initial" in str(
        refusal.value
    )


def test_a_failure_while_loading_leaves_nothing_behind(archive, tmp_path, monkeypatch):
    path, _rows, files = archive
    empty_installation(list(files))
    emptied = table_rows()
    from egovrank.ops import backup

    real = backup._sha256_of
    calls = {"n": 0}

    def failing_check(stream):
        # The files are written, then checked; the second check fails.
        calls["n"] += 1
        if calls["n"] == len(manifest_of(path)["members"]) + 2:
            raise OSError("disk full")
        return real(stream)

    monkeypatch.setattr(backup, "_sha256_of", failing_check)
    with pytest.raises(OSError, match="disk full"):
        restore(path)
    assert table_rows() == emptied
    assert files_present(list(files)) == []


def test_a_backup_refuses_to_overwrite_an_archive(archive):
    path, _rows, _files = archive
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(path), stdout=out(), stderr=out())
    call_command("backup", str(path), overwrite=True, stdout=out(), stderr=out())


def test_a_backup_refuses_missing_or_damaged_evidence_files(sample, tmp_path):
    damaged, missing, _fine = sorted(stored_files())
    storage = EvidenceFile._meta.get_field("file").storage
    with storage.open(damaged, "wb") as stream:
        stream.write(b"something else")
    storage.delete(missing)
    target = tmp_path / "b.zip"
    with pytest.raises(CommandError) as refusal:
        call_command("backup", str(target), stdout=out(), stderr=out())
    message = str(refusal.value)
    assert "2 stored file(s) missing or damaged, no backup written" in message
    assert f"{damaged}: its content does not match the SHA-256 recorded" in message
    assert f"{missing}: missing" in message
    assert not target.exists()
    assert not (tmp_path / "b.zip.partial").exists()
