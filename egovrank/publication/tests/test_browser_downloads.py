"""An anonymous visitor downloads each format from a block's public page, and the Excel
workbook holds the very numbers the page's ranking table shows.

Locators use the page's structure and the files' addresses, so the test reads the same
before and after the Vietnamese catalogue has the new strings."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from egovrank.core.documents.tests.reading import data_tables, docx_of
from egovrank.publication.exports import announcement
from egovrank.publication.exports.xlsx import HEADER_ROW
from egovrank.results.queries import published_tables
from egovrank.results.tests.helpers import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def number(text: str) -> Decimal:
    """A number as the Vietnamese page shows it: ``1.234,5`` -> ``1234.5``."""
    return Decimal(text.strip().rstrip("%").replace(".", "").replace(",", "."))


def page_rows(page) -> list[dict[str, object]]:
    """The ranking table as the visitor sees it: unit, total points, share."""
    rows = []
    for row in page.locator("table#ranking tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        total = next(text for text in cells if "/" in text)  # 288,77/500
        share = next(text for text in cells if text.strip().endswith("%"))
        rows.append(
            {
                "rank": int(cells[0]),
                "unit": row.locator("th a").inner_text(),
                "points": number(total.split("/")[0]),
                "percent": number(share),
            }
        )
    return rows


def download(page, href_end: str, tmp_path):
    with page.expect_download() as started:
        page.locator(f'nav.downloads a[href$="{href_end}"]').click()
    file = started.value
    target = tmp_path / file.suggested_filename
    file.save_as(target)
    return file.suggested_filename, target


def workbook_rows(path, publication, block) -> list[dict[str, object]]:
    """The block's sheet by column key (the headers are in the visitor's language)."""
    table = published_tables(publication, only=[block])[0]
    keys = [column.key for column in announcement.columns(table)]
    sheet = load_workbook(path)[block]
    return [
        dict(zip(keys, values, strict=True))
        for values in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    ]


def test_an_anonymous_visitor_downloads_each_format_with_the_page_s_numbers(
    live_server, page, screenshots, world, tmp_path
):
    publication = published(world)
    page.goto(live_server.url + "/published/2019/blocks/KHOI01/")
    shown = page_rows(page)
    assert [row["unit"] for row in shown] == [
        "Sở Thông tin và Truyền thông",
        "Sở Tài chính",
        "Sở Xây dựng",
    ]
    screenshots.take("block-with-downloads")

    name, path = download(page, "/results.xlsx", tmp_path)
    assert name == "ket-qua-2019.xlsx"
    in_excel = workbook_rows(path, publication, "KHOI01")
    assert len(in_excel) == len(shown)
    for on_page, row in zip(shown, in_excel, strict=True):
        assert row["unit"] == on_page["unit"]
        assert row["rank"] == on_page["rank"]
        assert isinstance(row["points"], int | float) and isinstance(row["percent"], int | float)
        assert Decimal(str(row["points"])) == on_page["points"]
        assert Decimal(str(row["percent"])) == on_page["percent"]

    name, path = download(page, "/blocks/KHOI01/results.csv", tmp_path)
    assert name == "ket-qua-2019-khoi01.csv"
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    in_csv = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [(r["unit_name"], Decimal(r["points"])) for r in in_csv] == [
        (row["unit"], row["points"]) for row in shown
    ]

    name, path = download(page, "/results.json", tmp_path)
    assert name == "ket-qua-2019.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    khoi01 = next(block for block in document["blocks"] if block["code"] == "KHOI01")
    assert [Decimal(unit["percent"]) for unit in khoi01["units"]] == [
        row["percent"] for row in shown
    ]

    name, path = download(page, "/results.pdf", tmp_path)
    assert name == "ket-qua-2019.pdf"
    assert path.read_bytes().startswith(b"%PDF-")

    # The lead agency's draft to sign: its annex's first table is the block on the page.
    name, path = download(page, "/announcement.docx", tmp_path)
    assert name == "thong-bao-ket-qua-2019.docx"
    first = data_tables(docx_of(path.read_bytes()))[0]
    assert [row.cells[1].text for row in first.rows[1:]] == [row["unit"] for row in shown]
