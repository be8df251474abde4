"""Zip archives built byte by byte, as an attacker would: members already compressed
(any method, any declared size), which ``zipfile`` cannot write. Tests of the archive
guards use them; the bombs in ``files/`` were made with :func:`raw_zip`."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["BOMB_ODT", "Cost", "RawMember", "cost", "deflated", "raw_zip", "xlsx_with_sheet"]

# 1,044 bytes: an .odt whose ``mimetype`` member inflates (bzip2) to 1 GB of zeros, as in
# issue 15; made with raw_zip from bz2 of 2**30 zero bytes (11 s, so kept as a file).
BOMB_ODT = Path(__file__).parent / "files" / "bomb-1gb.odt"

STORED, DEFLATED, BZIP2 = 0, 8, 12


@dataclass(frozen=True)
class RawMember:
    name: str
    compressed: bytes
    method: int
    size: int  # the declared uncompressed size, true or not
    crc: int


def raw_zip(members: list[RawMember]) -> bytes:
    """A zip whose members hold ``compressed`` as they are, with the sizes they declare."""
    out = bytearray()
    central = bytearray()
    for member in members:
        name = member.name.encode()
        offset = len(out)
        fields = (20, 0, member.method, 0, 0x21, member.crc, len(member.compressed), member.size)
        out += struct.pack("<4sHHHHHIII", b"PK\x03\x04", *fields)
        out += struct.pack("<HH", len(name), 0) + name + member.compressed
        central += struct.pack("<4sH", b"PK\x01\x02", 20)
        central += struct.pack("<HHHHHIII", *fields)
        central += struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset) + name
    start = len(out)
    out += central
    out += struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), start, 0
    )
    return bytes(out)


def deflated(data: bytes) -> bytes:
    """``data`` compressed as a zip's deflated member holds it (raw deflate)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def xlsx_with_sheet(workbook: bytes, sheet_xml: bytes) -> bytes:
    """The workbook with its first sheet's XML replaced (deflated, sizes true)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(workbook))
    members = []
    for info in source.infolist():
        data = sheet_xml if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
        members.append(
            RawMember(info.filename, deflated(data), DEFLATED, len(data), zlib.crc32(data))
        )
    return raw_zip(members)


@dataclass(frozen=True)
class Cost:
    outcome: Any  # what the call returned, or the exception it raised
    seconds: float
    peak_mb: float  # the most memory Python allocated during the call, in MB


def cost(call: Callable[[], Any]) -> Cost:
    """Run ``call`` and measure its time and its peak of allocated memory (tracemalloc
    counts every bytes object zlib and bz2 inflate into)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        outcome: Any = call()
    except Exception as exc:  # the refusal is the outcome being measured
        outcome = exc
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return Cost(outcome, seconds, peak / 1024 / 1024)
