"""A ``model.Document`` as a Word file (python-docx): A4, Times New Roman 13 pt, the
margins of Decree 30/2020/NĐ-CP, the header and the signature block as borderless
two-column tables, each table's header row repeated on every page, no row split across
pages and no table leaving its last row, or its first row, alone on a page."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override
from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from ..fixed_zip import fixed_zip
from .model import MOTTO, NATIONAL_NAME, Annex, Document, Paragraph, Table

__all__ = ["CONTENT_TYPE", "render_docx"]

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
_ALIGN = {
    "text": WD_ALIGN_PARAGRAPH.LEFT,
    "number": WD_ALIGN_PARAGRAPH.RIGHT,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
}


def render_docx(document: Document) -> bytes:
    with override(document.language):
        return _render(document)


def _render(document: Document) -> bytes:
    word = new_docx()
    style = word.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    # East Asian text falls back to this name too, so Word never swaps the font.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    _page(word.sections[0], landscape=document.landscape)
    _header(word, document)
    _title(word, document.title, document.subject)
    for part in document.body:
        _part(word, part)
    _signature(word, document)
    for annex in document.annexes:
        _annex(word, annex)
    out = io.BytesIO()
    word.save(out)
    # The same document is the same file, whenever it is drawn (see fixed_zip).
    return fixed_zip(out.getvalue())


def _page(section: Any, *, landscape: bool) -> None:
    # Decree 30: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
    width, height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _borderless(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _line(
    cell: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = 13,
    underline: bool = False,
    upper: bool = False,
    first: bool = False,
) -> Any:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text.upper() if upper else text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def _short_rule(paragraph: Any, indent: float) -> None:
    """A short line under the paragraph: its bottom border, narrowed by indents."""
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Cm(indent)
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "6"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(name), value)
    borders.append(bottom)
    properties.append(borders)


def _header(word: Any, document: Document) -> None:
    header = document.header
    table = word.add_table(rows=1, cols=2)
    _borderless(table)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    first = True
    if header.parent:
        _line(left, header.parent, size=12, upper=True, first=True)
        first = False
    agency = _line(left, header.agency, bold=True, size=12, upper=True, first=first)
    _short_rule(agency, 1.8)
    _line(left, header.number, size=13).paragraph_format.space_before = Pt(6)
    _line(right, NATIONAL_NAME, bold=True, size=12, first=True)
    _line(right, MOTTO, bold=True, size=13, underline=True)
    date = _line(right, header.place_date, italic=True, size=13)
    date.paragraph_format.space_before = Pt(6)


def _title(word: Any, title: str, subject: str) -> None:
    heading = word.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_before = Pt(18)
    run = heading.add_run(title.upper())
    run.bold = True
    run.font.size = Pt(14)
    about = word.add_paragraph()
    about.alignment = WD_ALIGN_PARAGRAPH.CENTER
    about.paragraph_format.space_after = Pt(12)
    about.add_run(subject).bold = True
    about.paragraph_format.keep_with_next = True


def _part(word: Any, part: Paragraph | Table) -> None:
    if isinstance(part, Table):
        _table(word, part)
        return
    paragraph = word.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.first_line_indent = None if part.centred else Cm(1)
    if part.centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    run = paragraph.add_run(part.text)
    run.bold, run.italic = part.bold, part.italic


def _row_flag(row: Any, name: str) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement(f"w:{name}")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _keep_with_next(row: Any) -> None:
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _table(word: Any, table: Table) -> None:
    if table.heading:
        heading = word.add_paragraph()
        heading.paragraph_format.space_before = Pt(8)
        heading.paragraph_format.space_after = Pt(4)
        heading.paragraph_format.keep_with_next = True
        heading.add_run(table.heading).bold = True
    if not table.rows:
        if table.empty:
            word.add_paragraph(table.empty).runs[0].italic = True
        return
    grid = word.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(column.width for column in table.columns)
    usable = 26.2 if _landscape(word) else 16.5  # cm between the margins
    widths = [Cm(usable * column.width / total) for column in table.columns]
    # Each row and its cells read once: python-docx finds them by walking the table.
    rows = list(grid.rows)
    head = rows[0]
    _row_flag(head, "tblHeader")  # repeated at the top of every page
    for cell, column, width in zip(head.cells, table.columns, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(column.header)
        run.bold = True
        run.font.size = Pt(11)
    for index, (row, values) in enumerate(zip(rows[1:], table.rows, strict=True)):
        _row_flag(row, "cantSplit")
        for cell, column, width, value in zip(
            row.cells, table.columns, widths, values, strict=True
        ):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.alignment = _ALIGN.get(column.kind, WD_ALIGN_PARAGRAPH.LEFT)
            run = paragraph.add_run(value)
            run.font.size = Pt(11)
            run.bold = index in table.bold_rows
    # The header keeps with the first row, the first row with the second, and the last
    # row with the one before it: no row of a table is ever alone on a page.
    _keep_with_next(head)
    if len(table.rows) > 1:
        _keep_with_next(rows[1])
        _keep_with_next(rows[-2])


def _landscape(word: Any) -> bool:
    return bool(word.sections[-1].orientation == WD_ORIENT.LANDSCAPE)


def _signature(word: Any, document: Document) -> None:
    table = word.add_table(rows=1, cols=2)
    _borderless(table)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(8), Cm(8.5)
    heading = left.paragraphs[0]
    heading.paragraph_format.space_before = Pt(12)
    run = heading.add_run(_("Recipients:"))
    run.bold, run.italic = True, True
    run.font.size = Pt(12)
    for recipient in document.recipients:
        line = left.add_paragraph()
        line.add_run(recipient).font.size = Pt(11)
    signature = document.signature
    first = True
    for text in (signature.authority, signature.position):
        if text:
            paragraph = _line(right, text, bold=True, size=13, upper=True, first=first)
            if first:
                paragraph.paragraph_format.space_before = Pt(12)
            first = False
    for _blank in range(4):  # room for the signature and the seal
        right.add_paragraph()
    _line(right, signature.name, bold=True, size=13)


def _annex(word: Any, annex: Annex) -> None:
    section = word.add_section()
    _page(section, landscape=annex.landscape)
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(annex.title.upper()).bold = True
    if annex.subtitle:
        subtitle = word.add_paragraph()
        subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
        subtitle.add_run(annex.subtitle).italic = True
    for index, part in enumerate(annex.parts):
        if isinstance(part, Table) and index:
            # Each block's table starts on its own page, as in the printed announcement.
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _part(word, part)
