"""The lead agency's announcement of the results as an official document (Decree
30/2020/NĐ-CP): a Word draft to edit and sign and its PDF, from the published year's
page; the public PDF with the province's header. Read back with python-docx and pypdf;
the Word file converted by LibreOffice Writer, its page breaks checked."""

import pytest
from django.urls import reverse

from egovrank.core.documents.model import MOTTO, NATIONAL_NAME
from egovrank.core.documents.tests.reading import (
    assert_official_header,
    converted_by_libreoffice,
    data_tables,
    docx_of,
    no_row_alone,
    page_texts,
    pdf_of,
)
from egovrank.results.tests.helpers import published

from .helpers import anonymous
from .test_query_counts import communes, grow

pytestmark = pytest.mark.django_db


def get(name, language="vi", year=2019):
    response = anonymous(language).get(reverse(f"publication:{name}", kwargs={"year": year}))
    assert response.status_code == 200, response.status_code
    return response


def test_the_word_draft_has_the_header_the_decision_the_signature_and_every_block(world):
    publication = published(world)
    response = get("announcement_docx", language="en")  # in Vietnamese whatever the reader's
    assert response["Content-Disposition"] == 'attachment; filename="thong-bao-ket-qua-2019.docx"'
    word = docx_of(response.content)
    assert_official_header(word, agency="Sở Thông tin và Truyền thông", number_start="Số: …/TB-")
    texts = [p.text for p in word.paragraphs]
    assert "THÔNG BÁO" in texts
    body = "\n".join(texts)
    assert publication.decision_number in body and publication.signer in body
    assert "Hưng Yên, ngày … tháng … năm …" in [
        p.text for p in word.tables[0].rows[0].cells[1].paragraphs
    ]
    signature = word.tables[1].rows[0].cells
    assert signature[0].paragraphs[0].text == "Nơi nhận:"
    assert "GIÁM ĐỐC" in [p.text for p in signature[1].paragraphs]
    assert "…" in [p.text for p in signature[1].paragraphs]  # the signer, to fill in
    tables = data_tables(word)
    assert len(tables) == len(publication.blocks) == 3
    for table, code in zip(tables, sorted(publication.blocks), strict=True):
        rows = publication.results.filter(block_code=code)
        assert len(table.rows) == 1 + rows.count()
        names = {row.cells[1].text for row in table.rows[1:]}
        assert names == set(rows.values_list("unit_name", flat=True))
        # The header row repeats on every page; no row splits.
        assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
        assert all(row._tr.trPr.xpath("./w:cantSplit") for row in table.rows[1:])
    # The annex is landscape.
    assert word.sections[-1].page_width > word.sections[-1].page_height


def test_its_pdf_has_the_same_header_and_tables(world):
    published(world)
    pages = page_texts(pdf_of(get("announcement_pdf").content))
    first = pages[0]
    for words in (NATIONAL_NAME, MOTTO, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "THÔNG BÁO", "Nơi nhận:"):
        assert words in first
    text = " ".join(pages)
    for unit in ("Sở Tài chính", "Xã Lạc Đạo", "UBND huyện Văn Giang"):
        assert unit in text


def test_the_public_pdf_opens_with_the_header_of_the_decision(world):
    published(world)
    first = page_texts(pdf_of(get("pdf").content))[0]
    for words in (NATIONAL_NAME, MOTTO, "UBND TỈNH HƯNG YÊN", "Hưng Yên, ngày 20 tháng 3 năm 2020"):
        assert words in first, words


def test_the_years_page_links_both_files(world):
    published(world)
    page = anonymous().get(reverse("publication:year", kwargs={"year": 2019})).content.decode()
    for name in ("announcement_docx", "announcement_pdf"):
        assert reverse(f"publication:{name}", kwargs={"year": 2019}) in page


def test_a_block_over_pages_leaves_no_row_alone_in_pdf_and_in_libreoffice(world):
    """Khối 03 grown to run over a page: both the public PDF and the Word draft, as
    LibreOffice prints it, repeat the header and never leave a row alone on a page."""
    publication = published(world)
    grow(publication, communes("A", 33, world))
    names = list(
        publication.results.filter(block_code="KHOI03").values_list("unit_name", flat=True)
    )
    public = page_texts(pdf_of(get("pdf").content))
    assert sum(1 for text in public if any(name in text for name in names)) >= 2
    no_row_alone(public, names, "Thứ hạng")
    draft = page_texts(converted_by_libreoffice(get("announcement_docx").content))
    assert sum(1 for text in draft if any(name in text for name in names)) >= 2
    no_row_alone(draft, names, "Thứ hạng")
