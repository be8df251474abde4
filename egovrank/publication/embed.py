"""The portal's ranking widget: a compact ranking of one block, meant for an iframe.

Only this page may be framed, and only by the sites in ``EMBED_ALLOWED_ORIGINS`` (and
this site): it answers with the pages' ``Content-Security-Policy`` and a
``frame-ancestors`` naming them, and
without ``X-Frame-Options``, which cannot name a site. Every other page keeps
``X-Frame-Options: DENY`` from the middleware.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt

from egovrank.core.csp import policy

from . import queries, snapshot
from .access import access_block, access_year

__all__ = ["block_widget", "frame_ancestors"]

# An origin as a CSP source: scheme://host[:port], nothing that could end the header's
# directive or add another.
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def frame_ancestors(origins: list[str]) -> str:
    """The CSP directive allowing this site and the configured origins to frame a page;
    entries that are not plain origins are left out."""
    allowed = [origin.rstrip("/") for origin in origins if _ORIGIN.match(origin.rstrip("/"))]
    return " ".join(["frame-ancestors 'self'", *allowed])


@xframe_options_exempt
def block_widget(request: HttpRequest, year: int, block: str) -> HttpResponse:
    """Rank, unit, share and level of every unit of the block, and a link to the full
    results, which opens outside the frame."""

    def draw() -> str:
        publication = access_year(year)
        block_code = access_block(publication, block)
        return render_to_string(
            "publication/embed.html",
            {
                "publication": publication,
                "period": publication.period,
                "block_name": publication.blocks[block_code].get("name", block_code),
                "rows": queries.public_rows(publication, block_code, groups=False),
                "full_url": request.build_absolute_uri(
                    reverse("publication:block", kwargs={"year": year, "block": block_code})
                ),
            },
            request,
        )

    # The link out names this site as asked (scheme and host), so they are in the key.
    origin = f"{request.scheme}://{request.get_host()}"
    response = HttpResponse(snapshot.cached(("embed", year, block, origin), draw))
    response["Content-Security-Policy"] = policy(
        frame_ancestors(list(getattr(settings, "EMBED_ALLOWED_ORIGINS", [])))
    )
    return response
