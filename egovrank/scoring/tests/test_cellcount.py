"""Cells counted in a workbook's XML before anything parses it (``cellcount.py``)."""

import io
import zipfile

import pytest

from egovrank.scoring.fileformat.cellcount import more_cells_than


def workbook(xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", xml)
    return out.getvalue()


def cells(count: int, prefix: bytes = b"") -> bytes:
    # Cells of uneven lengths, so that some start across the 1 MB chunks' edges.
    return b"".join(
        b'<%sc r="A%d"><%sv>%d</%sv></%sc>' % (prefix, n, prefix, n, prefix, prefix)
        for n in range(count)
    )


def test_cells_are_counted_exactly_across_chunks():
    assert not more_cells_than(workbook(cells(200_000)), 200_000)
    assert more_cells_than(workbook(cells(200_001)), 200_000)


@pytest.mark.parametrize("cell", [b"<c/>", b"<c>", b'<c\nr="A1">', b"<x:c>", b'<x:c r="A1"/>'])
def test_every_way_a_cell_element_begins_is_counted(cell):
    assert more_cells_than(workbook(cell * 11), 10)


def test_a_prefixed_cell_counts_on_the_safe_side():
    # Its end tag counts too: twice as many, never fewer.
    assert not more_cells_than(workbook(cells(50_000, b"x:")), 100_000)
    assert more_cells_than(workbook(cells(50_001, b"x:")), 100_000)


def test_columns_rows_and_text_are_not_cells():
    xml = b'<cols><col min="1"/></cols><row r="1"/><cfRule/><t>Cc c</t>' * 1000
    assert not more_cells_than(workbook(xml), 0)
