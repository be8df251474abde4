"""The lead agency: the department that runs the evaluation (administers it, reviews,
publishes). Its name is the installation's data, by year, because it changes with
reorganisations: in Hưng Yên, Sở Thông tin và Truyền thông until 2024, Sở Khoa học và
Công nghệ from 2025 (the one merged into the other). Pages and messages name it only
through ``lead_agency``, never by a literal.

The list comes from the ``LEAD_AGENCIES`` setting (docs/configuration.md): entries
``from_year|name|short name`` separated by ``;``, each valid from its year until the
next entry's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

__all__ = ["LeadAgency", "lead_agency", "lead_agency_for", "parse_lead_agencies"]


@dataclass(frozen=True)
class LeadAgency:
    from_year: int
    name: str  # "Sở Khoa học và Công nghệ"
    short_name: str  # "Sở KH&CN"

    def __str__(self) -> str:
        return self.short_name


class _HasYear(Protocol):
    @property
    def year(self) -> int: ...


def parse_lead_agencies(name: str, raw: str) -> tuple[LeadAgency, ...]:
    """The entries of the setting ``name``, oldest first; a bad entry stops start-up
    naming the variable and the entry."""
    found: list[LeadAgency] = []
    for number, entry in enumerate((part for part in raw.split(";") if part.strip()), 1):
        fields = [field.strip() for field in entry.split("|")]
        if len(fields) != 3 or not fields[0].isdigit() or not fields[1] or not fields[2]:
            raise ImproperlyConfigured(
                f"{name}: entry {number} ({entry.strip()!r}) must be 'from_year|name|short name'"
            )
        found.append(LeadAgency(int(fields[0]), fields[1], fields[2]))
    if not found:
        raise ImproperlyConfigured(f"{name} must name at least one agency")
    years = [agency.from_year for agency in found]
    if len(set(years)) != len(years):
        raise ImproperlyConfigured(f"{name}: two entries start in the same year")
    return tuple(sorted(found, key=lambda agency: agency.from_year))


def lead_agency(year: int | None = None) -> LeadAgency:
    """The lead agency of ``year`` (this year when None): the latest entry starting in or
    before it; the oldest entry for a year before them all."""
    agencies: tuple[LeadAgency, ...] = settings.LEAD_AGENCIES
    if year is None:
        year = timezone.localdate().year
    chosen = agencies[0]
    for agency in agencies:
        if agency.from_year <= year:
            chosen = agency
    return chosen


def lead_agency_for(period: _HasYear) -> LeadAgency:
    """The lead agency of a period (anything with a ``year``): the one of its year, so a
    2019 page keeps naming Sở TT&TT after the reform."""
    return lead_agency(period.year)
