"""Anyone, without signing in, reads the published results: the list of years, a year
with its decision, a block's ranking, Khối 03 per district, and a unit's page, in
Vietnamese first, straight from the publication's stored rows."""

import pytest
from django.urls import reverse

from egovrank.results.tests.helpers import published

from .helpers import anonymous

pytestmark = pytest.mark.django_db


def get(name, **kwargs):
    response = anonymous().get(reverse(f"publication:{name}", kwargs=kwargs))
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_it_lists_the_published_years_with_their_levels(world):
    published(world)
    page = get("index")
    assert reverse("publication:year", kwargs={"year": 2019}) in page
    assert "Quyết định số 123/QĐ-UBND ngày 20/03/2020" in page
    for block in ("KHOI01", "KHOI02", "KHOI03"):
        assert reverse("publication:block", kwargs={"year": 2019, "block": block}) in page
    assert "level level--yeu" in page


def test_the_year_page_gives_the_decision_and_each_block(world):
    published(world)
    page = get("year", year=2019)
    assert "123/QĐ-UBND" in page
    assert "20/03/2020" in page
    assert "Nguyễn Văn Phóng, Phó Chủ tịch UBND tỉnh" in page
    assert reverse("publication:districts", kwargs={"year": 2019, "block": "KHOI03"}) in page
    assert reverse("publication:xlsx", kwargs={"year": 2019}) in page


def test_the_block_page_ranks_every_unit_as_published(world):
    publication = published(world)
    page = get("block", year=2019, block="KHOI01")
    for result in publication.results.filter(block_code="KHOI01"):
        assert result.unit_name in page
        assert reverse("publication:unit", kwargs={"year": 2019, "unit": result.unit_code}) in page
        vietnamese = f"{result.percent}".replace(".", ",") + "%"
        assert vietnamese in page
        assert f"level level--{result.level_code}" in page
    assert "không nộp" in page  # Sở Xây dựng did not submit
    assert reverse("publication:csv", kwargs={"year": 2019, "block": "KHOI01"}) in page
    assert 'class="table-scroll"' in page  # a phone scrolls the table, not the page


def test_the_block_page_shows_the_points_per_group(world):
    publication = published(world)
    response = anonymous().get(
        reverse("publication:block", kwargs={"year": 2019, "block": "KHOI01"})
    )
    rows = {row.unit_code: row for row in response.context["rows"]}
    sotc = publication.results.get(unit_code="K01-05")
    groups = [group.code for group in response.context["groups"]]
    assert groups == [code for code, _name, _max in publication.blocks["KHOI01"]["groups"]]
    assert [str(points) for points in rows["K01-05"].groups] == [
        sotc.nodes[code][0] for code in groups
    ]


def test_the_district_page_ranks_the_communes_within_each_district(world):
    publication = published(world)
    response = anonymous().get(
        reverse("publication:districts", kwargs={"year": 2019, "block": "KHOI03"})
    )
    assert response.status_code == 200
    districts = {item["name"]: item["rows"] for item in response.context["districts"]}
    assert set(districts) == {"UBND huyện Văn Lâm", "UBND huyện Văn Giang"}
    van_lam = [row.rank_in_district for row in districts["UBND huyện Văn Lâm"]]
    assert van_lam == sorted(van_lam)
    stored = dict(
        publication.results.filter(block_code="KHOI03").values_list("unit_code", "rank_in_district")
    )
    assert {
        row.unit_code: row.rank_in_district for rows in districts.values() for row in rows
    } == stored


def test_the_unit_page_shows_its_criteria_level_and_rank(world):
    publication = published(world)
    sotc = publication.results.get(unit_code="K01-05")
    response = anonymous("en").get(
        reverse("publication:unit", kwargs={"year": 2019, "unit": "K01-05"})
    )
    page = response.content.decode()
    assert "Sở Tài chính" in page
    assert sotc.level_name in page
    assert f"{sotc.rank} of 3" in page
    # Groups and criteria by name, verified points against the maximum.
    assert "Hạ tầng kỹ thuật công nghệ thông tin" in page
    assert "HT3.1" in page
    assert "Thông tin chung" not in page  # informational fields carry no points


def test_the_unit_page_shows_the_rank_within_its_district(world):
    publication = published(world)
    lacdao = publication.results.get(unit_code="11989")
    response = anonymous().get(reverse("publication:unit", kwargs={"year": 2019, "unit": "11989"}))
    page = response.content.decode()
    assert "Thứ hạng trong huyện" in page
    assert "UBND huyện Văn Lâm" in page
    assert response.context["result"].rank_in_district == lacdao.rank_in_district


def test_the_pages_read_in_english_too(world):
    published(world)
    response = anonymous("en").get(
        reverse("publication:block", kwargs={"year": 2019, "block": "KHOI01"})
    )
    assert '<html lang="en">' in response.content.decode()


def test_the_year_switcher_works_without_script(world):
    published(world)
    response = anonymous().get(reverse("publication:index"), {"year": "2019"})
    assert response.status_code == 302
    assert response["Location"] == reverse("publication:year", kwargs={"year": 2019})
