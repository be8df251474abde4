"""The public result pages: no sign-in, and only what a publication holds (its stored
rows, never the live forms or reviews). Each view parses the request, fetches through
``access.py``, shapes the data with ``queries.py`` and ``charts.py``, and renders."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from egovrank.results.models import Publication

from . import charts, paging, queries, snapshot
from .access import access_block, access_districts, access_unit, access_year

__all__ = ["block", "districts", "index", "unit", "year"]


def _lang() -> str:
    return get_language() or "vi"


def _levels(publication: Publication, block_code: str) -> list[charts.Level]:
    return [
        charts.Level(level.code, level.name, level.min_percent)
        for level in queries.block_levels(publication, block_code)
    ]


def _block_name(publication: Publication, block_code: str) -> str:
    return str(publication.blocks[block_code].get("name", block_code))


def index(request: HttpRequest) -> HttpResponse:
    """Every published year: its current publication (corrected or not) and, per block,
    how many units reached each level. ``?year=`` is the year switcher without script."""
    wanted = request.GET.get("year", "")
    if wanted.isdigit():
        publication = access_year(int(wanted))
        return redirect("publication:year", year=publication.period.year)
    return snapshot.page(request, ("index",), _index_page)


def _index_page() -> tuple[str, dict[str, Any]]:
    publications = queries.current_publications()
    summaries = queries.level_counts(publications)
    years = [
        {
            "publication": publication,
            "blocks": [
                summary for (pk, _code), summary in summaries.items() if pk == publication.pk
            ],
        }
        for publication in publications
    ]
    return (
        "publication/index.html",
        {"years": years, "published_years": [p.period.year for p in publications]},
    )


def _distribution_chart(publication: Publication, summary: queries.BlockSummary) -> charts.Chart:
    year = publication.period.year
    return charts.level_distribution(
        [(charts.Level(lv.code, lv.name, lv.min_percent), count) for lv, count in summary.levels],
        chart_id=f"levels-{_slug(summary.code)}",
        title=_("Units per level in %(block)s, %(year)s") % {"block": summary.name, "year": year},
        desc=_(
            "One bar per level, from the highest: how many units of the block reached it. "
            "The table beside the chart gives the same counts."
        ),
        lang=_lang(),
    )


def _slug(code: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in code)


def year(request: HttpRequest, year: int) -> HttpResponse:
    """A year's decision (and its correction), and each block at a glance."""
    return snapshot.page(request, ("year", year), lambda: _year_page(year))


def _year_page(year: int) -> tuple[str, dict[str, Any]]:
    publication = access_year(year)
    summaries = queries.block_summaries(publication)
    return (
        "publication/year.html",
        {
            "publication": publication,
            "period": publication.period,
            "earlier": queries.earlier_publications(publication),
            "blocks": [
                {"summary": summary, "chart": _distribution_chart(publication, summary)}
                for summary in summaries
            ],
            "published_years": queries.published_years(),
        },
    )


def _ranking_chart(
    publication: Publication, block_code: str, rows: list[queries.PublicRow]
) -> dict[str, Any]:
    """The ranking as one bar per unit, or, for a block too large for that, as a
    histogram of shares (with the table of its bands)."""
    levels = _levels(publication, block_code)
    name = _block_name(publication, block_code)
    year = publication.period.year
    bars = [
        charts.Bar(row.unit_name, row.percent, row.level_code, row.level_name, row.rank)
        for row in rows
    ]
    chart_id = f"ranking-{_slug(block_code)}"
    if len(bars) <= charts.MAX_BARS:
        return {
            "chart": charts.ranking_bars(
                bars,
                levels,
                chart_id=chart_id,
                title=_("Ranking of %(block)s, %(year)s: each unit's share of the maximum")
                % {"block": name, "year": year},
                desc=_(
                    "One bar per unit in rank order, its length the unit's share of the "
                    "maximum total and its colour the unit's level; dashed lines mark the "
                    "level thresholds. The ranking table gives the same figures."
                ),
                rank_label=_("Rank"),
                lang=_lang(),
            ),
            "histogram": None,
        }
    bins = charts.share_bins(bars, levels)
    return {
        "chart": charts.share_histogram(
            bins,
            levels,
            chart_id=chart_id,
            title=_("Shares of the maximum in %(block)s, %(year)s") % {"block": name, "year": year},
            desc=_(
                "The block has too many units for a bar each: each bar counts the units "
                "whose share of the maximum falls in a band of 5 percentage points, "
                "coloured by level. The table under the chart gives the counts; the ranking "
                "table lists every unit."
            ),
            axis_label=_("Share of the maximum"),
            lang=_lang(),
        ),
        "histogram": [
            {"bin": item, "counts": list(zip(levels, item.counts, strict=True))} for item in bins
        ],
    }


def _block_context(publication: Publication, block_code: str) -> dict[str, Any]:
    rows = queries.public_rows(publication, block_code)
    levels = queries.block_levels(publication, block_code)
    per_level = {level.code: 0 for level in levels}
    for row in rows:
        per_level[row.level_code] = per_level.get(row.level_code, 0) + 1
    summary = queries.BlockSummary(
        code=block_code,
        name=_block_name(publication, block_code),
        units=len(rows),
        has_districts=any(row.district_name for row in rows),
        levels=[(level, per_level.get(level.code, 0)) for level in levels],
    )
    return {
        "publication": publication,
        "period": publication.period,
        "block_code": block_code,
        "summary": summary,
        "groups": queries.block_groups(publication, block_code),
        "converted_scale": queries.block_converted_scale(publication, block_code),
        "rows": rows,
        "levels_chart": _distribution_chart(publication, summary),
        # One reverse for every row's link: a block may have thousands of units.
        "unit_prefix": reverse(
            "publication:unit", kwargs={"year": publication.period.year, "unit": "-"}
        )[:-2],
    }


def _years_with_block(block_code: str) -> list[int]:
    return [
        publication.period.year
        for publication in queries.current_publications()
        if block_code in publication.blocks
    ]


def block(request: HttpRequest, year: int, block: str) -> HttpResponse:
    """A block's ranking as published: the table, its movement against the year
    before, the count per level, the charts and the downloads."""
    number, query = paging.requested(request.GET)
    return snapshot.page(
        request,
        ("block", year, block, number, query),
        lambda: _block_page(year, block, number, query),
    )


def _block_page(year: int, block: str, number: int, query: str) -> tuple[str, dict[str, Any]]:
    publication = access_year(year)
    block_code = access_block(publication, block)
    context = _block_context(publication, block_code)
    movements = queries.block_movements(publication, block_code, context["rows"])
    if movements is not None:
        for row in context["rows"]:
            row.movement = movements.get(row.unit_id)
    context.update(
        _ranking_chart(publication, block_code, context["rows"]),
        has_movement=movements is not None,
        previous_year=year - 1,
        years=_years_with_block(block_code),
    )
    # The chart and the counts are the whole block's; the table, a large block's page.
    context["shown_rows"], context["paging"] = paging.page_of(context["rows"], number, query)
    return "publication/block.html", context


def districts(request: HttpRequest, year: int, block: str) -> HttpResponse:
    """A block whose units belong to districts (Khối 03), as one table per district
    with the rank within the district."""
    return snapshot.page(request, ("districts", year, block), lambda: _districts_page(year, block))


def _districts_page(year: int, block: str) -> tuple[str, dict[str, Any]]:
    publication = access_year(year)
    block_code = access_block(publication, block)
    context = _block_context(publication, block_code)
    access_districts(context["rows"])
    context["districts"] = [
        {"name": name, "rows": rows, "id": f"district-{n}", "table_id": f"district-table-{n}"}
        for n, (name, rows) in enumerate(queries.by_district(context["rows"]), start=1)
    ]
    return "publication/districts.html", context


def unit(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    """A unit's published result: its groups and criteria (verified points against the
    maximum), level, rank, movement, profile and years. Nothing internal: no evidence,
    notes, reviewers' words or self-assessed points."""
    return snapshot.page(request, ("unit", year, unit), lambda: _unit_page(year, unit))


def _unit_page(year: int, unit: str) -> tuple[str, dict[str, Any]]:
    publication = access_year(year)
    result = access_unit(publication, unit)
    block_code = result.block_code
    block_name = _block_name(publication, block_code)
    profile = queries.group_profile(publication, result)
    history = queries.unit_history(result, year)
    reorganised = queries.formed_by_reorganisation(result.unit_id, year)
    units_in_block = publication.results.filter(block_code=block_code).count()
    english = _lang().startswith("en")
    profile_chart = charts.group_profile(
        [
            charts.GroupShare(
                f"{group.code} · {group.name}", group.name, group.percent, group.average_percent
            )
            for group in profile
        ],
        chart_id="profile",
        title=_("Profile of %(unit)s by group, %(year)s")
        % {"unit": result.unit_name, "year": year},
        desc=_(
            "For each group, the unit's share of the group's maximum (dark bar) against the "
            "average share of the units of its block (light bar). The table under the chart "
            "gives the same figures."
        ),
        unit_label=result.unit_name if len(result.unit_name) <= 40 else _("This unit"),
        average_label=_("Block average"),
        not_applicable=_("not applicable"),
        lang=_lang(),
    )
    years_chart = charts.year_over_year(
        [
            charts.YearPoint(point.result.year, point.result.percent, point.result.rank, point.main)
            for point in history
        ],
        chart_id="years",
        title=_("%(unit)s across the years") % {"unit": result.unit_name},
        desc=_(
            "The unit's share of the maximum in each published year, with its rank in its "
            "block under the year; hollow points are units it continues (renamed or merged). "
            "The table under the chart gives the same figures."
        ),
        rank_word=_("rank"),
        lang=_lang(),
    )
    return (
        "publication/unit.html",
        {
            "publication": publication,
            "period": publication.period,
            "result": result,
            "block_code": block_code,
            "block_name": block_name,
            "converted_scale": queries.block_converted_scale(publication, block_code),
            "percent_places": queries.block_percent_places(publication, block_code),
            "units_in_block": units_in_block,
            "criteria": queries.unit_criteria(publication, result, english=english),
            "profile": profile,
            "profile_chart": profile_chart,
            "history": history,
            "years_chart": years_chart,
            "movement": queries.unit_movement(result, year, reorganised=reorganised),
            "reorganised": reorganised,
            "previous_year": year - 1,
        },
    )
