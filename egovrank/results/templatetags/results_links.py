"""The way to a period's results from pages of the floors below (the period's page):
the results decide who is sent where, and those apps cannot import them, so their
templates load this library."""

from __future__ import annotations

from django import template
from django.template.context import Context
from django.urls import reverse

from egovrank.core.roles import roles_of
from egovrank.periods.choices import PeriodState
from egovrank.periods.models import Period
from egovrank.results.access import can_see_results

register = template.Library()

RESULTS_STATES = {PeriodState.REVIEW, PeriodState.FINALISED, PeriodState.PUBLISHED}


@register.simple_tag(takes_context=True)
def results_url(context: Context, period: Period) -> str:
    """The results page for the province's staff from the review on (finalising and
    publishing happen there); the public publications once published; else empty."""
    if period.state not in RESULTS_STATES:
        return ""
    if can_see_results(roles_of(context["request"].user)):
        return reverse("results:period", kwargs={"year": period.year})
    if period.state == PeriodState.PUBLISHED:
        return reverse("results:publications", kwargs={"year": period.year})
    return ""
