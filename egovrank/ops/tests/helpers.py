"""Reading an installation back for comparison: every table row by row, as the database
itself returns it (plain SQL, nothing of the backup's own code), and every stored file."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection

from egovrank.assessments.models import EvidenceFile


def table_rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the database (django_migrations included), every row, in the
    order of its first column (the primary key)."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            rows[table] = cursor.fetchall()
    return rows


def stored_files() -> dict[str, bytes]:
    """The content of every evidence file a row refers to, by its stored name."""
    storage = EvidenceFile._meta.get_field("file").storage
    files = {}
    for name in EvidenceFile.objects.values_list("file", flat=True):
        with storage.open(name, "rb") as stream:
            files[name] = stream.read()
    return files


def files_present(names: list[str]) -> list[str]:
    """Which of these evidence files the storage holds (rows or not)."""
    storage = EvidenceFile._meta.get_field("file").storage
    return [name for name in names if storage.exists(name)]


def remove_files(names: list[str]) -> None:
    storage = EvidenceFile._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def empty_installation(files: list[str]) -> None:
    """What a new installation is: migrated, no data, no stored files (``flush`` leaves
    the content types and permissions that ``migrate`` writes)."""
    remove_files(files)
    call_command("flush", interactive=False, verbosity=0)


def rewrite(source: Path, target: Path, change: Any) -> None:
    """A copy of the archive, each member passed through ``change(name, data)`` (None
    drops it). The copy is a valid ZIP: only the manifest can tell what changed."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)


def manifest_of(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def members_of(path: Path) -> dict[str, bytes]:
    """Every data and file member of an archive (not the manifest, which says when and
    where it was made)."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.startswith(("data/", "files/"))
        }


def out() -> io.StringIO:
    return io.StringIO()
