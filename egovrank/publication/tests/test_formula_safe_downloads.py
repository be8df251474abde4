"""Unit names a spreadsheet would run as formulas stay text in every published file
anyone can download (Excel announcement, a block's CSV) and in `export_results`' data
workbook (issue 15: they were live formulas)."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from egovrank.periods.models import Participant
from egovrank.results.tests.helpers import published
from egovrank.testing.formulas import (
    HOSTILE_NAMES,
    assert_csv_keeps_as_text,
    assert_xlsx_keeps_as_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile(world):
    """The year published with five units named as formulas; their names by block."""
    by_block: dict[str, list[str]] = {}
    for participant, name in zip(Participant.objects.order_by("pk"), HOSTILE_NAMES, strict=False):
        participant.unit_name = name
        participant.save()
        by_block.setdefault(participant.block.code, []).append(name)
    published(world)
    return by_block


def test_the_public_workbook_keeps_them_as_text(hostile):
    response = Client().get("/published/2019/results.xlsx")
    assert response.status_code == 200
    assert_xlsx_keeps_as_text(response.content)


def test_each_blocks_public_csv_keeps_them_as_text(hostile):
    for block, names in hostile.items():
        response = Client().get(f"/published/2019/blocks/{block}/results.csv")
        assert response.status_code == 200
        assert_csv_keeps_as_text(response.content.decode("utf-8"), tuple(names))


def test_the_export_commands_data_workbook_keeps_them_as_text(hostile, tmp_path):
    target = tmp_path / "ket-qua.xlsx"
    call_command(
        "export_results", "2019", publication=1, output=str(target), layout="data",
        stdout=io.StringIO(), stderr=io.StringIO(),
    )  # fmt: skip
    assert_xlsx_keeps_as_text(target.read_bytes())
