"""The cells of an Excel workbook counted in its raw XML, before anything parses it.

openpyxl keeps about 400 bytes a cell when it loads a workbook whole, and its streaming
mode takes seconds to count a few hundred thousand, while a workbook of millions of
small cells is a few megabytes and compresses too little for the archive guard
(``archives.py``) to refuse it. Counting where cell elements begin in the inflated
parts, a chunk at a time, takes a fraction of a second.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

__all__ = ["more_cells_than"]

# How a cell element begins, with or without a namespace prefix (<c r="A1">, <x:c>, <c/>).
# Counting fixed strings allocates nothing per cell. It errs on the safe side only: a
# prefixed cell's end tag (</x:c>) counts too, as does ":c " in a text.
_STARTS = tuple(
    prefix + b"c" + after
    for prefix in (b"<", b":")
    for after in (b" ", b">", b"/", b"\t", b"\n", b"\r")
)
_CHUNK = 1 << 20


def _count(text: bytes) -> int:
    return sum(text.count(start) for start in _STARTS)


def more_cells_than(data: bytes, limit: int) -> bool:
    """Whether the parts of the workbook ``data`` hold more than ``limit`` cell elements,
    stopping as soon as they do. Call it once ``archives.checked_archive`` passed the
    archive: it inflates every part."""
    budget = limit
    with zipfile.ZipFile(BytesIO(data)) as archive:
        for member in archive.infolist():
            with archive.open(member) as stream:
                tail = b""
                while chunk := stream.read(_CHUNK):
                    # The last bytes of the previous chunk again, for a start cut in two;
                    # one that lay wholly in them was counted then.
                    budget -= _count(tail + chunk) - _count(tail)
                    tail = chunk[-2:]
                    if budget < 0:
                        return True
    return False
