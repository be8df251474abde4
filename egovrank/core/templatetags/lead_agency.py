"""``{% lead_agency_of period as agency %}``: the lead agency of a period (or a year),
so a page of 2019 names the agency of 2019."""

from __future__ import annotations

from django import template

from egovrank.core.lead_agency import LeadAgency, lead_agency

register = template.Library()


@register.simple_tag
def lead_agency_of(period_or_year: object) -> LeadAgency:
    year = getattr(period_or_year, "year", period_or_year)
    return lead_agency(year if isinstance(year, int) else None)
