"""The Excel download opens in LibreOffice (converted headless, as an office without
Microsoft Excel would open it) with the same numbers as the published results.

LibreOffice (Debian's libreoffice-calc-nogui) is installed by `make test`; without it
this test fails rather than skips, since skipping would hide exactly what it checks."""

import csv
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from egovrank.publication.exports.xlsx import HEADER_ROW
from egovrank.results.tests.helpers import published

pytestmark = pytest.mark.django_db

# LibreOffice's CSV filter: comma, double quote, UTF-8, first line 1, no cell format,
# language 0, quoted as text no, detect numbers yes, cell contents *as stored* (not as
# shown, so numbers come out in full with a dot), no formulas, no trimming, every sheet
# to its own file (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice():
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(
            "LibreOffice (soffice) is not installed: run `make test`, which installs it "
            "(make system-deps-test: libreoffice-calc-nogui)"
        )
    return found


def convert(workbook: Path, out: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``workbook`` as LibreOffice reads it, by sheet name."""
    # A fresh profile of its own, so it runs in CI and beside a desktop LibreOffice.
    profile = out / "profile"
    subprocess.run(
        [
            soffice(),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out),
            str(workbook),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(out)},
    )
    sheets = {}
    for path in out.glob(f"{workbook.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem.removeprefix(workbook.stem + "-")] = list(csv.reader(handle))
    return sheets


def test_libreoffice_reads_the_published_numbers(world, tmp_path):
    publication = published(world)
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(
        reverse("publication:xlsx", kwargs={"year": 2019})
    )
    workbook = tmp_path / "ket-qua-2019.xlsx"
    workbook.write_bytes(response.content)

    sheets = convert(workbook, tmp_path)

    assert sorted(sheets) == ["KHOI01", "KHOI02", "KHOI03"]
    for block, rows in sheets.items():
        header, *units = rows[HEADER_ROW - 1 :]
        units = [dict(zip(header, row, strict=False)) for row in units if any(row)]
        stored = list(publication.results.filter(block_code=block).order_by("pk"))
        groups = publication.blocks[block]["groups"]
        assert [unit["Unit"] for unit in units] == [result.unit_name for result in stored]
        for unit, result in zip(units, stored, strict=True):
            assert Decimal(unit["Total"]) == result.points
            assert Decimal(unit["Maximum"]) == result.max_points
            assert Decimal(unit["Share (%)"]) == result.percent
            assert int(unit["Rank"]) == result.rank
            assert unit["Level"] == result.level_name
            for code, name, maximum in groups:
                shown = unit[f"{name} (max {maximum})"]
                assert Decimal(shown) == Decimal(result.nodes[code][0])
            if result.rank_in_district is not None:
                assert int(unit["Rank in the district"]) == result.rank_in_district
        assert rows[0][0].startswith("RESULTS OF THE EVALUATION AND RANKING")
