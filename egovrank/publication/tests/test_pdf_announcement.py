"""The PDF of the announcement: A4 landscape, the title and the decision, one table per
block with its levels, page numbers, and the shipped Vietnamese font embedded (nothing
taken from the machine, nothing fetched)."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from egovrank.publication.exports import announcement
from egovrank.publication.exports.pdf import fonts_only_fetcher
from egovrank.publication.exports.source import from_publication
from egovrank.results.tests.helpers import published

pytestmark = pytest.mark.django_db


def download(language="vi"):
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(
        reverse("publication:pdf", kwargs={"year": 2019})
    )
    assert response.status_code == 200
    return PdfReader(io.BytesIO(response.content))


def text_of(reader):
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def fonts_of(reader):
    """Every font the pages use: (name, the descriptor that says how it is embedded)."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object()
                found[str(descendant["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    return found


def test_it_has_the_title_the_decision_and_every_unit_in_vietnamese(world):
    publication = published(world)
    text = text_of(download("vi"))
    with translation.override("vi"):
        source = from_publication(publication)
        for words in (announcement.title(source), announcement.decision_line(source)):
            assert " ".join(words.split()) in text
    for words in ("123/QĐ-UBND", "20/03/2020", "Nguyễn Văn Phóng", "Khối 01", "Khối 03"):
        assert words in text
    for unit in ("Sở Tài chính", "Sở Thông tin và", "Xã Lạc Đạo", "UBND huyện Văn Giang"):
        assert unit in text
    for level in ("Tốt", "Trung bình", "Yếu"):
        assert level in text


def test_numbers_are_shown_the_vietnamese_way(world):
    publication = published(world)
    text = text_of(download("vi"))
    sotc = publication.results.get(unit_code="K01-05")
    shown = format(sotc.percent, "f").replace(".", ",")  # 56,62
    assert shown in text


def test_it_is_a4_landscape_with_page_numbers(world):
    published(world)
    reader = download("en")
    assert len(reader.pages) == 3  # a block per page here
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)
    text = text_of(reader)
    assert re.search(r"Page 1 of 3", text) and "Page 3 of 3" in text


def test_the_shipped_font_is_embedded_and_is_the_only_one(world):
    published(world)
    fonts = fonts_of(download())
    assert fonts
    for name, descriptor in fonts.items():
        assert "Document-Serif" in name, name  # never a font of the machine
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name


def test_it_may_load_the_shipped_fonts_and_nothing_else():
    from weasyprint.urls import FatalURLFetchingError

    from egovrank.publication.exports.pdf import FONT_FILES, FONTS

    fetcher = fonts_only_fetcher()
    font = (FONTS / FONT_FILES["regular"]).as_uri()
    assert fetcher.fetch(font).read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    for elsewhere in ("https://example.org/font.ttf", "file:///etc/passwd", font + "/../x"):
        with pytest.raises(FatalURLFetchingError):
            fetcher.fetch(elsewhere)
