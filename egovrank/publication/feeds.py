"""An Atom feed of the publications and their corrections, for the provincial portal
and anyone who follows the results: each entry names the decision and links to the
year's public page; a correction says why the results changed."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from egovrank.results.models import Publication

from . import snapshot

__all__ = ["PublicationsFeed", "feed"]

# Enough for years of publications; a reader keeps what it has already seen.
LATEST = 50


class PublicationsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Published e-government ranking results")

    def subtitle(self) -> str:
        return _(
            "Each publication of the yearly e-government evaluation and ranking results, "
            "and each correction, under its decision."
        )

    def link(self) -> str:
        return reverse("publication:index")

    def items(self) -> list[Publication]:
        return list(
            Publication.objects.select_related("period").order_by("-published_at", "-pk")[:LATEST]
        )

    def item_title(self, item: Publication) -> str:
        values = {"year": item.period.year, "number": item.number}
        if item.is_correction:
            return _("Corrected results %(year)s (publication No. %(number)s)") % values
        return _("Results %(year)s published") % values

    def item_description(self, item: Publication) -> str:
        text = _("%(title)s. Decision %(decision)s of %(date)s, signed by %(signer)s.") % {
            "title": item.period.title,
            "decision": item.decision_number,
            "date": item.decision_date.strftime("%d/%m/%Y"),
            "signer": item.signer,
        }
        if item.is_correction:
            text += " " + _("Reason for the correction: %(reason)s") % {
                "reason": item.correction_reason
            }
        return text

    def item_link(self, item: Publication) -> str:
        return reverse("publication:year", kwargs={"year": item.period.year})

    def item_guid(self, item: Publication) -> str:
        # Every publication of a year links to the same year page, so the entry's id
        # names the publication itself: a tag URI (RFC 4151) under the site's host,
        # stable whatever address the feed was read at.
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"tag:{host},{item.decision_date.isoformat()}:publications/{item.period.year}/{item.number}"

    def item_pubdate(self, item: Publication) -> datetime:
        return item.published_at

    def item_updateddate(self, item: Publication) -> datetime:
        return item.published_at


_feed = PublicationsFeed()


def feed(request: HttpRequest) -> HttpResponse:
    """The feed, drawn once per state of the publications (``snapshot``). Its links are
    absolute, naming this site as asked, so the scheme and host are in the key."""

    def draw() -> tuple[bytes, dict[str, str]]:
        response = _feed(request)
        kept = ("Content-Type", "Last-Modified")
        return response.content, {name: response[name] for name in kept if name in response}

    origin = f"{request.scheme}://{request.get_host()}"
    content, headers = snapshot.cached(("feed", origin), draw)
    return HttpResponse(content, headers=headers)
