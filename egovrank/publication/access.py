"""Who may read the public results: everyone, signed in or not, but only what was
published. The one place that decides; the pages fetch every object here.

- A year exists publicly once its period has a publication; its current results are
  those of its latest publication.
- A block or a unit exists publicly only as a row of that publication.
- Anything else answers 404, exactly like a missing object: a period in preparation,
  self-assessment or review is not there at all.
"""

from __future__ import annotations

from django.http import Http404

from egovrank.results.models import Publication, PublishedResult

from . import queries

__all__ = [
    "access_block",
    "access_districts",
    "access_unit",
    "access_year",
]


def access_year(year: int) -> Publication:
    """The current publication of ``year``; 404 before the first one."""
    return queries.current_publication(year)


def access_block(publication: Publication, block_code: str) -> str:
    """A block of the publication; 404 when it has none of that code."""
    if block_code not in publication.blocks:
        raise Http404
    return block_code


def access_districts(rows: list[queries.PublicRow]) -> None:
    """The per-district table exists only for a block whose units belong to districts."""
    if not any(row.district_name for row in rows):
        raise Http404


def access_unit(publication: Publication, unit_code: str) -> PublishedResult:
    """A unit's row in the publication; 404 when the unit was not in it."""
    return queries.unit_result(publication, unit_code)
