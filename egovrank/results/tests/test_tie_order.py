"""``tie_order: unit_list`` (issue 16): tied units are listed in the order of the unit
list, that is each unit's position in it (``Unit.list_order``, set by the unit list's STT
column); units without a position come after, by code."""

import pytest

from egovrank.criteria.models import CriteriaVersion
from egovrank.orgs.actions import do_import_units
from egovrank.orgs.models import Unit
from egovrank.periods.models import PeriodBlock
from egovrank.results.compute import compute

from .test_shared_figures_results import approved

pytestmark = pytest.mark.django_db

SET = """\
format: egovrank/criteria-set/1
id: test-tie-order
title: Thứ tự bằng điểm
scoring: {tie_order: %s}
nodes:
  - {code: A, name: Điểm chấm, max_points: 100, rule: {kind: manual}}
"""

# The three departments of the world, in an order that is neither by code nor by name;
# they are registered already, so the list says their positions in its STT column.
UNIT_LIST = """\
STT,code,name,block
1,K01-09,Sở Xây dựng,KHOI01
2,K01-11,Sở Thông tin và Truyền thông,KHOI01
3,K01-05,Sở Tài chính,KHOI01
""".encode()


def tied(world, tie_order):
    version = CriteriaVersion.objects.create(
        set_id=f"test-tie-{tie_order}",
        title="Tie",
        block_code="KHOI01",
        source_yaml=SET % tie_order,
    )
    PeriodBlock.objects.filter(period=world.period, block=world.blocks["KHOI01"]).update(
        version=version
    )
    for key in ("sotttt", "sotc", "soxd"):
        approved(world.participants[key], {"A": "80"})
    return [(row.unit.code, row.rank) for row, _ in compute(world.period)["KHOI01"].rows()]


def test_the_unit_lists_stt_column_sets_each_units_position(world):
    do_import_units("units.csv", UNIT_LIST, actor=None)
    positions = dict(Unit.objects.filter(code__startswith="K01").values_list("code", "list_order"))
    assert positions == {"K01-09": 1, "K01-11": 2, "K01-05": 3}


def test_tied_units_follow_the_imported_unit_list(world):
    do_import_units("units.csv", UNIT_LIST, actor=None)
    assert tied(world, "unit_list") == [("K01-09", 1), ("K01-11", 1), ("K01-05", 1)]


def test_alphabetical_ignores_the_unit_list(world):
    do_import_units("units.csv", UNIT_LIST, actor=None)
    assert tied(world, "alphabetical") == [("K01-05", 1), ("K01-11", 1), ("K01-09", 1)]


def test_units_without_a_position_come_after_the_listed_ones_by_code(world):
    Unit.objects.filter(code="K01-11").update(list_order=1)
    assert tied(world, "unit_list") == [("K01-11", 1), ("K01-05", 1), ("K01-09", 1)]
