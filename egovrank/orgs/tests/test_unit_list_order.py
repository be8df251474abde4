"""A unit's position in the unit list (``list_order``, ties under ``tie_order: unit_list``):
set exactly by a file's STT column, kept by a file without one, and after every position
already held for a unit the file adds."""

import pytest
from django.utils import translation

from egovrank.conftest import vietnamese
from egovrank.orgs.actions import do_import_units
from egovrank.orgs.models import Unit
from egovrank.orgs.unitfile import UnitFileError, units_to_csv

from .helpers import DEMO

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def csv_bytes(*lines):
    return ("\n".join(lines) + "\n").encode("utf-8")


def positions():
    return dict(Unit.objects.values_list("code", "list_order"))


@pytest.fixture
def listed(registry):
    """The 2019 demo list imported: its 189 units at positions 1 to 189, in row order."""
    do_import_units(DEMO.name, DEMO.read_bytes(), actor=None)
    return positions()


def test_the_demo_list_gives_its_new_units_their_row_order(listed):
    assert listed["K01-01"] == 1
    assert sorted(order for order in listed.values() if order) == list(range(1, 190))
    assert listed["33"] is None  # the province was made outside the list


def test_a_partial_file_adds_a_unit_after_all_and_renumbers_no_other(listed):
    # One new district and one renamed department: neither takes position 1 or 2.
    report = do_import_units(
        "them.csv",
        csv_bytes(
            "code,name,block,parent", "D99,Huyện Mới,KHOI02,33", "K01-02,Sở Nội vụ,KHOI01,33"
        ),
        actor=None,
    )

    assert report.created == ("D99",)
    assert positions() == listed | {"D99": 190}


def test_new_units_keep_the_files_row_order_among_them(listed):
    do_import_units(
        "them.csv",
        csv_bytes("code,name,block,parent", "D99,Huyện Chín,KHOI02,33", "D98,Huyện Tám,KHOI02,33"),
        actor=None,
    )

    assert positions() == listed | {"D99": 190, "D98": 191}


def test_the_stt_column_sets_positions_exactly_and_reorders(listed):
    report = do_import_units(
        "thu-tu.csv",
        csv_bytes(
            "STT,Mã,Tên,Khối",
            "2,K01-01,Văn phòng UBND tỉnh,KHOI01",
            "1,K01-02,Sở Nội vụ,KHOI01",
            ",K01-03,Sở Tư pháp,KHOI01",  # an empty cell leaves the position alone
            "500,D99,Huyện Mới,KHOI02",
            ",D98,Huyện Tám,KHOI02",  # new, no position: after every one, 500 too
        ),
        actor=None,
    )

    assert report.updated == ("K01-01", "K01-02")
    assert report.unchanged == ("K01-03",)
    assert positions() == listed | {"K01-01": 2, "K01-02": 1, "D99": 500, "D98": 501}
    order = list(Unit.objects.in_list_order().values_list("code", flat=True))
    assert order[:3] == ["K01-02", "K01-01", "K01-03"]


@pytest.mark.parametrize("cell", ["0", "-3", "abc", "1.5", "1e3", "9999999999"])
def test_a_bad_position_is_a_problem_naming_row_and_column_and_nothing_changes(listed, cell):
    before = list(Unit.objects.order_by("code").values())

    with pytest.raises(UnitFileError) as caught:
        do_import_units(
            "thu-tu.csv",
            csv_bytes("stt,code,name,block", "1,D99,Huyện Mới,KHOI02", f"{cell},K01-01,VP,KHOI01"),
            actor=None,
        )

    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "position")]
    assert repr(cell) in caught.value.problems[0].message
    assert "not a position in the list" in caught.value.problems[0].message
    assert list(Unit.objects.order_by("code").values()) == before


def test_a_bad_position_is_worded_in_vietnamese(listed):
    with translation.override("vi"), pytest.raises(UnitFileError) as caught:
        do_import_units(
            "thu-tu.csv", csv_bytes("Số thứ tự,Mã,Tên,Khối", "x,K01-01,VP,KHOI01"), actor=None
        )

    (problem,) = caught.value.problems
    expected = vietnamese(
        "%(text)s is not a position in the list (a whole number from 1)", text="'x'"
    )
    assert "số thứ tự" in expected
    assert problem.message == expected
    assert "dòng 2" in str(caught.value)


def test_an_export_with_its_positions_edited_reorders_the_list(listed):
    units = list(Unit.objects.select_related("block", "parent").in_list_order())
    lines = units_to_csv(units).decode("utf-8").splitlines()
    assert lines[0].lstrip("\ufeff").startswith("position,code,")
    assert lines[1].startswith("1,K01-01,") and lines[2].startswith("2,K01-02,")
    assert lines[-1].startswith(",33,")  # no position: an empty cell
    # A person swaps the first two positions in the file.
    lines[1], lines[2] = "2" + lines[1][1:], "1" + lines[2][1:]

    report = do_import_units("u.csv", "\n".join(lines).encode("utf-8"), actor=None)

    assert report.updated == ("K01-01", "K01-02")
    assert positions() == listed | {"K01-01": 2, "K01-02": 1}
