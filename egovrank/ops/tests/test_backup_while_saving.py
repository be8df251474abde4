"""A backup on a live installation: complete although SQLite keeps the latest commits in
its write-ahead log, and of one moment while people go on saving (on SQLite the backup's
read transaction must not hold the write lock that every save queues for)."""

from __future__ import annotations

import json
import sqlite3
import threading
import zipfile

import pytest
from django.conf import settings
from django.db import connection, connections

from egovrank.ops.backup import make_backup
from egovrank.orgs.choices import UnitKind
from egovrank.orgs.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


def codes_in(archive_path) -> set[str]:
    with zipfile.ZipFile(archive_path) as archive:
        lines = archive.read("data/orgs.unit.jsonl").decode().splitlines()
    return {json.loads(line)["code"] for line in lines}


def a_unit(code: str) -> Unit:
    return Unit.objects.create(code=code, name=code, kind=UnitKind.PROVINCE)


def test_the_backup_holds_what_is_still_only_in_the_write_ahead_log(tmp_path):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    a_unit("IN-THE-LOG")
    if connection.vendor == "sqlite":
        # Copying the database file alone would lose the commit: it is in the log.
        copy = tmp_path / "copy.sqlite3"
        copy.write_bytes(open(connection.settings_dict["NAME"], "rb").read())  # noqa: PTH123, SIM115
        with sqlite3.connect(copy) as copied:
            assert copied.execute("SELECT count(*) FROM orgs_unit").fetchone() == (0,)
    summary = make_backup(tmp_path / "backup.zip", signing_key=settings.BACKUP_SIGNING_KEY)
    assert codes_in(summary.path) == {"IN-THE-LOG"}


def test_saves_go_on_while_a_backup_reads_and_it_keeps_the_moment_it_began(tmp_path):
    a_unit("BEFORE")
    saved: list[str] = []

    def save_meanwhile() -> None:
        try:
            connections["default"].ensure_connection()
            with connections["default"].cursor() as cursor:
                # Fail within a second, not after the configured busy timeout.
                if connection.vendor == "sqlite":
                    cursor.execute("PRAGMA busy_timeout = 1000")
            a_unit("DURING")
            saved.append("DURING")
        except Exception as error:  # noqa: BLE001 (the assertion below shows it)
            saved.append(repr(error))
        finally:
            connections["default"].close()

    def progress(done: int, total: int, what: str) -> None:
        if done == 1 and what.startswith("tables"):
            saver = threading.Thread(target=save_meanwhile)
            saver.start()
            saver.join(timeout=5)

    summary = make_backup(
        tmp_path / "backup.zip", signing_key=settings.BACKUP_SIGNING_KEY, progress=progress
    )
    assert saved == ["DURING"]
    assert codes_in(summary.path) == {"BEFORE"}
    assert set(Unit.objects.values_list("code", flat=True)) == {"BEFORE", "DURING"}
