"""Zip-based files (Excel, Word) that come out byte for byte the same each time.

openpyxl and python-docx stamp every member of the archive with the moment of writing,
so the same publication drawn by two server processes (or again after a restart) gave
two different files under one ETag, and two different checksums for one official
result. The members' times are set to one moment given by the caller (a publication's
time), in the same order and with the same compression.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

__all__ = ["EPOCH", "fixed_zip"]

# The earliest time a zip member can carry: for files that have no moment of their own.
EPOCH = datetime(1980, 1, 1, tzinfo=UTC)


def fixed_zip(data: bytes, when: datetime = EPOCH) -> bytes:
    """``data`` (a zip archive we wrote) with every member dated ``when``."""
    stamp = max(when.astimezone(UTC), EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = member.compress_type
            info.external_attr = member.external_attr
            target.writestr(info, source.read(member))
    return out.getvalue()
