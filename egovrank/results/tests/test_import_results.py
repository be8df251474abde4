"""import_results: a former province's published results of a past year (Thái Bình's
2024 wards), imported as a published period marked as imported; refused whole with row
and column when anything is wrong; and reached from a 2025 ward through the shipped
successor links."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from egovrank.accounts.actions import do_grant_role
from egovrank.accounts.models import User
from egovrank.core.models import AuditEvent
from egovrank.core.roles import Role
from egovrank.orgs.actions import do_import_units
from egovrank.orgs.models import Unit
from egovrank.orgs.successorfile import do_import_successors
from egovrank.orgs.tests.helpers import DEMO, make_hungyen_blocks, make_province
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.publication.queries import previous_results
from egovrank.results.historyfile import HistoryFileError, do_import_results
from egovrank.results.models import Publication, PublishedResult
from egovrank.testing.database import rolled_back_at_the_end

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def english():
    # Messages are checked in English; the Vietnamese catalogue translates them.
    with translation.override("en"):
        yield


DATA = Path(DEMO).parent
# Thái Bình's 2024 wards of the city: 12452 Trần Hưng Đạo (whose code the 2025 ward
# reuses), 12439 Đề Thám and 12445 Quang Trung all went into Phường Trần Hưng Đạo of
# 2025; 12442 Kỳ Bá into Phường Trần Lãm.
GOOD = """\
# Thái Bình, 2024, block 03 (sample figures)
Mã,Tên,Khối,Điểm,Điểm tối đa,Tỷ lệ %,Xếp loại,Xếp hạng
12452,Phường Trần Hưng Đạo,KHOI03,412.5,500,82.50,Tốt,1
12439,Phường Đề Thám,KHOI03,380,500,76,Khá,2
12445,Phường Quang Trung,KHOI03,301.25,500,60.25,Trung bình,3
12442,Phường Kỳ Bá,KHOI03,250,500,,Trung bình,
"""


@pytest.fixture(scope="module", autouse=True)
def merged_hungyen(django_db_setup, django_db_blocker):
    """The registry of the shipped files (2019, before 2025, 2025) and their links."""
    with rolled_back_at_the_end(django_db_blocker):
        make_hungyen_blocks()
        make_province()
        for path in (DEMO, DATA / "hungyen-units-before-2025.csv", DATA / "hungyen-units-2025.csv"):
            do_import_units(path.name, path.read_bytes(), actor=None)
        links = DATA / "hungyen-successors-2025.csv"
        do_import_successors(links.name, links.read_bytes(), year=2025, actor=None)
        admin = User.objects.create(username="quantri", full_name="Quản trị")
        do_grant_role(admin, Role.ADMINISTRATOR, None, actor=None)
        yield


def import_good(**options):
    return do_import_results(
        "thaibinh-2024.csv",
        GOOD.encode(),
        year=2024,
        decision_number="512/QĐ-UBND",
        decision_date=date(2025, 3, 20),
        signer="Chủ tịch UBND tỉnh Thái Bình",
        actor=User.objects.get(username="quantri"),
        **options,
    )


def test_the_results_become_a_published_period_marked_as_imported():
    report = import_good()
    assert str(report) == (
        "thaibinh-2024.csv: 4 published results of 2024 imported (blocks: KHOI03)"
    )
    period = Period.objects.get(year=2024)
    assert (period.state, period.imported) == (PeriodState.PUBLISHED, True)
    assert not period.participants.exists()
    publication = Publication.objects.get(period=period)
    assert publication.decision_number == "512/QĐ-UBND"
    block = publication.blocks["KHOI03"]
    assert block["imported"] is True
    assert [name for _code, name, _min in block["levels"]] == ["Tốt", "Khá", "Trung bình"]
    rows = {r.unit_code: r for r in publication.results.all()}
    assert rows["12452"].points == Decimal("412.5")
    assert rows["12445"].percent == Decimal("60.25")
    assert rows["12442"].percent == Decimal("50.00")  # computed when the file gives none
    assert rows["12442"].rank is None
    assert rows["12439"].district_name == "UBND thành phố Thái Bình"
    # The reused code is read in its year: the ward of 2024, not the one of 2025.
    assert Unit.objects.get(pk=rows["12452"].unit_id).valid_until == 2024
    event = AuditEvent.objects.get(action="results.imported")
    assert event.data["units"] == 4 and event.actor.username == "quantri"


def test_a_2025_ward_reaches_its_former_wards_imported_results_through_the_links():
    import_good()
    ward = Unit.objects.get(code="12452", valid_from=2025)
    # What the ward's 2025 public page asks for its year before (publication.queries).
    earlier = previous_results(PublishedResult(unit_id=ward.pk, unit_code="12452"), 2025)
    assert [r.unit_code for r in earlier] == ["12452", "12439", "12445"]
    assert {r.publication.period.imported for r in earlier} == {True}
    tran_lam = Unit.objects.get(code="12454", valid_from=2025)
    assert [r.unit_name for r in previous_results(PublishedResult(unit_id=tran_lam.pk), 2025)] == [
        "Phường Kỳ Bá"
    ]


BAD = """\
code,block,points,max_points,share,level,rank
12452,KHOI03,412.5,500,82.5,Tốt,1
HY-D08,KHOI03,300,500,,,2
99999,KHOI03,300,500,,,2
12439,KHOI09,380,500,,,2
12445,KHOI03,520,500,,,3
12442,KHOI03,250,500,51,,4
12448,KHOI03,mười,500,,,x
12452,KHOI03,100,500,,,9
"""


def test_a_bad_file_is_refused_whole_with_each_row_and_column():
    with pytest.raises(HistoryFileError) as refused:
        do_import_results(
            "bad.csv",
            BAD.encode(),
            year=2024,
            decision_number="1/QĐ-UBND",
            decision_date=date(2025, 1, 1),
            signer="",
            actor=User.objects.get(username="quantri"),
        )
    problems = {(p.row, p.column): p.message for p in refused.value.problems}
    assert problems == {
        (3, "code"): "no unit with code 'HY-D08' is valid in 2024",
        (4, "code"): "no unit with code '99999' is valid in 2024",
        (5, "block"): "unknown block 'KHOI09' (known: KHOI01, KHOI02, KHOI03)",
        (6, "points"): "520 points is more than the maximum 500",
        (7, "share"): "share 51% does not match 250 / 500 = 50%",
        (8, "points"): "'mười' is not a number",
        (8, "rank"): "'x' is not a rank (a whole number from 1)",
        (9, "code"): "12452 is also on row 2",
    }
    assert "bad.csv, row 5, column block" in str(refused.value)
    assert not Period.objects.filter(year=2024).exists()
    assert not PublishedResult.objects.exists()


def test_a_rank_beyond_the_block_and_a_missing_column_are_refused():
    actor = User.objects.get(username="quantri")
    args = {"year": 2024, "decision_number": "1", "decision_date": date(2025, 1, 1)}
    with pytest.raises(HistoryFileError) as refused:
        do_import_results(
            "r.csv",
            b"code,block,points,max_points,rank\n12452,KHOI03,1,5,2\n",
            signer="",
            actor=actor,
            **args,
        )
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "rank")]
    with pytest.raises(HistoryFileError, match="missing column.*max_points"):
        do_import_results(
            "m.csv", b"code,block,points\n12452,KHOI03,1\n", signer="", actor=actor, **args
        )
    assert not Period.objects.exists()


def test_the_command_imports_once_and_refuses_a_year_that_has_a_period(tmp_path):
    path = tmp_path / "thaibinh-2024.csv"
    path.write_text(GOOD, encoding="utf-8")
    command = [
        "import_results",
        str(path),
        "--year",
        "2024",
        "--decision",
        "512/QĐ-UBND",
        "--decision-date",
        "2025-03-20",
        "--by",
        "quantri",
    ]
    out = io.StringIO()
    call_command(*command, stdout=out)
    assert "4 published results of 2024 imported" in out.getvalue()
    with pytest.raises(CommandError, match="a period for 2024 already exists"):
        call_command(*command, stdout=io.StringIO())
    assert PublishedResult.objects.count() == 4


def test_the_public_pages_of_the_imported_year_read_its_results(client):
    import_good()
    year = client.get("/published/2024/")
    assert year.status_code == 200
    assert "512/QĐ-UBND" in year.content.decode()
    block = client.get("/published/2024/blocks/KHOI03/")
    assert block.status_code == 200
    assert "Phường Đề Thám" in block.content.decode()
    assert "Nhập từ kết quả tỉnh đã công bố" in year.content.decode()
    page = client.get("/published/2024/units/12439/")
    assert page.status_code == 200
    assert "76" in page.content.decode()


def test_the_downloads_of_the_imported_year_carry_its_results(client):
    import_good()
    for url in (
        "/published/2024/results.json",
        "/published/2024/results.xlsx",
        "/published/2024/blocks/KHOI03/results.csv",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    data = client.get("/published/2024/results.json").json()
    assert "Phường Đề Thám" in str(data)


def test_the_administrator_sees_the_period_marked_as_imported():
    import_good()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(User.objects.get(username="quantri"))
    for url in ("/periods/", "/periods/2024/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "imported results" in page.content.decode(), url
    assert client.get("/results/2024/1/").status_code == 200


def test_an_excel_file_is_read_like_the_csv():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã", "Khối", "Điểm", "Điểm tối đa", "Xếp hạng"])
    sheet.append(["12439", "KHOI03", 380, 500, 1])
    sheet.append(["12445", "KHOI03", "301,25", 500, 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = do_import_results(
        "thaibinh-2024.xlsx",
        buffer.getvalue(),
        year=2024,
        decision_number="512/QĐ-UBND",
        decision_date=date(2025, 3, 20),
        signer="",
        actor=User.objects.get(username="quantri"),
    )
    assert report.units == 2
    rows = {r.unit_code: r for r in PublishedResult.objects.all()}
    assert (rows["12439"].percent, rows["12445"].points) == (Decimal("76.00"), Decimal("301.25"))
