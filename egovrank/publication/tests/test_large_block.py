"""A block larger than a page (PUBLIC_RANKING_PAGE_SIZE; 10,000 communes nationally)
opens on its first page, with a search by unit name (accents optional) and pages, as a
plain form and plain links; the download still holds every unit, and a block that fits
on a page looks as before. The block is grown here by appending snapshot rows, with a
small page size."""

import csv
import io
import re

import pytest
from django.urls import reverse

from egovrank.results.tests.helpers import published

from .helpers import anonymous
from .test_query_counts import communes, grow

pytestmark = pytest.mark.django_db

SIZE = 10


@pytest.fixture
def large(world, settings):
    settings.PUBLIC_RANKING_PAGE_SIZE = SIZE
    publication = published(world)
    grow(publication, communes("A", 25, world))  # Khối 03: its 3 communes + 25
    return publication


def block(query="", code="KHOI03"):
    url = reverse("publication:block", kwargs={"year": 2019, "block": code}) + query
    return anonymous().get(url)


def ranks(page: str) -> list[int]:
    table = page.split('id="ranking"')[1].split("</table>")[0]
    return [int(rank) for rank in re.findall(r'<tr>\s*<td class="num">(\d+)</td>', table)]


def units(page: str) -> list[str]:
    table = page.split('id="ranking"')[1].split("</table>")[0]
    return re.findall(r'<a href="[^"]*/units/([^/"]+)/">', table)


def test_it_opens_on_the_first_page_with_links_to_the_next(large):
    page = block().content.decode()
    assert len(units(page)) == SIZE
    assert "Trang 1/3" in page
    assert 'href="?page=2#ranking-heading"' in page
    assert 'href="?page=3#ranking-heading"' in page
    # A plain form: no script needed to search.
    assert re.search(r'<form class="ranking-search" method="get"[^>]*>', page)
    assert 'name="q"' in page


def test_the_last_page_holds_the_rest_and_past_it_is_404(large):
    total = large.results.filter(block_code="KHOI03").count()
    page = block("?page=3").content.decode()
    assert len(units(page)) == total - 2 * SIZE
    assert block("?page=4").status_code == 404
    assert block("?page=abc").status_code == 200  # the first page


def test_the_search_finds_a_unit_without_its_accents(large):
    page = block("?q=xa+thu+a2").content.decode()
    assert set(units(page)) == {"A2", *(f"A2{n}" for n in range(5))}
    assert "Xã Thử A2" in page
    assert 'value="xa thu a2"' in page
    none = block("?q=khong+co").content.decode()
    assert 'id="ranking"' not in none
    assert "Không có đơn vị nào khớp với “khong co”." in none


def test_the_download_still_holds_every_unit(large):
    url = reverse("publication:csv", kwargs={"year": 2019, "block": "KHOI03"})
    body = anonymous().get(url).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) - 1 == large.results.filter(block_code="KHOI03").count()


def test_a_block_that_fits_on_a_page_looks_as_before(large):
    page = block(code="KHOI01").content.decode()
    assert "ranking-search" not in page
    assert "ranking-pages" not in page
    assert len(units(page)) == large.results.filter(block_code="KHOI01").count()
    assert block("?page=2", code="KHOI01").status_code == 404


def test_a_hostile_search_is_shown_back_escaped_and_without_control_characters(large):
    # The kept page's mark for the return address is "\x00next\x00": a search holding it
    # must not be taken for it.
    page = block("?q=%22%3E%3Cscript%3Ex%3C/script%3E%00%00next%00" + "a" * 500).content.decode()
    assert "<script>x" not in page
    assert "\x00" not in page
    assert page.count("/language/en/?next=") == 1
