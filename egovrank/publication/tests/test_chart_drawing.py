"""The chart builders alone, without a database: colours, escaping, bands."""

import re
from decimal import Decimal
from pathlib import Path

from egovrank.publication import charts

LEVELS = [
    charts.Level("tot", "Tốt", Decimal(85)),
    charts.Level("kha", "Khá", Decimal(70)),
    charts.Level("trung_binh", "Trung bình", Decimal(50)),
    charts.Level("yeu", "Yếu", Decimal(0)),
]
APP_CSS = Path(__file__).resolve().parents[2] / "static" / "egovrank" / "css" / "app.css"


def bar(label, percent, level="kha", rank=1):
    return charts.Bar(label, Decimal(percent), level, level, rank)


def test_level_colours_are_those_of_the_level_badges():
    css = APP_CSS.read_text()
    variables = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    for code in ("tot", "kha", "trung_binh", "yeu"):
        variable = re.search(rf"\.level--{code} \{{ background: var\(--([a-z]+)\)", css).group(1)
        assert charts.level_colour(code, LEVELS) == variables[variable]


def test_other_level_codes_are_coloured_by_position():
    levels = [charts.Level("a", "A", Decimal(80)), charts.Level("b", "B", Decimal(0))]
    assert charts.level_colour("a", levels) == charts.LEVEL_COLOURS["tot"]
    assert charts.level_colour("b", levels) == charts.LEVEL_COLOURS["kha"]


def test_texts_are_escaped():
    chart = charts.ranking_bars(
        [bar("<script>alert(1)</script> & co", "50")],
        LEVELS,
        chart_id="c",
        title='A "title" <b>',
        desc="d & e",
        rank_label="Rank",
    )
    assert "<script>" not in chart.svg and "<b>" not in chart.svg
    assert "&lt;script&gt;" in chart.svg
    assert "&amp; co" in chart.svg


def test_bands_count_every_unit_and_100_percent_falls_in_the_last():
    bars = [
        bar("a", "100", "tot"),
        bar("b", "84.99", "kha"),
        bar("c", "85", "tot"),
        bar("d", "0", "yeu"),
    ]
    bins = charts.share_bins(bars, LEVELS)
    assert len(bins) == 20
    assert sum(item.total for item in bins) == 4
    assert bins[-1].counts == (1, 0, 0, 0)
    assert bins[16].counts == (0, 1, 0, 0)  # 80–85%: Khá
    assert bins[17].counts == (1, 0, 0, 0)  # 85–90%: Tốt
    assert bins[0].counts == (0, 0, 0, 1)


def test_numbers_read_vietnamese_style():
    chart = charts.ranking_bars(
        [bar("a", "82.60")], LEVELS, chart_id="c", title="t", desc="d", rank_label="r", lang="vi"
    )
    assert "82,60%" in chart.svg
    chart = charts.ranking_bars(
        [bar("a", "82.60")], LEVELS, chart_id="c", title="t", desc="d", rank_label="r", lang="en"
    )
    assert "82.60%" in chart.svg


def test_a_unit_s_line_goes_through_its_own_years_only():
    points = [
        charts.YearPoint(2019, Decimal(40), 3, False),
        charts.YearPoint(2019, Decimal(60), 1, False),
        charts.YearPoint(2020, Decimal(70), 2, True),
        charts.YearPoint(2021, Decimal(75), 1, True),
    ]
    chart = charts.year_over_year(
        points, chart_id="y", title="t", desc="d", rank_word="hạng", lang="vi"
    )
    assert chart.svg.count("<circle") == 4
    assert chart.svg.count('fill="#ffffff"') == 2  # predecessors, hollow
    assert len(re.search(r'<polyline points="([^"]+)"', chart.svg).group(1).split()) == 2
    assert "hạng 2" in chart.svg and "hạng 1" in chart.svg
