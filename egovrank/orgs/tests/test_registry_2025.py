"""The merged Hưng Yên of 2025 as shipped data: the units before and after the reform,
loaded through the unit import, and the successor links, loaded through the successor
import; and the successor files that are refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max

from egovrank.orgs.actions import do_import_units
from egovrank.orgs.models import Unit, UnitSuccession
from egovrank.orgs.successorfile import SuccessorFileError, do_import_successors
from egovrank.orgs.unitfile import UnitFileError, parse_unit_file
from egovrank.testing.database import rolled_back_at_the_end

from .helpers import DEMO, make_hungyen_blocks, make_province

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DATA = Path(DEMO).parent
BEFORE = DATA / "hungyen-units-before-2025.csv"
AFTER = DATA / "hungyen-units-2025.csv"
SUCCESSORS = DATA / "hungyen-successors-2025.csv"
MERGED_2024 = DATA / "hungyen-units-merged-2024.csv"
SUCCESSORS_2024 = DATA / "hungyen-successors-2024.csv"


@pytest.fixture(scope="module", autouse=True)
def merged_hungyen(django_db_setup, django_db_blocker):
    """Once for the module: the 2019 demo registry, then the shipped 2025 files in the
    documented order, by the management commands a province would run."""
    with rolled_back_at_the_end(django_db_blocker):
        make_hungyen_blocks()
        make_province()
        do_import_units(DEMO.name, DEMO.read_bytes(), actor=None)
        out = io.StringIO()
        for path in (BEFORE, MERGED_2024, AFTER):
            call_command("import_units", str(path), stdout=out)
        call_command("import_successors", str(SUCCESSORS_2024), "--year", "2024", stdout=out)
        call_command("import_successors", str(SUCCESSORS), "--year", "2025", stdout=out)
        yield


def test_the_2025_registry_has_its_departments_communes_and_wards():
    new = Unit.objects.filter(valid_from=2025)
    assert new.filter(kind="department").count() == 13
    communes = new.filter(kind="commune")
    assert communes.count() == 104
    assert communes.filter(name__startswith="Phường ").count() == 11
    assert communes.filter(name__startswith="Xã ").count() == 93
    assert set(communes.values_list("parent__code", flat=True)) == {"33"}
    assert Unit.objects.valid_in(2025).filter(kind="district").count() == 0


def test_thai_binh_and_its_communes_are_former_units_ending_in_2024():
    thai_binh = Unit.objects.get(code="34")
    assert thai_binh.valid_until == 2024
    assert Unit.objects.filter(kind="commune", parent__parent=thai_binh).count() == 242
    assert Unit.objects.filter(kind="commune", valid_until=2024).count() == 381


def test_a_reused_code_holds_both_units_told_apart_by_their_years():
    assert Unit.objects.filter(code="11953").count() == 2
    old = Unit.objects.get(code="11953", valid_until__isnull=False)
    new = Unit.objects.get(code="11953", valid_until__isnull=True)
    assert (old.name, old.valid_until) == ("Phường Hiến Nam", 2024)
    assert (new.name, new.valid_from, new.valid_until) == ("Phường Phố Hiến", 2025, None)
    predecessors = UnitSuccession.objects.filter(successor=new)
    assert sorted(predecessors.values_list("predecessor__name", flat=True)) == [
        "Phường An Tảo",
        "Phường Hiến Nam",
        "Phường Lê Lợi",
        "Phường Minh Khai",
        "Xã Liên Phương",
        "Xã Trung Nghĩa",
    ]
    assert {link.predecessor.valid_until for link in predecessors} == {2024}


def test_a_split_commune_has_its_two_successors():
    dinh_du = Unit.objects.get(code="12004", valid_until=2024)
    links = UnitSuccession.objects.filter(predecessor=dinh_du)
    assert sorted(links.values_list("successor__name", "kind", "year")) == [
        ("Xã Như Quỳnh", "split", 2025),
        ("Xã Đại Đồng", "split", 2025),
    ]


def test_all_384_links_are_recorded_and_importing_again_changes_nothing():
    assert UnitSuccession.objects.filter(year=2025).count() == 384
    report = do_import_successors(
        SUCCESSORS.name, SUCCESSORS.read_bytes(), year=2025, actor=None, dry_run=True
    )
    assert (report.created, report.updated, report.unchanged) == (0, 0, 384)


def test_the_late_2024_mergers_that_sources_give_are_linked():
    links = UnitSuccession.objects.filter(year=2024)
    assert sorted(links.values_list("predecessor__name", "successor__name")) == [
        ("Phường Quang Trung", "Phường Lê Lợi"),
        ("Xã Phương Chiểu", "Xã Phương Nam"),
    ]
    # Phương Nam (11977 until 2024) then went into Xã Tân Hưng, which took its code.
    phuong_nam = Unit.objects.get(code="11977", valid_until=2024)
    assert phuong_nam.successions.get().successor.name == "Xã Tân Hưng"


def test_a_unit_list_row_with_a_reused_code_changes_the_unit_its_years_name():
    do_import_units(
        "edit.csv",
        "code,name,kind,valid_from\n11953,Phường Phố Hiến (sửa),commune,2025\n".encode(),
        actor=None,
    )
    assert Unit.objects.get(code="11953", valid_from=2025).name == "Phường Phố Hiến (sửa)"
    assert Unit.objects.get(code="11953", valid_until=2024).name == "Phường Hiến Nam"
    do_import_units(
        "old.csv",
        "code,name,kind,valid_until\n11953,P. Hiến Nam,commune,2024\n".encode(),
        actor=None,
    )
    assert Unit.objects.get(code="11953", valid_until=2024).name == "P. Hiến Nam"
    assert Unit.objects.get(code="11953", valid_from=2025).name == "Phường Phố Hiến (sửa)"


def test_a_bare_reused_code_is_refused_and_changes_nothing():
    """An older list without years (2019's) must not rename the ward that took the code."""
    with pytest.raises(UnitFileError) as caught:
        do_import_units(
            "hungyen-units-2019.csv",
            "code,name,kind\n11953,Phường Hiến Nam,commune\n".encode(),
            actor=None,
        )
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, "code")
    assert "Phường Phố Hiến (2025–…)" in problem.message
    assert "Phường Hiến Nam (…–2024)" in problem.message
    assert Unit.objects.get(code="11953", valid_from=2025).name == "Phường Phố Hiến"


def refused(text: str, year: int = 2025) -> list[tuple[int | None, str, str]]:
    before = list(UnitSuccession.objects.values_list("pk", "predecessor", "successor", "kind"))
    with pytest.raises(SuccessorFileError) as caught:
        do_import_successors("links.csv", text.encode(), year=year, actor=None)
    after = list(UnitSuccession.objects.values_list("pk", "predecessor", "successor", "kind"))
    assert after == before  # nothing changed, not even the good rows
    return [(p.row, p.column, p.message) for p in caught.value.problems]


def test_an_unknown_code_is_refused_with_its_row_and_column():
    problems = refused("new_code,old_code,share\n11953,11956,toàn bộ\n11953,99999,toàn bộ\n")
    assert problems == [(3, "old_code", "no unit with code '99999' is valid in 2024")]


def test_a_code_is_read_in_its_year():
    # HY-D01 exists from 2025 only, so it cannot be the former unit of a 2025 link.
    problems = refused("new_code,old_code\nHY-D08,HY-D01\n")
    assert problems == [(2, "old_code", "no unit with code 'HY-D01' is valid in 2024")]


def test_a_unit_succeeding_itself_is_refused():
    problems = refused("new_code,old_code\nHY-D01,HY-D01\n", year=2026)
    assert problems == [(2, "old_code", "HY-D01 cannot succeed itself")]


def test_a_cycle_is_refused_at_the_link_that_closes_it():
    problems = refused("new_code,old_code,year\nHY-D02,HY-D01,2026\nHY-D01,HY-D02,2026\n")
    assert [problem[:2] for problem in problems] == [(3, "new_code")]
    assert "HY-D01 → HY-D02 → HY-D01" in problems[0][2]


def test_a_split_without_its_other_part_is_refused():
    Unit.objects.create(code="X-1", name="Xã Thử", kind="commune", valid_until=2024)
    problems = refused("new_code,old_code,share\n11953,X-1,một phần\n")
    assert problems == [
        (2, "share", "only one part of X-1 is in the file: a split needs its other part")
    ]


def test_the_command_lists_the_problems_and_changes_nothing(tmp_path):
    path = tmp_path / "links.csv"
    path.write_text("new_code,old_code\n11953,99999\n", encoding="utf-8")
    with pytest.raises(CommandError, match="row 2, column old_code"):
        call_command("import_successors", str(path), "--year", "2025")


def test_the_unit_page_shows_the_latest_unit_and_the_former_one_by_its_year(client):
    from egovrank.core.roles import Role
    from egovrank.testing.world import make_person

    client.force_login(make_person("admin_2025", (Role.ADMINISTRATOR, None)))
    page = client.get("/units/11953/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Phường Phố Hiến</h1>" in page
    assert '/units/11956/?year=2024"' in page  # a former commune, linked by its year
    former = client.get("/units/11953/?year=2024", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Phường Hiến Nam</h1>" in former
    assert client.get("/units/11953/?year=1990x").status_code == 404


def test_the_2025_units_take_their_order_from_the_shipped_list():
    rows, _problems = parse_unit_file(AFTER.name, AFTER.read_bytes())
    # The province (33) was there before; every other row is a new unit, so they follow
    # the file's row order, one after another, after every position the earlier lists
    # gave (none of which they take over).
    codes = [row.code for row in rows if row.code != "33"]
    listed = Unit.objects.filter(valid_from=2025, code__in=codes)
    assert listed.count() == len(codes)
    first = Unit.objects.exclude(pk__in=listed).aggregate(last=Max("list_order"))["last"]
    order = dict(listed.values_list("code", "list_order"))
    assert [order[code] for code in codes] == list(range(first + 1, first + 1 + len(codes)))
