"""Charts of the public pages, drawn here as inline SVG: no JavaScript library and no
outside service, so they work offline, print, and scale on a phone.

Plain Python over plain values: the caller gives the texts (already translated) and the
numbers, and gets a ``Chart`` whose ``svg`` is the markup, every text in it escaped (the
``svg`` filter of ``public_results`` puts it in a page). Every chart is an image with a name and a description
(``role="img"``, ``<title>``, ``<desc>``); the pages add a table with the same figures.

Level colours are those of the ``.level--*`` classes of app.css, so a bar and the level
badge in the table read alike. A scale with other level codes is coloured by position,
from the highest level down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from egovrank.scoring.numbers import format_number

__all__ = [
    "Bar",
    "Bin",
    "Chart",
    "GroupShare",
    "Level",
    "YearPoint",
    "group_profile",
    "level_colour",
    "level_distribution",
    "ranking_bars",
    "share_bins",
    "share_histogram",
    "year_over_year",
]

# The colours of app.css (--good, --fair, --average, --weak) and of its text.
LEVEL_COLOURS = {"tot": "#1b7f3b", "kha": "#1f5fa8", "trung_binh": "#8a5300", "yeu": "#b3261e"}
BY_POSITION = ["#1b7f3b", "#1f5fa8", "#8a5300", "#b3261e", "#5c4b8a", "#4f5b6d"]
INK = "#1c2330"
MUTED = "#4f5b6d"
LINE = "#d5dbe3"
UNIT = "#0b3d91"  # the brand colour: the unit itself
AVERAGE = "#8a94a6"  # the block's average beside it

# A per-unit bar chart stays readable up to about this many units; beyond, the shares
# are shown as a histogram instead.
MAX_BARS = 200
# Below this many units each bar carries its unit's name; above, bars become columns.
MAX_LABELLED_BARS = 30
# A labelled bar's name wraps at about this many characters (the label column's width).
LABEL_CHARACTERS = 38


@dataclass(frozen=True)
class Level:
    code: str
    name: str
    min_percent: Decimal


@dataclass(frozen=True)
class Bar:
    """One unit in the ranking chart."""

    label: str
    percent: Decimal
    level_code: str
    level_name: str
    rank: int | None


@dataclass(frozen=True)
class Bin:
    """Units whose share is in [low, high) (the last bin includes 100%), per level."""

    low: int
    high: int
    counts: tuple[int, ...]  # per level of the scale, highest first

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class GroupShare:
    """A group of a unit's profile: the unit's share of its maximum and the block's."""

    label: str
    name: str
    percent: Decimal | None
    average_percent: Decimal | None


@dataclass(frozen=True)
class YearPoint:
    year: int
    percent: Decimal
    rank: int | None
    main: bool  # on the unit's line; other points are its predecessors beside it


@dataclass(frozen=True)
class Chart:
    """An SVG chart ready to be placed in a page."""

    svg: str
    chart_id: str

    def __str__(self) -> str:
        return self.svg


def level_colour(code: str, levels: Sequence[Level]) -> str:
    if code in LEVEL_COLOURS:
        return LEVEL_COLOURS[code]
    codes = [level.code for level in levels]
    position = codes.index(code) if code in codes else len(BY_POSITION) - 1
    return BY_POSITION[min(position, len(BY_POSITION) - 1)]


def _number(value: Decimal | int, lang: str, places: int | None = None) -> str:
    return format_number(Decimal(value), lang, places=places)


def _percent(value: Decimal, lang: str) -> str:
    return _number(value, lang, 2) + "%"


def _fmt(value: float) -> str:
    """Coordinates with at most one decimal: short markup, crisp enough."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _wrap(text: str, limit: int) -> list[str]:
    """Words on lines of at most ``limit`` characters (a longer word keeps its line):
    a group's whole name is shown, never cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _text_lines(x: float, y: float, lines: Sequence[str], *, line_height: int,
                anchor: str = "start") -> str:  # fmt: skip
    """Lines of one label as ``tspan``s, the first at ``y``."""
    spans = "".join(
        f'<tspan x="{_fmt(x)}" dy="{0 if index == 0 else line_height}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'<text x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}" fill="{INK}">{spans}</text>'


def _open(chart_id: str, width: int, height: int, title: str, desc: str, css: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" id="{chart_id}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false" '
        f'font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK,
          size: int | None = None, weight: str = "") -> str:  # fmt: skip
    extra = f' font-size="{size}"' if size else ""
    extra += f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}" fill="{fill}"{extra}>'
        f"{escape(text)}</text>"
    )


def _thresholds(levels: Sequence[Level]) -> list[Level]:
    return [level for level in levels if Decimal(0) < level.min_percent < Decimal(100)]


def _percent_grid(left: int, plot_w: int, y_of: Callable[[int], float]) -> list[str]:
    """Lines across the plot at every quarter of 100%, labelled on the left."""
    parts = []
    for tick in (0, 25, 50, 75, 100):
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{left + plot_w}" y2="{_fmt(y)}" stroke="{LINE}"/>'
        )
        parts.append(_text(left - 6, y + 4, f"{tick}%", anchor="end", fill=MUTED, size=11))
    return parts


def ranking_bars(
    bars: Sequence[Bar],
    levels: Sequence[Level],
    *,
    chart_id: str,
    title: str,
    desc: str,
    rank_label: str,
    lang: str = "vi",
) -> Chart:
    """The ranking as bars of each unit's share, coloured by level, with the level
    thresholds marked. Up to ``MAX_LABELLED_BARS`` units: one labelled bar per unit;
    more: one column per unit, in rank order (each names its unit in its tooltip)."""
    if len(bars) <= MAX_LABELLED_BARS:
        return _labelled_bars(bars, levels, chart_id, title, desc, lang)
    return _columns(bars, levels, chart_id, title, desc, rank_label, lang)


def _tooltip(bar: Bar, lang: str) -> str:
    rank = f"{bar.rank}. " if bar.rank is not None else ""
    return f"{rank}{bar.label}: {_percent(bar.percent, lang)} ({bar.level_name})"


def _labelled_bars(
    bars: Sequence[Bar], levels: Sequence[Level], chart_id: str, title: str, desc: str, lang: str
) -> Chart:
    width, label_width, value_width, row, line_height = 800, 270, 70, 24, 13
    top, bottom = 22, 24
    plot = width - label_width - value_width
    # Each name wraps to whole words, as the profile's groups do; a long one makes its
    # row taller, so that no unit's name is cut.
    labels = [
        _wrap((f"{bar.rank}. " if bar.rank is not None else "") + bar.label, LABEL_CHARACTERS)
        for bar in bars
    ]
    rows = [max(row, line_height * len(lines) + 11) for lines in labels]
    height = top + (sum(rows) if rows else row) + bottom
    parts = _open(chart_id, width, height, title, desc, "chart--ranking")

    def x_of(percent: Decimal) -> float:
        return label_width + plot * float(percent) / 100

    for level in _thresholds(levels):
        x = x_of(level.min_percent)
        parts.append(
            f'<line x1="{_fmt(x)}" y1="{top - 4}" x2="{_fmt(x)}" y2="{height - bottom}" '
            f'stroke="{MUTED}" stroke-dasharray="4 3"/>'
        )
        parts.append(
            _text(
                x,
                top - 8,
                f"{level.name} ≥ {_number(level.min_percent, lang)}%",
                anchor="middle",
                fill=MUTED,
                size=11,
            )  # fmt: skip
        )
    y = top
    for index, bar in enumerate(bars):
        if index:
            y += rows[index - 1]
        middle = y + rows[index] / 2  # the bar and its value at the middle of the name
        colour = level_colour(bar.level_code, levels)
        lines = labels[index]
        first = middle + 4 - line_height * (len(lines) - 1) / 2
        parts.append(f"<g><title>{escape(_tooltip(bar, lang))}</title>")
        parts.append(
            _text_lines(label_width - 8, first, lines, line_height=line_height, anchor="end")
        )
        bar_width = max(plot * float(bar.percent) / 100, 1)
        parts.append(
            f'<rect x="{label_width}" y="{_fmt(middle - (row - 8) / 2)}" '
            f'width="{_fmt(bar_width)}" height="{row - 8}" '
            f'fill="{colour}" class="chart__bar chart__bar--{escape(bar.level_code)}"/>'
        )
        parts.append(_text(label_width + bar_width + 6, middle + 4, _percent(bar.percent, lang)))
        parts.append("</g>")
    axis_y = height - bottom
    parts.append(
        f'<line x1="{label_width}" y1="{axis_y}" x2="{label_width + plot}" y2="{axis_y}" '
        f'stroke="{MUTED}"/>'
    )
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            _text(
                x_of(Decimal(tick)), axis_y + 16, f"{tick}%", anchor="middle", fill=MUTED, size=11
            )
        )
    parts.append("</svg>")
    return Chart("".join(parts), chart_id)


def _columns(
    bars: Sequence[Bar],
    levels: Sequence[Level],
    chart_id: str,
    title: str,
    desc: str,
    rank_label: str,
    lang: str,
) -> Chart:
    width, height = 800, 320
    left, right, top, bottom = 44, 110, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = _open(chart_id, width, height, title, desc, "chart--ranking")

    def y_of(percent: Decimal | int) -> float:
        return top + plot_h * (1 - float(percent) / 100)

    parts += _percent_grid(left, plot_w, y_of)
    step = plot_w / max(len(bars), 1)
    gap = step * 0.15 if step > 3 else 0
    for index, bar in enumerate(bars):
        x = left + index * step
        y = y_of(bar.percent)
        colour = level_colour(bar.level_code, levels)
        parts.append(
            f'<rect x="{_fmt(x + gap / 2)}" y="{_fmt(y)}" width="{_fmt(max(step - gap, 0.6))}" '
            f'height="{_fmt(top + plot_h - y)}" fill="{colour}" '
            f'class="chart__bar chart__bar--{escape(bar.level_code)}">'
            f"<title>{escape(_tooltip(bar, lang))}</title></rect>"
        )
    for level in _thresholds(levels):
        y = y_of(level.min_percent)
        parts.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{left + plot_w}" y2="{_fmt(y)}" '
            f'stroke="{INK}" stroke-dasharray="5 3"/>'
        )
        parts.append(
            _text(
                left + plot_w + 6,
                y + 4,
                f"{level.name} ≥ {_number(level.min_percent, lang)}%",
                fill=INK,
                size=11,
            )  # fmt: skip
        )
    axis_y = top + plot_h
    parts.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="{MUTED}"/>'
    )
    count = len(bars)
    marks = sorted({1, count, *range(10, count, max(10, (count // 8) // 10 * 10 or 10))})
    for position in marks:
        if position < 1 or position > count:
            continue
        x = left + (position - 0.5) * step
        parts.append(_text(x, axis_y + 15, str(position), anchor="middle", fill=MUTED, size=11))
    parts.append(
        _text(left + plot_w / 2, height - 6, rank_label, anchor="middle", fill=MUTED, size=11)
    )
    parts.append("</svg>")
    return Chart("".join(parts), chart_id)


def share_bins(bars: Sequence[Bar], levels: Sequence[Level], width: int = 5) -> list[Bin]:
    """The units counted per band of ``width`` percentage points of share, and per
    level within each band (a threshold need not fall on a band's edge)."""
    codes = [level.code for level in levels]
    edges = list(range(0, 100, width))
    counts = [[0] * len(codes) for _ in edges]
    for bar in bars:
        index = min(int(bar.percent // width), len(edges) - 1)
        position = codes.index(bar.level_code) if bar.level_code in codes else len(codes) - 1
        counts[index][position] += 1
    return [
        Bin(low, min(low + width, 100), tuple(per_level))
        for low, per_level in zip(edges, counts, strict=True)
    ]


def share_histogram(
    bins: Sequence[Bin],
    levels: Sequence[Level],
    *,
    chart_id: str,
    title: str,
    desc: str,
    axis_label: str,
    lang: str = "vi",
) -> Chart:
    """How many units reached each band of share, stacked by level: the ranking of a
    block too large for a bar per unit."""
    width, height = 800, 320
    left, right, top, bottom = 56, 16, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = _open(chart_id, width, height, title, desc, "chart--histogram")
    tallest = max((item.total for item in bins), default=0) or 1
    step = plot_w / max(len(bins), 1)
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = round(tallest * fraction)
        y = top + plot_h * (1 - value / tallest)
        parts.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{left + plot_w}" y2="{_fmt(y)}" stroke="{LINE}"/>'
        )
        parts.append(
            _text(left - 6, y + 4, _number(value, lang), anchor="end", fill=MUTED, size=11)
        )
    for index, item in enumerate(bins):
        x = left + index * step + 2
        base: float = top + plot_h
        label = f"{item.low}–{item.high}%: {_number(item.total, lang)}"
        parts.append(f"<g><title>{escape(label)}</title>")
        for position, count in enumerate(item.counts):
            if not count:
                continue
            bar_h = plot_h * count / tallest
            base -= bar_h
            code = levels[position].code if position < len(levels) else ""
            parts.append(
                f'<rect x="{_fmt(x)}" y="{_fmt(base)}" width="{_fmt(step - 4)}" '
                f'height="{_fmt(bar_h)}" fill="{level_colour(code, levels)}" '
                f'class="chart__bar chart__bar--{escape(code)}"/>'
            )
        parts.append("</g>")
        if item.low % 10 == 0:
            parts.append(_text(left + index * step, top + plot_h + 15, f"{item.low}%",
                               anchor="middle", fill=MUTED, size=11))  # fmt: skip
    parts.append(_text(left + plot_w, top + plot_h + 15, "100%", anchor="end", fill=MUTED, size=11))
    parts.append(
        _text(left + plot_w / 2, height - 6, axis_label, anchor="middle", fill=MUTED, size=11)
    )
    parts.append("</svg>")
    return Chart("".join(parts), chart_id)


def level_distribution(
    counts: Sequence[tuple[Level, int]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    lang: str = "vi",
) -> Chart:
    """How many units reached each level: one bar per level, highest level first."""
    width, label_width, row, top = 600, 170, 30, 6
    plot = width - label_width - 70
    height = top + row * max(len(counts), 1) + 6
    parts = _open(chart_id, width, height, title, desc, "chart--levels")
    largest = max((count for _level, count in counts), default=0) or 1
    for index, (level, count) in enumerate(counts):
        y = top + index * row
        bar_width = plot * count / largest
        parts.append(_text(label_width - 8, y + 19, level.name, anchor="end", weight="600"))
        if count:
            parts.append(
                f'<rect x="{label_width}" y="{y + 5}" width="{_fmt(bar_width)}" height="{row - 10}" '
                f'fill="{level_colour(level.code, [c[0] for c in counts])}" '
                f'class="chart__bar chart__bar--{escape(level.code)}"/>'
            )
        parts.append(_text(label_width + bar_width + 6, y + 19, _number(count, lang)))
    parts.append("</svg>")
    return Chart("".join(parts), chart_id)


def group_profile(
    groups: Sequence[GroupShare],
    *,
    chart_id: str,
    title: str,
    desc: str,
    unit_label: str,
    average_label: str,
    not_applicable: str,
    lang: str = "vi",
) -> Chart:
    """A unit's share of each group's maximum (dark bars) against the block's average
    share (light bars)."""
    width, label_width, value_width = 800, 250, 70
    pair, top, line_height = 40, 30, 13
    plot = width - label_width - value_width
    # Each label wraps to whole words; a long one makes its row taller.
    labels = [_wrap(group.label, 34) for group in groups]
    rows = [max(pair, line_height * len(lines) + 14) for lines in labels]
    height = top + (sum(rows) if rows else pair) + 24
    parts = _open(chart_id, width, height, title, desc, "chart--profile")
    # The legend.
    parts.append(f'<rect x="{label_width}" y="6" width="12" height="12" fill="{UNIT}"/>')
    parts.append(_text(label_width + 18, 16, unit_label))
    legend_x = label_width + 30 + 8 * len(unit_label)
    parts.append(f'<rect x="{legend_x}" y="6" width="12" height="12" fill="{AVERAGE}"/>')
    parts.append(_text(legend_x + 18, 16, average_label))

    def x_of(percent: Decimal | int) -> float:
        return label_width + plot * float(percent) / 100

    y = top
    for index, group in enumerate(groups):
        if index:
            y += rows[index - 1]
        lines = labels[index]
        first = y + (34 - line_height * (len(lines) - 1)) / 2 + 4
        parts.append(
            _text_lines(label_width - 8, first, lines, line_height=line_height, anchor="end")
        )
        parts.append(f"<g><title>{escape(group.name)}</title>")
        for offset, value, colour in (
            (2, group.percent, UNIT),
            (19, group.average_percent, AVERAGE),
        ):
            if value is None:
                parts.append(
                    _text(label_width + 4, y + offset + 12, not_applicable, fill=MUTED, size=11)
                )
                continue
            bar_width = max(plot * float(value) / 100, 1)
            parts.append(
                f'<rect x="{label_width}" y="{y + offset}" width="{_fmt(bar_width)}" height="15" '
                f'fill="{colour}"/>'
            )
            parts.append(
                _text(label_width + bar_width + 6, y + offset + 12, _percent(value, lang), size=11)
            )
        parts.append("</g>")
    axis_y = top + (sum(rows) if rows else 0) + 2
    parts.append(
        f'<line x1="{label_width}" y1="{axis_y}" x2="{label_width + plot}" y2="{axis_y}" '
        f'stroke="{MUTED}"/>'
    )
    for tick in (0, 50, 100):
        parts.append(
            _text(x_of(tick), axis_y + 15, f"{tick}%", anchor="middle", fill=MUTED, size=11)
        )
    parts.append("</svg>")
    return Chart("".join(parts), chart_id)


def year_over_year(
    points: Sequence[YearPoint],
    *,
    chart_id: str,
    title: str,
    desc: str,
    rank_word: str,
    lang: str = "vi",
) -> Chart:
    """The unit's share in each published year, with its rank under the year. Points of
    the units it continues that are not on its own line are drawn hollow."""
    years = sorted({point.year for point in points})
    width, height = 800, 300
    left, right, top, bottom = 48, 24, 20, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = _open(chart_id, width, height, title, desc, "chart--years")
    step = plot_w / max(len(years), 1)

    def x_of(year: int) -> float:
        return left + (years.index(year) + 0.5) * step

    def y_of(percent: Decimal | int) -> float:
        return top + plot_h * (1 - float(percent) / 100)

    parts += _percent_grid(left, plot_w, y_of)
    main = sorted((p for p in points if p.main), key=lambda p: p.year)
    if len(main) > 1:
        path = " ".join(f"{_fmt(x_of(p.year))},{_fmt(y_of(p.percent))}" for p in main)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{UNIT}" stroke-width="2.5"/>')
    for point in points:
        x, y = x_of(point.year), y_of(point.percent)
        fill = UNIT if point.main else "#ffffff"
        parts.append(
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="5" fill="{fill}" stroke="{UNIT}" '
            f'stroke-width="2"><title>{point.year}: {escape(_percent(point.percent, lang))}'
            f"</title></circle>"
        )
        if point.main:
            parts.append(_text(x, y - 10, _percent(point.percent, lang), anchor="middle", size=11))
    axis_y = top + plot_h
    for year in years:
        ranks = [p for p in points if p.year == year and p.main and p.rank is not None]
        parts.append(_text(x_of(year), axis_y + 16, str(year), anchor="middle", weight="600"))
        if ranks:
            parts.append(
                _text(
                    x_of(year),
                    axis_y + 32,
                    f"{rank_word} {ranks[0].rank}",
                    anchor="middle",
                    fill=MUTED,
                    size=11,
                )  # fmt: skip
            )
    parts.append("</svg>")
    return Chart("".join(parts), chart_id)
