"""Values every page template needs."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .navigation import menu_for


def site(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    current = {match.namespace, f"{match.namespace}:{match.url_name}"} if match else set()
    return {
        "SITE_NAME": settings.SITE_NAME,
        "PROVINCE_NAME": settings.PROVINCE_NAME,
        "nav_items": [
            {"item": item, "current": item.section in current}
            for item in menu_for(getattr(request, "user", None))
        ],
    }
