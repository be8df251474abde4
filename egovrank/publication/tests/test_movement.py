"""The ranking and a unit's page compare each unit with the year before, carried across
renamed and merged units through their successor links (``orgs.UnitSuccession``)."""

import pytest
from django.urls import reverse

from egovrank.results.tests.helpers import DECISION

from .helpers import anonymous, new_unit, publish_year, succeed

pytestmark = pytest.mark.django_db


def block_rows(year, block):
    response = anonymous().get(reverse("publication:block", kwargs={"year": year, "block": block}))
    assert response.status_code == 200
    return {row.unit_code: row for row in response.context["rows"]}, response


def unit_page(year, code, language="vi"):
    response = anonymous(language).get(
        reverse("publication:unit", kwargs={"year": year, "unit": code})
    )
    assert response.status_code == 200
    return response


def reorganised(world):
    """2019 published; in 2020 Sở Tài chính is renamed (K01-20) and the communes Lạc Đạo
    and Chỉ Đạo are merged into Xã Lạc Hồng (11995); 2020 published."""
    first = publish_year(world, 2019, decision=DECISION)
    new_unit(world, "sotckh", "K01-20", "Sở Tài chính – Kế hoạch", like="sotc")
    succeed(world, ["sotc"], "sotckh", kind="renamed", year=2020)
    new_unit(world, "lachong", "11995", "Xã Lạc Hồng", like="lacdao")
    succeed(world, ["lacdao", "chidao"], "lachong", kind="merged", year=2020)
    second = publish_year(world, 2020, quality={"sotckh": 0.95, "sotttt": 0.35})
    return first, second


def test_a_unit_that_stayed_moves_by_its_own_rank(world):
    first, second = reorganised(world)
    rows, response = block_rows(2020, "KHOI01")
    assert response.context["has_movement"]
    before = first.results.get(unit_code="K01-11")
    now = second.results.get(unit_code="K01-11")
    movement = rows["K01-11"].movement
    assert [item.unit_code for item in movement.earlier] == ["K01-11"]
    assert movement.rank_change == before.rank - now.rank
    assert movement.percent_change == now.percent - before.percent


def test_a_renamed_unit_carries_its_predecessor_s_rank(world):
    first, second = reorganised(world)
    rows, response = block_rows(2020, "KHOI01")
    movement = rows["K01-20"].movement
    assert movement.renamed
    assert [item.unit_name for item in movement.earlier] == ["Sở Tài chính"]
    before = first.results.get(unit_code="K01-05")
    now = second.results.get(unit_code="K01-20")
    assert movement.rank_change == before.rank - now.rank
    page = response.content.decode()
    assert 'title="Sở Tài chính"' in page  # the badge names the predecessor


def test_the_renamed_unit_s_page_shows_the_year_before_and_every_year(world):
    reorganised(world)
    response = unit_page(2020, "K01-20", "en")
    page = response.content.decode()
    assert "The unit continues Sở Tài chính (renamed or reorganised)." in page
    assert reverse("publication:unit", kwargs={"year": 2019, "unit": "K01-05"}) in page
    history = response.context["history"]
    assert [(point.result.year, point.result.unit_code, point.main) for point in history] == [
        (2019, "K01-05", True),
        (2020, "K01-20", True),
    ]


def test_a_merged_unit_shows_every_unit_it_continues(world):
    first, _second = reorganised(world)
    rows, _response = block_rows(2020, "KHOI03")
    movement = rows["11995"].movement
    assert movement.merged
    assert {item.unit_code for item in movement.earlier} == {"11989", "11992"}
    assert movement.rank_change is None  # several units before: no one rank to compare
    response = unit_page(2020, "11995", "en")
    page = response.content.decode()
    assert "Xã Lạc Đạo" in page and "Xã Chỉ Đạo" in page
    assert "a merger" in page
    history = response.context["history"]
    assert sorted((p.result.year, p.result.unit_code, p.main) for p in history) == [
        (2019, "11989", False),
        (2019, "11992", False),
        (2020, "11995", True),
    ]
    lacdao = first.results.get(unit_code="11989")
    assert lacdao.percent in [point.result.percent for point in history]


def test_a_unit_with_no_result_the_year_before_is_new(world):
    publish_year(world, 2019, decision=DECISION)
    new_unit(world, "sokhcn", "K01-30", "Sở Khoa học và Công nghệ", like="sotc")
    publish_year(world, 2020)
    rows, _response = block_rows(2020, "KHOI01")
    assert rows["K01-30"].movement.new
    assert unit_page(2020, "K01-30").context["movement"].new


def test_a_later_reorganisation_does_not_reach_back(world):
    """Chỉ Đạo absorbs Lạc Đạo only from 2025: in 2020 it is compared with itself."""
    publish_year(world, 2019, decision=DECISION)
    from egovrank.orgs.actions import do_add_succession

    do_add_succession(
        world.units["lacdao"],
        world.units["chidao"],
        kind="merged",
        year=2025,
        note="",
        actor=world.administrator,
    )
    publish_year(world, 2020)
    rows, _response = block_rows(2020, "KHOI03")
    assert [item.unit_code for item in rows["11992"].movement.earlier] == ["11992"]
    page = unit_page(2020, "11992")  # drawn once: asked again, it comes from its snapshot
    movement = page.context["movement"]
    assert [item.unit_code for item in movement.earlier] == ["11992"]
    history = page.context["history"]
    assert {point.result.unit_code for point in history} == {"11992"}


def test_the_first_published_year_has_no_movement_column(world):
    publish_year(world, 2019, decision=DECISION)
    _rows, response = block_rows(2019, "KHOI01")
    assert not response.context["has_movement"]
    assert unit_page(2019, "K01-05").context["movement"] is None
