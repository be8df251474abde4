"""Values every page template needs."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from egovrank.core.lead_agency import lead_agency as current_lead_agency

from .navigation import menu_for


def site(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    current = {match.namespace, f"{match.namespace}:{match.url_name}"} if match else set()
    items = menu_for(getattr(request, "user", None))
    # A page with an item of its own (Frameworks) marks only that one, not also the item
    # of its whole section (Criteria sets).
    exact = {item.section for item in items} & (
        {f"{match.namespace}:{match.url_name}"} if match else set()
    )
    if exact:
        current = exact
    return {
        "SITE_NAME": settings.SITE_NAME,
        "PROVINCE_NAME": settings.PROVINCE_NAME,
        "nav_items": [{"item": item, "current": item.section in current} for item in items],
    }


def lead_agency(request: HttpRequest) -> dict[str, Any]:
    """``lead_agency``: this year's lead agency, for pages of no particular period (a
    period's page asks ``{% lead_agency_of period as agency %}`` for that year's)."""
    return {"lead_agency": current_lead_agency()}
