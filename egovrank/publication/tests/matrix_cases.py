"""Who may open the public results: everyone, signed in or not, once a year is
published; before that, a year's pages, widget and downloads answer 404 to everyone, as
for a year that does not exist. The list of years and the feed are always public."""

from __future__ import annotations

from typing import Any

from egovrank.results.tests.matrix_cases import in_review, missing_period, published
from egovrank.testing.matrix import PUBLIC, Case, expect
from egovrank.testing.world import World

NOT_FOUND = expect(404)


def block(code: str, kwargs: Any) -> Any:
    return lambda world: {**kwargs(world), "block": code}


def unit(key: str, kwargs: Any) -> Any:
    return lambda world: {**kwargs(world), "unit": world.units[key].code}


def _year_cases(name: str, target: Any) -> list[Case]:
    """A year's page: public once published, not there before nor for an unknown year."""
    return [
        Case(name, PUBLIC, "published", target(published)),
        Case(name, NOT_FOUND, "in review", target(in_review)),
        Case(name, NOT_FOUND, "missing", target(missing_period)),
    ]


def _same(kwargs: Any) -> Any:
    return kwargs


def _published_no_kwargs(world: World) -> dict[str, Any]:
    """A published year, for the pages of every year (no year in the address)."""
    published(world)
    return {}


def _published_with(**extra: str) -> Any:
    def kwargs(world: World) -> dict[str, Any]:
        return {**published(world), **extra}

    return kwargs


CASES: list[Case] = [
    Case("publication:index", PUBLIC, "nothing published", lambda world: {}),
    Case("publication:index", PUBLIC, "published", _published_no_kwargs),
    Case("publication:feed", PUBLIC, "nothing published", lambda world: {}),
    Case("publication:feed", PUBLIC, "published", _published_no_kwargs),
    *_year_cases("publication:year", _same),
    *_year_cases("publication:block", lambda kwargs: block("KHOI01", kwargs)),
    Case("publication:block", NOT_FOUND, "unknown block", _published_with(block="KHOI09")),
    *_year_cases("publication:districts", lambda kwargs: block("KHOI03", kwargs)),
    Case(
        "publication:districts",
        NOT_FOUND,
        "block without districts",
        _published_with(block="KHOI01"),
    ),
    *_year_cases("publication:unit", lambda kwargs: unit("sotc", kwargs)),
    *_year_cases("publication:unit", lambda kwargs: unit("lacdao", kwargs)),
    Case("publication:unit", NOT_FOUND, "unknown unit", _published_with(unit="no-such-unit")),
    *_year_cases("publication:embed", lambda kwargs: block("KHOI02", kwargs)),
    # Downloads (built beside these pages): the same rule.
    *_year_cases("publication:xlsx", _same),
    *_year_cases("publication:pdf", _same),
    *_year_cases("publication:json", _same),
    *_year_cases("publication:announcement_docx", _same),
    *_year_cases("publication:announcement_pdf", _same),
    *_year_cases("publication:csv", lambda kwargs: block("KHOI03", kwargs)),
    Case("publication:csv", NOT_FOUND, "unknown block", _published_with(block="KHOI09")),
]
