"""Reading the documents back as an official would: the Word file with python-docx, the
PDF with pypdf, and the Word file converted to PDF by LibreOffice Writer (headless)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from egovrank.core.documents.model import MOTTO, NATIONAL_NAME


def docx_of(body: bytes):
    return open_docx(io.BytesIO(body))


def pdf_of(body: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(body))


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def header_texts(word) -> list[str]:
    """The texts of the header table's two cells, line by line."""
    left, right = word.tables[0].rows[0].cells
    return [p.text for p in left.paragraphs if p.text] + [p.text for p in right.paragraphs]


def assert_official_header(word, *, agency: str, number_start: str) -> None:
    texts = header_texts(word)
    assert agency.upper() in texts
    assert NATIONAL_NAME in texts and MOTTO in texts
    assert any(text.startswith(number_start) for text in texts), texts
    motto = next(p for p in word.tables[0].rows[0].cells[1].paragraphs if p.text == MOTTO)
    assert all(run.underline for run in motto.runs)  # the motto is underlined


def data_tables(word):
    """The document's tables but the header and the signature block (borderless)."""
    return [
        table
        for table in word.tables
        if table.style is not None and table.style.name == "Table Grid"
    ]


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(
            "LibreOffice (soffice) is not installed: run `make test`, which installs it "
            "(make system-deps-test: libreoffice-writer-nogui)"
        )
    return found


def converted_by_libreoffice(body: bytes) -> PdfReader:
    """The .docx as LibreOffice Writer prints it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.docx"
        path.write_bytes(body)
        profile = Path(folder) / "profile"
        subprocess.run(  # noqa: S603 - our own file, a fixed command
            [
                soffice(),
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return pdf_of((Path(folder) / "document.pdf").read_bytes())


def no_row_alone(pages: list[str], rows: list[str], header: str) -> None:
    """No page holds exactly one of a table's ``rows`` (unit names, criterion codes),
    and a page holding any has the table's ``header`` (repeated on each page)."""
    for number, text in enumerate(pages, start=1):
        found = [
            row for row in rows if re.search(r"(?<![\w.])" + re.escape(row) + r"(?![\w.])", text)
        ]
        assert len(found) != 1, f"page {number} holds only {found}"
        if found:
            assert header in text, f"page {number} has rows but no header"
