"""The rows of the public ranking tables, written in Python.

A block may have thousands of units (the national benchmark renders 10,000): the
template engine's cost per tag and filter, times ten cells, times every row, made such a
page take seconds. Here each row is one string join; the words are translated once per
table and every number is formatted once per value. Every text from the data goes
through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from html import escape
from urllib.parse import quote

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from egovrank.publication.queries import Movement, PublicRow
from egovrank.scoring.numbers import format_number

register = template.Library()

__all__ = ["ranking_rows", "widget_rows"]


AS_ROUNDED = -1  # ``_formatter``: each value with its own places (already rounded)


def _formatter(places: int | None) -> Callable[[Decimal], str]:
    """``format_number`` in the page's language, remembering each value's text."""
    lang = get_language() or "vi"
    known: dict[Decimal, str] = {}

    def formatted(value: Decimal) -> str:
        text = known.get(value)
        if text is None:
            shown = max(0, -int(value.as_tuple().exponent)) if places == AS_ROUNDED else places
            text = known[value] = format_number(value, lang, places=shown)
        return text

    return formatted


def _movement_cell(
    movement: Movement | None, words: dict[str, str], change: Callable[[Decimal], str]
) -> str:
    if movement is not None and movement.reorganised:
        cell = f'<span class="movement__formed">{words["formed"]}</span>'
    elif movement is None or movement.new:
        cell = f'<span class="movement__new">{words["new"]}</span>'
    elif movement.rank_change is not None:
        places = movement.rank_change
        if places > 0:
            said = ngettext("Up %(counter)s place", "Up %(counter)s places", places)
            cell = (
                f'<span class="movement__up"><span aria-hidden="true">▲ {places}</span>'
                f'<span class="visually-hidden">{escape(said % {"counter": places})}</span></span>'
            )
        elif places < 0:
            said = ngettext("Down %(counter)s place", "Down %(counter)s places", -places)
            cell = (
                f'<span class="movement__down"><span aria-hidden="true">▼ {-places}</span>'
                f'<span class="visually-hidden">{escape(said % {"counter": -places})}</span></span>'
            )
        else:
            cell = f'<span class="movement__same">= <span class="visually-hidden">{words["same"]}</span></span>'
    elif movement.percent_change is not None:
        value = movement.percent_change
        sign = "+" if value > 0 else ("\u2212" if value < 0 else "")
        cell = f"{sign}{change(abs(value))} {words['pts']}"
    else:
        cell = "—"
    if movement is not None and movement.merged:
        names = escape("; ".join(item.unit_name for item in movement.earlier))
        cell += f' <span class="badge" title="{names}">{words["merged"]}</span>'
    elif movement is not None and movement.renamed:
        cell += (
            f' <span class="badge" title="{escape(movement.earlier[0].unit_name)}">'
            f"{words['renamed']}</span>"
        )
    return f'<td class="movement">{cell}</td>'


@register.simple_tag
def ranking_rows(
    rows: Iterable[PublicRow],
    *,
    unit_prefix: str,
    in_district: bool = False,
    has_movement: bool = False,
    converted: Decimal | None = None,
) -> SafeString:
    """The ``<tr>`` of each row, in the columns of ``_ranking_table.html``: rank (within
    the district for a district table), unit (linked), points per group, total, share,
    level, and the rank in the block and the movement when asked; the converted score
    after the share when the block's set has a scale (``converted``)."""
    points = _formatter(None)
    percent = _formatter(2)  # changes in percentage points
    share = _formatter(AS_ROUNDED)  # the block's places (``scoring.percent_decimals``)
    words = {
        "na": escape(_("not applicable")),
        "not_submitted": escape(_("not submitted")),
        "new": escape(_("new")),
        "same": escape(_("same rank")),
        "pts": escape(_("pts")),
        "merged": escape(_("merged")),
        "renamed": escape(_("renamed")),
        "formed": escape(_("formed by the reorganisation")),
        "not_ranked": escape(_("not ranked")),
    }
    not_applicable = f'<td class="num"><span title="{words["na"]}">—</span></td>'
    not_submitted = f' <span class="badge badge--warn">{words["not_submitted"]}</span>'
    prefix = escape(unit_prefix)
    parts = []
    for row in rows:
        first = row.rank_in_district if in_district else row.rank
        district = (
            f'<br><span class="hint">{escape(row.district_name)}</span>'
            if row.district_name and not in_district
            else ""
        )
        if first is None and row.not_ranked_reason:
            shown_rank = (
                f'<span class="hint">{words["not_ranked"]}: {escape(row.not_ranked_reason)}</span>'
            )
        else:
            shown_rank = str(first) if first is not None else "—"
        cells = [
            f'<tr><td class="num">{shown_rank}</td>',
            f'<th scope="row"><a href="{prefix}{quote(row.unit_code, safe="")}/">'
            f"{escape(row.unit_name)}</a>{district}"
            f"{'' if row.submitted else not_submitted}</th>",
        ]
        for group_points in row.groups:
            cells.append(
                not_applicable
                if group_points is None
                else f'<td class="num">{points(group_points)}</td>'
            )
        cells.append(f'<td class="num">{points(row.points)}/{points(row.max_points)}</td>')
        cells.append(f'<td class="num">{share(row.percent)}%</td>')
        if converted is not None:
            shown = "—" if row.converted is None else points(row.converted)
            cells.append(f'<td class="num">{shown}</td>')
        cells.append(
            f'<td><span class="level level--{escape(row.level_code)}">'
            f"{escape(row.level_label)}</span></td>"
        )
        if in_district:
            cells.append(f'<td class="num">{row.rank if row.rank is not None else "—"}</td>')
        if has_movement:
            cells.append(_movement_cell(row.movement, words, percent))
        cells.append("</tr>")
        parts.append("".join(cells))
    return mark_safe("\n".join(parts))  # noqa: S308 - every text from the data is escaped


@register.simple_tag
def widget_rows(rows: Iterable[PublicRow]) -> SafeString:
    """The ``<tr>`` of the portal widget: rank, unit, share, level."""
    percent = _formatter(AS_ROUNDED)
    parts = [
        f'<tr><td class="num">{row.rank if row.rank is not None else "—"}</td>'
        f'<th scope="row">{escape(row.unit_name)}</th>'
        f'<td class="num">{percent(row.percent)}%</td>'
        f'<td><span class="level level--{escape(row.level_code)}">{escape(row.level_label)}'
        "</span></td></tr>"
        for row in rows
    ]
    return mark_safe("\n".join(parts))  # noqa: S308 - every text from the data is escaped
