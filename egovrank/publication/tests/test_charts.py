"""The public pages draw their charts as inline SVG images with a name and a
description, each with the same figures as a table; a block too large for a bar per
unit gets a histogram of shares instead, and its table still lists every unit."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from egovrank.publication import charts
from egovrank.results.tests.helpers import add_communes, published, reviewed

from .helpers import anonymous

pytestmark = pytest.mark.django_db


def svgs(page):
    return re.findall(r"<svg[^>]*>.*?</svg>", page, flags=re.S)


def assert_accessible(svg):
    assert 'role="img"' in svg
    chart_id = re.search(r'id="([^"]+)"', svg).group(1)
    assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
    assert re.search(rf'<title id="{chart_id}-title">[^<]+</title>', svg)
    assert re.search(rf'<desc id="{chart_id}-desc">[^<]+</desc>', svg)


def get(name, language="en", **kwargs):
    response = anonymous(language).get(reverse(f"publication:{name}", kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_the_block_page_draws_the_ranking_and_the_levels(world):
    publication = published(world)
    page = get("block", year=2019, block="KHOI01")
    drawn = svgs(page)
    assert len(drawn) == 2
    for svg in drawn:
        assert_accessible(svg)
    ranking = next(svg for svg in drawn if "chart--ranking" in svg)
    # One bar per unit, coloured by its level as the table's badge is.
    for result in publication.results.filter(block_code="KHOI01"):
        assert result.unit_name in ranking
    assert ranking.count('class="chart__bar ') == 3
    assert 'class="chart__bar chart__bar--yeu"' in ranking
    # The alternatives: the count per level and the ranking table, linked.
    assert 'id="levels-table"' in page
    assert 'href="#ranking"' in page and 'id="ranking"' in page


def test_the_year_page_draws_each_block_s_levels(world):
    published(world)
    page = get("year", year=2019)
    drawn = svgs(page)
    assert len(drawn) == 3
    for svg in drawn:
        assert_accessible(svg)
        assert "chart--levels" in svg
    for block in ("KHOI01", "KHOI02", "KHOI03"):
        assert f'id="levels-table-{block}"' in page


def test_the_unit_page_draws_its_profile_and_years_with_tables(world):
    published(world)
    response = anonymous("en").get(
        reverse("publication:unit", kwargs={"year": 2019, "unit": "K01-05"})
    )
    page = response.content.decode()
    drawn = svgs(page)
    assert {re.search(r'id="([^"]+)"', svg).group(1) for svg in drawn} == {"profile", "years"}
    for svg in drawn:
        assert_accessible(svg)
    assert page.count('<details class="chart-data">') == 2
    profile = response.context["profile"]
    assert [group.code for group in profile] == ["HT", "UD", "WEB", "DVC", "CCCS", "NL"]
    for group in profile:
        assert group.percent is not None and group.average_percent is not None


def test_the_profile_average_is_the_mean_of_the_block_s_shares(world):
    publication = published(world)
    response = anonymous().get(reverse("publication:unit", kwargs={"year": 2019, "unit": "K01-05"}))
    from decimal import Decimal
    from fractions import Fraction

    from egovrank.scoring.numbers import percent_of

    rows = publication.results.filter(block_code="KHOI01")
    shares = [
        Fraction(Decimal(r.nodes["HT"][0])) / Fraction(Decimal(r.nodes["HT"][1])) for r in rows
    ]
    expected = percent_of(sum(shares, Fraction(0)) / len(shares))
    ht = next(group for group in response.context["profile"] if group.code == "HT")
    assert ht.average_percent == expected


def test_a_block_of_many_units_gets_columns(world, monkeypatch):
    monkeypatch.setattr(charts, "MAX_LABELLED_BARS", 2)
    published(world)
    page = get("block", year=2019, block="KHOI03")
    ranking = next(svg for svg in svgs(page) if "chart--ranking" in svg)
    assert ranking.count('class="chart__bar ') == 3
    assert "Xã Lạc Đạo" in ranking  # in each column's tooltip


def test_a_block_too_large_for_bars_gets_a_histogram_and_a_full_table(world, monkeypatch):
    reviewed(world)
    add_communes(world, 5)
    published(world)
    monkeypatch.setattr(charts, "MAX_BARS", 4)
    response = anonymous("en").get(
        reverse("publication:block", kwargs={"year": 2019, "block": "KHOI03"})
    )
    page = response.content.decode()
    histogram = next(svg for svg in svgs(page) if "chart--histogram" in svg)
    assert_accessible(histogram)
    assert "Xã Thử" not in histogram  # bands, not units
    bins = response.context["histogram"]
    assert sum(item["bin"].total for item in bins) == 8
    assert "The chart as a table" in page
    assert len(response.context["rows"]) == 8
    for number in range(5):
        assert f"Xã Thử {number}" in page


def test_a_long_group_name_wraps_on_whole_words_and_is_never_cut():
    name = "HT Hạ tầng kỹ thuật công nghệ thông tin phục vụ chính quyền số"
    chart = charts.group_profile(
        [
            charts.GroupShare(name, name, Decimal("80"), Decimal("70")),
            charts.GroupShare("NL Nhân lực", "Nhân lực", Decimal("50"), None),
        ],
        chart_id="profile",
        title="Hồ sơ",
        desc="Tỷ lệ theo nhóm",
        unit_label="Đơn vị",
        average_label="Trung bình khối",
        not_applicable="Không áp dụng",
    )
    assert_accessible(chart.svg)
    assert "…" not in chart.svg
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart.svg)
    assert " ".join(lines[:-1]) == name and lines[-1] == "NL Nhân lực"
    assert all(len(line) <= 34 for line in lines)


def test_a_long_unit_name_in_the_ranking_wraps_and_is_never_cut():
    name = "Trung tâm Phục vụ hành chính công và Kiểm soát thủ tục hành chính tỉnh"
    levels = [charts.Level("tot", "Tốt", Decimal(85)), charts.Level("yeu", "Yếu", Decimal(0))]
    chart = charts.ranking_bars(
        [
            charts.Bar(name, Decimal("91.5"), "tot", "Tốt", 1),
            charts.Bar("Sở Y tế", Decimal("40"), "yeu", "Yếu", 2),
        ],
        levels,
        chart_id="ranking",
        title="Xếp hạng",
        desc="Tỷ lệ điểm của từng đơn vị",
        rank_label="Hạng",
    )
    assert_accessible(chart.svg)
    assert "…" not in chart.svg
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart.svg)
    assert " ".join(lines[:-1]) == f"1. {name}" and lines[-1] == "2. Sở Y tế"
    assert len(lines) > 2 and all(len(line) <= 38 for line in lines)
    # The whole name is also the bar's tooltip, and the rows below move down to make room.
    assert f"<title>1. {name}: 91,50% (Tốt)</title>" in chart.svg
    bars_y = [float(y) for y in re.findall(r'<rect x="270" y="([\d.]+)"', chart.svg)]
    assert bars_y[1] - bars_y[0] > 24
