"""Evidence file types, recognised by their content, and safe file names.

A file is accepted when its bytes are one of the kinds below and its name's extension
is one that kind uses: a PDF renamed ``.docx`` is refused, as is an ``.exe`` renamed
``.pdf``. Office files are ZIP archives (OOXML, OpenDocument) or OLE2 compound files
(Word/Excel 97–2003); the archive's members tell a Word document from a spreadsheet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from egovrank.scoring.fileformat.archives import (
    EVIDENCE_LIMITS,
    ArchiveRefused,
    checked_archive,
    read_member,
)

__all__ = ["FileKind", "KINDS", "detect", "safe_name"]


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    extensions: tuple[str, ...]
    inline: bool = False  # a browser can show it safely in a sandboxed tab


PDF = FileKind("PDF", "application/pdf", (".pdf",), inline=True)
PNG = FileKind("PNG", "image/png", (".png",), inline=True)
JPEG = FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg"), inline=True)
WEBP = FileKind("WebP", "image/webp", (".webp",), inline=True)
GIF = FileKind("GIF", "image/gif", (".gif",), inline=True)
TIFF = FileKind("TIFF", "image/tiff", (".tif", ".tiff"))
DOCX = FileKind(
    "Word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileKind(
    "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
)
PPTX = FileKind(
    "PowerPoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
)
DOC = FileKind("Word 97–2003", "application/msword", (".doc",))
XLS = FileKind("Excel 97–2003", "application/vnd.ms-excel", (".xls",))
ODT = FileKind("OpenDocument Text", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = FileKind(
    "OpenDocument Spreadsheet", "application/vnd.oasis.opendocument.spreadsheet", (".ods",)
)
ODP = FileKind(
    "OpenDocument Presentation", "application/vnd.oasis.opendocument.presentation", (".odp",)
)

KINDS = (PDF, PNG, JPEG, WEBP, GIF, TIFF, DOCX, XLSX, PPTX, DOC, XLS, ODT, ODS, ODP)
_ODF = {kind.content_type: kind for kind in (ODT, ODS, ODP)}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_kind(file: IO[bytes]) -> FileKind | None:
    # A bomb raises ArchiveRefused (the caller says why); a damaged zip is no kind.
    try:
        with checked_archive(file, EVIDENCE_LIMITS) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = read_member(archive, "mimetype", 256)
                return _ODF.get(mimetype.decode("ascii", "replace").strip())
    except ArchiveRefused as refused:
        if refused.reason in ("damaged", "member"):
            return None
        raise
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        if "ppt/presentation.xml" in names:
            return PPTX
    return None


def detect(file: IO[bytes], name: str) -> FileKind | None:
    """The kind of ``file`` by its content (``name`` only tells Word 97 from Excel 97,
    whose containers look alike), or None when it is none of the accepted kinds.
    Raises ``ArchiveRefused`` for a zip that would inflate like a bomb."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind: FileKind | None = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = WEBP
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        kind = GIF
    elif head[:4] in (b"II*\x00", b"MM\x00*"):
        kind = TIFF
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(file)
        file.seek(0)
    elif head.startswith(_OLE2):
        suffix = PurePosixPath(name).suffix.lower()
        kind = XLS if suffix == ".xls" else DOC
    return kind


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(name: str, limit: int = 150) -> str:
    """A file name fit to show and to offer for download: no folders, no control or
    reserved characters, Vietnamese letters kept (NFC), at most ``limit`` characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE.sub("_", base)
    base = re.sub(r"\s+", " ", base).strip(" .")
    if not base:
        base = "tai-lieu"
    path = PurePosixPath(base)
    suffix = path.suffix[:10] if path.suffix else ""
    stem = base[: len(base) - len(path.suffix)] if path.suffix else base
    return stem[: max(1, limit - len(suffix))] + suffix
