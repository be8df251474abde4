"""Zip archives people send (Excel, Word and OpenDocument files are zips), checked before
anything in them is inflated.

A few hundred bytes can inflate to gigabytes (a "zip bomb"), so an archive is refused
unread when it declares too many members, too many bytes in all, a member compressed
far more than office files ever are, or a compression method office files never use.
Only stored and deflated members pass: ``zipfile`` inflates those a few kilobytes at a
time and never past the size a member declares, whereas bzip2 and LZMA members are
inflated a whole chunk at once (785 bytes of bzip2 are 1 GB of output in one call).
:func:`read_member` reads through a bounded stream that stops at its cap even when a
member lies about its size.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import IO

__all__ = [
    "EVIDENCE_LIMITS",
    "IMPORT_LIMITS",
    "ArchiveLimits",
    "ArchiveRefused",
    "checked_archive",
    "read_member",
]

_MB = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    members: int
    total: int  # bytes, all members inflated
    ratio: int  # inflated / compressed, for one member ...
    ratio_from: int = _MB  # ... once it inflates to this many bytes (tiny members compress oddly)


# Unit lists, figures and criteria sets: small tables, read whole into memory.
IMPORT_LIMITS = ArchiveLimits(members=1_000, total=64 * _MB, ratio=100)
# Evidence is stored as sent and only its member names and ``mimetype`` are read; the
# limits refuse bombs (which would hurt whoever opens the file) and let real documents
# with many pictures through.
EVIDENCE_LIMITS = ArchiveLimits(members=10_000, total=1024 * _MB, ratio=200)

_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


class ArchiveRefused(ValueError):
    """The archive was refused unread. ``reason`` says why in a word (``members``,
    ``total``, ``ratio``, ``method``, ``member``, ``damaged``) and ``limit`` is
    the limit it broke (files, megabytes, times, bytes), so that interfaces can say it in their own language."""

    def __init__(self, reason: str, message: str, limit: int = 0) -> None:
        self.reason = reason
        self.limit = limit
        super().__init__(message)


def _declared_members(file: IO[bytes]) -> int | None:
    # The end record says how many members the central directory lists; reading it
    # first keeps ``ZipFile`` from building an object for each of a million members.
    record = zipfile._EndRecData(file)  # type: ignore[attr-defined]
    file.seek(0)
    return None if record is None else int(record[zipfile._ECD_ENTRIES_TOTAL])  # type: ignore[attr-defined]


def checked_archive(source: bytes | IO[bytes], limits: ArchiveLimits) -> zipfile.ZipFile:
    """The archive open for reading, once its declared members passed ``limits``.
    Raises ``ArchiveRefused``; nothing is inflated before it returns."""
    file = io.BytesIO(source) if isinstance(source, bytes) else source
    file.seek(0)
    try:
        count = _declared_members(file)
    except (OSError, EOFError, ValueError):
        count = None
    if count is not None and count > limits.members:
        raise ArchiveRefused(
            "members", f"the archive holds more than {limits.members} files", limits.members
        )
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ArchiveRefused("damaged", "not a zip archive that can be read") from None
    try:
        _check(archive.infolist(), limits)
    except ArchiveRefused:
        archive.close()
        raise
    return archive


def _check(members: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    if len(members) > limits.members:
        raise ArchiveRefused(
            "members", f"the archive holds more than {limits.members} files", limits.members
        )
    total = 0
    for member in members:
        if member.compress_type not in _METHODS:
            raise ArchiveRefused(
                "method", f"{member.filename} uses a compression method office files never use"
            )
        total += member.file_size
        if total > limits.total:
            raise ArchiveRefused(
                "total",
                f"the archive would inflate to more than {limits.total // _MB} MB",
                limits.total // _MB,
            )
        if member.file_size >= limits.ratio_from and member.file_size > limits.ratio * max(
            member.compress_size, 1
        ):
            raise ArchiveRefused(
                "ratio",
                f"{member.filename} is compressed more than {limits.ratio} times",
                limits.ratio,
            )


def read_member(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """The whole of member ``name``, read a chunk at a time through a stream that stops
    at ``cap`` bytes: a member that declares or holds more is refused, whatever size it
    declares."""
    try:
        member = archive.getinfo(name)
    except KeyError:
        raise ArchiveRefused("damaged", f"the archive has no {name}") from None
    if member.compress_type not in _METHODS:
        raise ArchiveRefused("method", f"{name} uses a compression method office files never use")
    if member.file_size > cap:
        raise ArchiveRefused("member", f"{name} holds more than {cap} bytes", cap)
    chunks: list[bytes] = []
    held = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(64 * 1024):
                held += len(chunk)
                if held > cap:
                    raise ArchiveRefused("member", f"{name} holds more than {cap} bytes", cap)
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise ArchiveRefused("damaged", f"{name} cannot be read: {exc}") from None
    return b"".join(chunks)
