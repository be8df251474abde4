"""The insight pages in the permission matrix (tests/test_permission_matrix.py).

A unit's pages answer as its form does: its own officer and head, the administrator and
the provincial reviewer, and the district reviewer for its own communes; other role
holders get 404, and everyone gets 404 before the year is published. The analysis is
for the administrator and the provincial reviewer only.
"""

from __future__ import annotations

from typing import Any

from egovrank.results.tests.matrix_cases import in_review, missing_period, published
from egovrank.testing.matrix import NOT_FOR_ROLES_404, Case, expect, seen_by
from egovrank.testing.world import World

PROVINCE = ("administrator", "provincial_reviewer")
ANALYSIS = expect(403, anonymous=302, administrator=200, provincial_reviewer=200)
ANALYSIS_404 = expect(403, anonymous=302, administrator=404, provincial_reviewer=404)


def published_unit(key: str) -> Any:
    def kwargs(world: World) -> dict[str, Any]:
        return {"year": published(world)["year"], "unit": world.units[key].code}

    return kwargs


def unpublished_unit(key: str) -> Any:
    def kwargs(world: World) -> dict[str, Any]:
        return {"year": in_review(world)["year"], "unit": world.units[key].code}

    return kwargs


def missing_unit(world: World) -> dict[str, Any]:
    return {"year": published(world)["year"], "unit": "no-such-unit"}


def _unit_cases(url_name: str, method: str = "get") -> list[Case]:
    return [
        Case(
            url_name,
            seen_by(*PROVINCE, "unit_officer", "unit_head"),
            "own department",
            published_unit("sotc"),
            method,
        ),
        Case(url_name, seen_by(*PROVINCE), "another department", published_unit("soxd"), method),
        Case(url_name, seen_by(*PROVINCE), "a district", published_unit("vanlam"), method),
        Case(
            url_name,
            seen_by(*PROVINCE, "district_reviewer", "commune_officer"),
            "own commune",
            published_unit("lacdao"),
            method,
        ),
        Case(
            url_name,
            seen_by(*PROVINCE, "district_reviewer"),
            "another commune of the district",
            published_unit("chidao"),
            method,
        ),
        Case(
            url_name,
            seen_by(*PROVINCE),
            "commune of another district",
            published_unit("xuanquan"),
            method,
        ),
        Case(
            url_name,
            NOT_FOR_ROLES_404,
            "own unit, not yet published",
            unpublished_unit("sotc"),
            method,
        ),
        Case(url_name, NOT_FOR_ROLES_404, "missing", missing_unit, method),
    ]


CASES: list[Case] = [
    *_unit_cases("insight:lost_points"),
    *_unit_cases("insight:what_if"),
    # Simulating posts the form and saves nothing: the same people may do it.
    Case(
        "insight:what_if",
        seen_by(*PROVINCE, "unit_officer", "unit_head"),
        "own department",
        published_unit("sotc"),
        "post",
        lambda world: {"v-HT3.1": "yes"},
    ),
    Case(
        "insight:what_if",
        seen_by(*PROVINCE),
        "another department",
        published_unit("soxd"),
        "post",
        lambda world: {"v-HT3.1": "yes"},
    ),
    Case("insight:analysis", ANALYSIS, "published year", published),
    Case("insight:analysis", ANALYSIS_404, "year in review", in_review),
    Case("insight:analysis", ANALYSIS_404, "missing", missing_period),
]
