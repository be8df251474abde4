"""What an official document says, whatever it is written as: the header, the title and
subject, the body (paragraphs and tables), the signature block, the recipients and the
annexes. Every text is final (already translated, numbers already formatted)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "BLANK",
    "MOTTO",
    "NATIONAL_NAME",
    "Annex",
    "Column",
    "Document",
    "Header",
    "Paragraph",
    "Signature",
    "Table",
]

# Decree 30/2020/NĐ-CP, appendix I: the national name and the motto, never translated.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# What the official fills in by hand in the .docx (a number, a day, a name).
BLANK = "…"


@dataclass(frozen=True)
class Header:
    """The top of the first page: the managing agency (``parent``, may be empty) above
    the issuing agency, the number and symbol, and the place and date line."""

    parent: str
    agency: str
    number: str  # "Số: …/TB-STTTT"
    place_date: str  # "Hưng Yên, ngày … tháng … năm 2020"


@dataclass(frozen=True)
class Signature:
    """The signature block: the authority to sign ("KT. GIÁM ĐỐC", may be empty), the
    signer's position and name (``BLANK`` when the system does not know it)."""

    authority: str
    position: str
    name: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    centred: bool = False


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # "text" (left), "number" (right) or "centre"
    width: float = 1.0  # a share of the table's width, relative to the other columns


@dataclass(frozen=True)
class Table:
    """A table with its heading; a row whose first cell starts with ``group`` marks a
    group row (bold), e.g. a criteria group above its criteria."""

    heading: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    bold_rows: frozenset[int] = frozenset()  # indexes of rows shown bold (groups, totals)
    empty: str = ""  # said instead of the table when it has no row


@dataclass(frozen=True)
class Annex:
    """A part after the signature, on its own pages: the announcement's tables."""

    title: str
    subtitle: str
    parts: tuple[Paragraph | Table, ...]
    landscape: bool = False


@dataclass(frozen=True)
class Document:
    header: Header
    title: str  # the kind of document, upper case: "THÔNG BÁO", "BÁO CÁO"
    subject: str  # what it is about (trích yếu)
    body: tuple[Paragraph | Table, ...]
    signature: Signature
    recipients: tuple[str, ...]
    annexes: tuple[Annex, ...] = field(default=())
    landscape: bool = False
    # The words the writers add (the recipients' heading, page numbers) follow it.
    language: str = "vi"
