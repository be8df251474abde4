"""Backup and restore: one ZIP archive with every table's rows, every stored file, and a
manifest of checksums.

Why ZIP rather than tar: every member carries its own CRC and can be read on its own
(the manifest first, then each member checked without unpacking the rest), Python reads
and writes it with no extra package, and the operators who keep these archives open
them on Windows without installing anything.

The archive holds:

- ``manifest.json``: the format and its version, the app's version, when and from which
  database kind it was made, the migrations applied (the schema), each table with its
  columns and row count, each stored file, and the SHA-256 of every other member;
- ``manifest.sha256``: the SHA-256 of ``manifest.json``, so a damaged manifest is found
  too;
- ``manifest.hmac``: ``hmac-sha256:`` and the HMAC-SHA256 of ``manifest.json`` with the
  installation's ``BACKUP_SIGNING_KEY``, which is not in the archive. Checksums find
  damage; only the signature finds an edit, since whoever edits an archive can compute
  new checksums but not a new signature. The manifest holds every other member's
  SHA-256, so the one signature covers them all;
- ``data/<app>.<model>.jsonl``: one JSON object per row, ordered by primary key, keyed
  by column (foreign keys as ids), values in a database-neutral text form: moments in
  ISO 8601 with their offset and every microsecond, decimals as text, JSON columns as
  JSON. Every concrete table is there, the many-to-many ones and the append-only ones
  (history, submissions, publications) included, and the users with their password
  hashes;
- ``files/<app>.<model>/<field>/<stored name>``: every file a row refers to (the evidence
  files), byte for byte; a file whose row records a SHA-256 is checked against it.

A restore goes into an empty installation (migrated, nothing in it but what ``migrate``
writes by itself: content types and permissions, which are replaced by the archive's so
that ids match). Before writing anything it checks the signature, every checksum, the schema and that
the database and the file storage are empty; then it loads every row in one transaction
(inserting only, never updating, so append-only tables accept them) with the files, and
resets the PostgreSQL sequences. Anything going wrong leaves nothing behind.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any
from uuid import UUID

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_string

from egovrank.core.snapshot import read_snapshot
from egovrank.scoring.fileformat.archives import ArchiveRefused, read_member

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "BackupRefused",
    "BackupSummary",
    "RestoreRefused",
    "app_version",
    "make_backup",
    "restore_backup",
    "saved_models",
    "signature",
]

FORMAT = "egovrank-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
MANIFEST_SIGNATURE = "manifest.hmac"
# A manifest lists every table and file with its SHA-256: about 150 bytes a file.
MANIFEST_MAX_BYTES = 256 * 1024 * 1024
SIGNATURE_SCHEME = "hmac-sha256:"
CHUNK = 1024 * 1024
BATCH = 500
# Tables ``migrate`` fills by itself in every installation (after each migration run).
# A restore replaces their rows with the archive's, so every id that points at them
# (permissions, the admin log) stays right.
MIGRATE_FILLS = ("contenttypes.contenttype", "auth.permission")

Progress = Callable[[int, int, str], None]


class BackupRefused(Exception):
    """The backup could not be made; the message says why (every problem, one a line)."""


class RestoreRefused(Exception):
    """The archive was not restored and nothing was written; the message says why."""


@dataclass
class BackupSummary:
    """What a backup holds, or what a restore wrote."""

    path: Path
    tables: int = 0
    rows: int = 0
    files: int = 0
    file_bytes: int = 0
    app_version: str = ""
    created_at: str = ""
    signed: bool = False
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.path}: {self.rows} rows in {self.tables} tables, {self.files} files "
            f"({self.file_bytes} bytes), egovrank {self.app_version}, made {self.created_at}, "
            + ("signed" if self.signed else "UNSIGNED")
        )


def app_version() -> str:
    try:
        return metadata.version("egovrank")
    except metadata.PackageNotFoundError:
        return "unknown"


def signature(manifest: bytes, key: str) -> str:
    """What ``manifest.hmac`` holds for this manifest and key."""
    digest = hmac.new(key.encode("utf-8"), manifest, hashlib.sha256).hexdigest()
    return SIGNATURE_SCHEME + digest


def saved_models() -> list[type[models.Model]]:
    """Every table the backup holds, in a fixed order: each app's models (the hidden
    many-to-many tables included), by label. The order need not follow foreign keys:
    Django creates them deferrable on both databases, so a restore checks them once,
    at the end of its transaction."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return sorted(found, key=lambda model: model._meta.label_lower)


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def _file_fields(model: type[models.Model]) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _applied_migrations(using: str) -> list[list[str]]:
    applied = MigrationRecorder(connections[using]).applied_migrations()
    return sorted([app, name] for app, name in applied)


# --- values in a database-neutral form ---------------------------------------------------


def _encode(value: Any) -> Any:
    """A column's Python value as JSON; ``Field.to_python`` reads every form back."""
    if value is None or isinstance(value, bool | int | float | str | dict | list):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()  # every microsecond, and the offset (UTC)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, timedelta):
        return duration_string(value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot save a {type(value).__name__} value")


def _row_line(names: list[str], values: tuple[Any, ...]) -> bytes:
    row = {name: _encode(value) for name, value in zip(names, values, strict=True)}
    # Keys keep their order (columns in model order; JSON columns as stored), so a JSON
    # column written back into SQLite is the same text.
    text = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def _decode(
    model: type[models.Model], fields: list[models.Field[Any, Any]], line: bytes
) -> models.Model:
    row = json.loads(line)
    values = {}
    for fld in fields:
        raw = row[fld.attname]
        # JSON columns hold JSON as it is; every other column reads its text form back.
        keep = raw is None or isinstance(fld, models.JSONField)
        values[fld.attname] = raw if keep else fld.to_python(raw)
    return model(**values)


# --- writing an archive ------------------------------------------------------------------


def _member_name(model: type[models.Model], fld: models.Field[Any, Any], name: str) -> str:
    return f"files/{model._meta.label_lower}/{fld.name}/{name}"


def _sha256_of(stream: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class _HashingWriter:
    """Writes to a ZIP member and keeps its SHA-256."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.size += len(data)
        self.target.write(data)


def make_backup(
    path: Path,
    *,
    using: str = DEFAULT_DB_ALIAS,
    signing_key: str,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> BackupSummary:
    """Write the archive to ``path`` (through a ``.partial`` file renamed at the end, so
    an interrupted backup never looks finished), signed with ``signing_key`` (empty:
    unsigned). Raises ``BackupRefused``."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise BackupRefused(f"{path} exists already (give another name, or --overwrite)")
    if not path.parent.is_dir():
        raise BackupRefused(f"{path.parent}: no such folder")
    partial = path.with_name(path.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            summary = _write_archive(archive, path, using, signing_key, progress)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return summary


def _write_archive(
    archive: zipfile.ZipFile, path: Path, using: str, signing_key: str, progress: Progress | None
) -> BackupSummary:
    connection = connections[using]
    summary = BackupSummary(path, app_version=app_version())
    summary.created_at = timezone.now().isoformat()
    members: dict[str, str] = {}
    tables = []
    files = []
    # One snapshot, so the rows and the files are one moment's, while saves go on.
    with read_snapshot(using):
        migrations = _applied_migrations(using)
        models_ = saved_models()
        for index, model in enumerate(models_, start=1):
            label = model._meta.label_lower
            names = [f.attname for f in _fields(model)]
            member = f"data/{label}.jsonl"
            rows = (
                model._base_manager.using(using)
                .order_by(model._meta.pk.attname)
                .values_list(*names)
                .iterator(chunk_size=2000)
            )
            count = 0
            with archive.open(member, "w", force_zip64=True) as target:
                writer = _HashingWriter(target)
                for values in rows:
                    writer.write(_row_line(names, values))
                    count += 1
            members[member] = writer.digest.hexdigest()
            tables.append(
                {
                    "model": label,
                    "table": model._meta.db_table,
                    "member": member,
                    "fields": names,
                    "rows": count,
                }
            )
            summary.rows += count
            if progress:
                progress(index, len(models_), f"tables ({label})")
        summary.tables = len(tables)
        stored = _stored_files(models_, using)
        problems = []
        for index, (model, fld, name, recorded) in enumerate(stored, start=1):
            member = _member_name(model, fld, name)
            if not fld.storage.exists(name):
                problems.append(f"{model._meta.label} {fld.name} {name}: missing")
                continue
            try:
                source = fld.storage.open(name, "rb")
            except OSError as exc:
                problems.append(f"{model._meta.label} {fld.name} {name}: cannot be read ({exc})")
                continue
            with source, archive.open(member, "w", force_zip64=True) as target:
                writer = _HashingWriter(target)
                while chunk := source.read(CHUNK):
                    writer.write(chunk)
            digest = writer.digest.hexdigest()
            if recorded and recorded != digest:
                problems.append(
                    f"{model._meta.label} {fld.name} {name}: its content does not match the "
                    f"SHA-256 recorded when it was uploaded (the stored file is damaged)"
                )
            members[member] = digest
            files.append(
                {
                    "model": model._meta.label_lower,
                    "field": fld.name,
                    "name": name,
                    "member": member,
                    "size": writer.size,
                }
            )
            summary.files += 1
            summary.file_bytes += writer.size
            if progress:
                progress(index, len(stored), "files")
        if problems:
            raise BackupRefused(
                f"{len(problems)} stored file(s) missing or damaged, no backup written:\n  "
                + "\n  ".join(problems)
            )
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": summary.app_version,
        "created_at": summary.created_at,
        "database": connection.vendor,
        "migrations": migrations,
        "tables": tables,
        "files": files,
        "members": members,
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    archive.writestr(MANIFEST, text)
    archive.writestr(MANIFEST_SUM, hashlib.sha256(text).hexdigest() + "\n")
    if signing_key:
        archive.writestr(MANIFEST_SIGNATURE, signature(text, signing_key) + "\n")
    summary.signed = bool(signing_key)
    return summary


def _stored_files(
    models_: list[type[models.Model]], using: str
) -> list[tuple[type[models.Model], models.FileField, str, str]]:
    """(model, field, stored name, recorded SHA-256 or "") of every file a row refers
    to, each once, in a fixed order."""
    found = []
    for model in models_:
        checksum = "sha256" if any(f.name == "sha256" for f in _fields(model)) else None
        for fld in _file_fields(model):
            rows = model._base_manager.using(using).exclude(**{fld.attname: ""})
            seen = set()
            for name, recorded in rows.order_by(fld.attname).values_list(
                fld.attname, checksum or fld.attname
            ):
                if name in seen or not name:
                    continue
                seen.add(name)
                found.append((model, fld, name, recorded if checksum else ""))
    return found


# --- restoring ---------------------------------------------------------------------------


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path, "r")
    except FileNotFoundError:
        raise RestoreRefused(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise RestoreRefused(f"{path}: not a readable backup archive ({exc})") from None


def _read_manifest(
    path: Path, archive: zipfile.ZipFile, signing_key: str, accept_unsigned: bool
) -> tuple[dict[str, Any], str | None]:
    """The manifest, checked (intact, then signed), and a warning if it was accepted
    without its signature being checked."""
    names = archive.namelist()
    if MANIFEST not in names or MANIFEST_SUM not in names:
        raise RestoreRefused(f"{path}: not an egovrank backup (no {MANIFEST})")
    try:
        # Bounded reads: the manifest is checked only after it is read, so a member that
        # inflates without end must stop at the cap, not fill the memory first.
        text = read_member(archive, MANIFEST, MANIFEST_MAX_BYTES)
        recorded = read_member(archive, MANIFEST_SUM, 200).decode("ascii").strip()
    except ArchiveRefused as refusal:
        raise RestoreRefused(f"{path}: the manifest is refused ({refusal})") from None
    except UnicodeDecodeError as exc:
        raise RestoreRefused(f"{path}: the manifest is damaged ({exc})") from None
    if hashlib.sha256(text).hexdigest() != recorded:
        raise RestoreRefused(f"{path}: the manifest is damaged (its SHA-256 does not match)")
    warning = _check_signature(path, archive, text, signing_key, accept_unsigned)
    try:
        manifest: dict[str, Any] = json.loads(text)
    except ValueError:
        raise RestoreRefused(f"{path}: the manifest is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise RestoreRefused(f"{path}: not an egovrank backup")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise RestoreRefused(
            f"{path}: backup format {manifest.get('format_version')}; this version of egovrank "
            f"reads format {FORMAT_VERSION}"
        )
    shapes = {"migrations": list, "tables": list, "files": list, "members": dict}
    if not all(isinstance(manifest.get(key), kind) for key, kind in shapes.items()):
        raise RestoreRefused(f"{path}: the manifest lacks parts of a backup")
    return manifest, warning


def _check_signature(
    path: Path, archive: zipfile.ZipFile, manifest: bytes, key: str, accept_unsigned: bool
) -> str | None:
    """Refuse an archive whose signature is wrong, or missing unless ``accept_unsigned``;
    a warning when it is accepted without a check."""
    if MANIFEST_SIGNATURE not in archive.namelist():
        if accept_unsigned:
            return (
                "the archive is not signed: nothing shows it was not changed since it was "
                "made (restored as --accept-unsigned asked)"
            )
        raise RestoreRefused(
            f"{path}: the archive is not signed, so nothing shows it was not changed since "
            "it was made (it was made without BACKUP_SIGNING_KEY, or its signature was "
            "removed); nothing was restored. Restore it only if you know where it comes "
            "from and that nobody changed it, with --accept-unsigned."
        )
    if not key:
        if accept_unsigned:
            return (
                "the archive is signed, but BACKUP_SIGNING_KEY is not set here: its "
                "signature was not checked (restored as --accept-unsigned asked)"
            )
        raise RestoreRefused(
            f"{path}: the archive is signed, but BACKUP_SIGNING_KEY is not set here, so the "
            "signature cannot be checked; nothing was restored. Set BACKUP_SIGNING_KEY to "
            "the key of the installation that made the archive."
        )
    try:
        # A signature is 77 bytes: read no more, whatever the member inflates to.
        with archive.open(MANIFEST_SIGNATURE) as stream:
            recorded = stream.read(200).strip()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise RestoreRefused(f"{path}: the signature is damaged ({exc})") from None
    # compare_digest takes as long whatever the first wrong byte: no timing hints.
    if not hmac.compare_digest(recorded, signature(manifest, key).encode("ascii")):
        raise RestoreRefused(
            f"{path}: the manifest's signature does not match BACKUP_SIGNING_KEY, so the "
            "archive was changed after it was made (its checksums recomputed), or it was "
            "signed with another key; nothing was restored."
        )
    return None


def _check_members(
    path: Path, archive: zipfile.ZipFile, manifest: dict[str, Any], progress: Progress | None
) -> None:
    """Every member is listed, none is missing, and each one's SHA-256 matches."""
    problems = []
    listed: dict[str, str] = manifest["members"]
    names = archive.namelist()
    if len(names) != len(set(names)):
        problems.append("some members appear twice")
    present = set(names) - {MANIFEST, MANIFEST_SUM, MANIFEST_SIGNATURE}
    problems += [f"{name}: missing" for name in sorted(set(listed) - present)]
    problems += [f"{name}: not in the manifest" for name in sorted(present - set(listed))]
    for index, name in enumerate(sorted(set(listed) & present), start=1):
        try:
            with archive.open(name) as stream:
                digest, _size = _sha256_of(stream)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            problems.append(f"{name}: damaged ({exc})")
            continue
        if digest != listed[name]:
            problems.append(f"{name}: damaged (its SHA-256 does not match the manifest)")
        if progress:
            progress(index, len(listed), "checksums")
    for item in manifest["files"]:
        if item["member"] not in listed:
            problems.append(f"{item['member']}: a file the manifest lists has no checksum")
        if not _safe_name(item["name"]):
            problems.append(f"{item['member']}: a file name that cannot be restored safely")
    if problems:
        raise RestoreRefused(
            f"{path}: the archive is damaged, nothing was restored:\n  " + "\n  ".join(problems)
        )


def _safe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not name.startswith("/") and ".." not in parts and "\\" not in name


def _check_schema(path: Path, manifest: dict[str, Any], using: str) -> None:
    """The archive was made at the same schema as this installation's."""
    problems = []
    here = {tuple(item) for item in _applied_migrations(using)}
    there = {tuple(item) for item in manifest["migrations"]}
    if not here:
        problems.append("this database has no tables yet: run `egovrank migrate` first")
    else:
        missing = sorted(there - here)
        extra = sorted(here - there)
        if missing:
            problems.append(
                "migrations in the archive not applied here: "
                + ", ".join(f"{app}.{name}" for app, name in missing)
                + " (install the egovrank version that made the archive, "
                + f"{manifest.get('app_version')}, and migrate)"
            )
        if extra:
            problems.append(
                "migrations applied here but not in the archive: "
                + ", ".join(f"{app}.{name}" for app, name in extra)
                + f" (restore with egovrank {manifest.get('app_version')}, then upgrade)"
            )
    current = {m._meta.label_lower: [f.attname for f in _fields(m)] for m in saved_models()}
    archived = {t["model"]: t["fields"] for t in manifest["tables"]}
    if not problems:
        for label in sorted(set(current) | set(archived)):
            if label not in archived:
                problems.append(f"table {label} is not in the archive")
            elif label not in current:
                problems.append(f"table {label} of the archive does not exist here")
            elif sorted(current[label]) != sorted(archived[label]):
                problems.append(f"table {label} has other columns here than in the archive")
    if problems:
        raise RestoreRefused(
            f"{path}: made with another database schema, nothing was restored:\n  "
            + "\n  ".join(problems)
        )


def _check_empty(manifest: dict[str, Any], using: str) -> None:
    """Nothing in the database but what ``migrate`` writes, and none of the archive's
    files in the storage."""
    filled = []
    for model in saved_models():
        label = model._meta.label_lower
        if label in MIGRATE_FILLS:
            continue
        count = model._base_manager.using(using).count()
        if count:
            filled.append(f"{model._meta.label} ({count})")
    if filled:
        raise RestoreRefused(
            "the database is not empty, nothing was restored: restore only into a new "
            "installation that is migrated and holds no data (rows in "
            + ", ".join(filled[:8])
            + (", …" if len(filled) > 8 else "")
            + ")"
        )
    present = [
        item["name"]
        for item in manifest["files"]
        if _field(item["model"], item["field"]).storage.exists(item["name"])
    ]
    if present:
        raise RestoreRefused(
            f"the file storage already holds {len(present)} of the archive's files "
            f"(e.g. {present[0]}), nothing was restored: restore into an empty storage"
        )


def _field(label: str, name: str) -> models.FileField:
    fld = apps.get_model(label)._meta.get_field(name)
    assert isinstance(fld, models.FileField)
    return fld


class _HashingLines:
    """The lines of a member, keeping the SHA-256 of everything read."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def __iter__(self) -> Iterator[bytes]:
        for line in self.stream:
            self.digest.update(line)
            yield line


def restore_backup(
    path: Path,
    *,
    signing_key: str,
    accept_unsigned: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    progress: Progress | None = None,
) -> BackupSummary:
    """Restore the archive at ``path`` into this (empty) installation, if it is signed
    with ``signing_key`` (or ``accept_unsigned``). Raises ``RestoreRefused`` with nothing
    written when anything is wrong."""
    path = Path(path)
    with _open(path) as archive:
        manifest, unchecked = _read_manifest(path, archive, signing_key, accept_unsigned)
        _check_members(path, archive, manifest, progress)
        _check_schema(path, manifest, using)
        _check_empty(manifest, using)
        summary = BackupSummary(
            path,
            app_version=manifest["app_version"],
            created_at=manifest["created_at"],
            signed=unchecked is None,
        )
        if unchecked:
            summary.warnings.append(unchecked)
        if manifest["app_version"] != app_version():
            summary.warnings.append(
                f"the archive was made by egovrank {manifest['app_version']}; this is "
                f"{app_version()} (same schema, so the data fits)"
            )
        written: list[tuple[models.FileField, str]] = []
        try:
            with transaction.atomic(using=using, durable=True):
                _load_tables(archive, manifest, using, summary, progress)
                _load_files(archive, manifest, written, summary, progress)
        except BaseException:
            for fld, name in written:
                fld.storage.delete(name)
            raise
        finally:
            ContentType.objects.clear_cache()
    return summary


def _load_tables(
    archive: zipfile.ZipFile,
    manifest: dict[str, Any],
    using: str,
    summary: BackupSummary,
    progress: Progress | None,
) -> None:
    connection = connections[using]
    for label in reversed(MIGRATE_FILLS):  # permissions point at content types
        apps.get_model(label)._base_manager.using(using).all().delete()
    loaded = []
    tables = manifest["tables"]
    for index, table in enumerate(tables, start=1):
        model = apps.get_model(table["model"])
        names = table["fields"]
        by_name = {f.attname: f for f in _fields(model)}
        fields = [by_name[name] for name in names]
        count = 0
        with archive.open(table["member"]) as stream:
            lines = _HashingLines(stream)
            batch: list[models.Model] = []
            for line in lines:
                batch.append(_decode(model, fields, line))
                if len(batch) >= BATCH:
                    _insert(model, fields, batch, using)
                    count += len(batch)
                    batch = []
            if batch:
                _insert(model, fields, batch, using)
                count += len(batch)
        # Read twice (checked, then loaded): what is loaded must be what was checked.
        if lines.digest.hexdigest() != manifest["members"][table["member"]]:
            raise RestoreRefused(f"{table['member']} changed while it was being restored")
        stored = model._base_manager.using(using).count()
        if count != table["rows"] or stored != table["rows"]:
            raise RestoreRefused(
                f"{table['model']}: the archive lists {table['rows']} rows, "
                f"{count} were read and {stored} stored"
            )
        summary.rows += count
        loaded.append(model)
        if progress:
            progress(index, len(tables), f"tables ({table['model']})")
    summary.tables = len(loaded)
    # Foreign keys are checked at the end (rows come table by table, in any order).
    connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
            cursor.execute(statement)


def _insert(
    model: type[models.Model],
    fields: list[models.Field[Any, Any]],
    rows: list[models.Model],
    using: str,
) -> None:
    """INSERT the rows as they are: ``raw`` keeps every value (ids, and moments that
    ``auto_now`` would otherwise overwrite), and sends no signal. Never an UPDATE, which
    the append-only tables refuse."""
    batch = max(1, min(BATCH, connections[using].ops.bulk_batch_size(fields, rows)))
    for start in range(0, len(rows), batch):
        model._base_manager.using(using)._insert(  # type: ignore[attr-defined]  # Django's own, private
            rows[start : start + batch], fields=fields, raw=True, using=using
        )


def _load_files(
    archive: zipfile.ZipFile,
    manifest: dict[str, Any],
    written: list[tuple[models.FileField, str]],
    summary: BackupSummary,
    progress: Progress | None,
) -> None:
    files = manifest["files"]
    for index, item in enumerate(files, start=1):
        fld = _field(item["model"], item["field"])
        storage = fld.storage
        with archive.open(item["member"]) as stream:
            saved = storage.save(item["name"], File(stream, name=item["name"]))
        written.append((fld, saved))
        if saved != item["name"]:
            raise RestoreRefused(f"{item['name']}: the storage saved it as {saved}")
        with storage.open(saved, "rb") as check:
            digest, size = _sha256_of(check)
        if digest != manifest["members"][item["member"]]:
            raise RestoreRefused(f"{item['name']}: the restored file differs from the archive's")
        summary.files += 1
        summary.file_bytes += size
        if progress:
            progress(index, len(files), "files")
