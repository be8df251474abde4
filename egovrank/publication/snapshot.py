"""Published pages, widgets, feeds and downloads drawn once and then served from Django's
cache (each process's memory, or Redis with ``REDIS_URL``).

A publication never changes: a correction is a new publication. What a public page shows
depends only on the publications (the year's own, and the others it links or compares
to: the year switcher, the movement against the year before, a unit's years) and on the
units' successions (which results a unit's history carries). So every entry is keyed by
``state()``, one query that changes whenever any of these does (the newest publication
and when it was made, and a digest of the successions), with the page, its arguments and
the language. Nothing is ever invalidated by hand: a new publication makes new keys, and
the old entries expire.

Only what the views draw from published rows is cached, and only what every visitor sees
alike: the page's title and content, drawn into the header of whoever is signed in (the
name, notices, the sign-out form, the messages) for each request. For visitors who are
not signed in, the header is the same for all but the language links' return address,
so their whole page is kept with it marked, and filled in for each request (the links
need no CSRF token: front/language.py). A 404 raises before anything is stored.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from egovrank.orgs.models import UnitSuccession
from egovrank.results.models import Publication

__all__ = ["cached", "page", "state"]

T = TypeVar("T")

# A day: long enough that an announcement day draws each page once per process, short
# enough that Redis sheds the entries of superseded states without a sweep.
TIMEOUT = 24 * 60 * 60
# The page templates extend "publication/_snapshot.html", which puts this between the
# title and the content. Autoescaping turns "<" in any data into "&lt;", so no unit
# name or decision can contain it.
SEPARATOR = "<!--egovrank:snapshot-content-->"


def state() -> str:
    """What every public page depends on, in one query: the newest publication and when
    it was made (a database restored or reseeded under a running cache makes other
    times), and the successions' count, newest id and a digest of their links."""
    publications = connection.ops.quote_name(Publication._meta.db_table)
    successions = connection.ops.quote_name(UnitSuccession._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {publications}),"  # noqa: S608 (table names)
            f" (SELECT MAX(published_at) FROM {publications}),"
            f" (SELECT COUNT(*) FROM {successions}),"
            f" (SELECT MAX(id) FROM {successions}),"
            f" (SELECT SUM(year * 7 + predecessor_id * 131 + successor_id * 8191)"
            f" FROM {successions})"
        )
        row = cursor.fetchone()
    return ":".join(str(value) for value in row)


def _key(parts: tuple[Any, ...], known: str | None = None) -> str:
    now = state() if known is None else known
    text = "\x1f".join(str(part) for part in (now, get_language() or "vi", *parts))
    return "publication:" + hashlib.sha256(text.encode()).hexdigest()


def cached(parts: tuple[Any, ...], build: Callable[[], T], *, known: str | None = None) -> T:
    """The value stored under ``parts`` (the page, its arguments and whatever else
    changes it) for the current state (``known``, when the caller has asked already) and
    language, built and stored on first use."""
    key = _key(parts, known)
    value: T | None = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _in_frame(request: HttpRequest, title: str, content: str) -> HttpResponse:
    return render(
        request,
        "publication/_shell.html",
        {"snapshot_title": mark_safe(title), "snapshot_content": mark_safe(content)},  # noqa: S308
    )


def _sees_the_public_frame(request: HttpRequest) -> bool:
    """Someone without a session (so not signed in, and with no message kept in one)
    and without a message in a cookie sees the same frame as every such visitor, but
    for the language links' return address. Told from the cookies alone:
    neither the session nor the messages are read (nor the answer marked as varying by
    them); anyone with a session gets the frame drawn for them, which is always right."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


# Each process keeps the public frames it served last, as the bytes it sends: the
# shared cache pickles (and Redis carries) a whole page per request otherwise. Keys
# carry the publication state, so an entry is never stale, only unused; the oldest go
# once the kept bytes pass the limit.
_FRAMES: OrderedDict[str, list[bytes]] = OrderedDict()
_FRAMES_LIMIT = 32 * 1024 * 1024
_frames_size = 0


def _kept_frame(key: str, build: Callable[[], list[bytes]]) -> list[bytes]:
    global _frames_size  # noqa: PLW0603 - the process's own memo
    pieces = _FRAMES.get(key)
    if pieces is not None:
        _FRAMES.move_to_end(key)
        return pieces
    pieces = cache.get(key)
    if pieces is None:
        pieces = build()
        cache.set(key, pieces, TIMEOUT)
    _FRAMES[key] = pieces
    _frames_size += sum(len(piece) for piece in pieces)
    while _frames_size > _FRAMES_LIMIT and len(_FRAMES) > 1:
        _old, dropped = _FRAMES.popitem(last=False)
        _frames_size -= sum(len(piece) for piece in dropped)
    return pieces


# The public frame is kept with this in place of the first visitor's return address.
_NEXT = re.compile(r'(/language/[\w-]+/\?next=)[^"]*(")')
NEXT_MARK = "\x00next\x00"
_MARKS = re.compile(f"({re.escape(NEXT_MARK)})")


def page(
    request: HttpRequest,
    parts: tuple[Any, ...],
    build: Callable[[], tuple[str, dict[str, Any]]],
) -> HttpResponse:
    """A public page: its title and content drawn once by rendering the template and
    context ``build`` returns, then placed in the site's frame for this visitor. The
    whole page of a visitor who is not signed in is kept too, with this visitor's return
    address put into it."""
    known = state()

    def draw() -> tuple[str, str]:
        template, context = build()
        title, content = render_to_string(template, context, request).split(SEPARATOR, 1)
        return title, content

    def content() -> tuple[str, str]:
        return cached(parts, draw, known=known)

    if not _sees_the_public_frame(request):
        return _in_frame(request, *content())

    def framed() -> list[bytes]:
        text = _in_frame(request, *content()).content.decode()
        text = _NEXT.sub(lambda m: m[1] + NEXT_MARK + m[2], text)
        # Kept split at the marks, as bytes: filling in is a join, not a search.
        return [piece.encode() for piece in _MARKS.split(text)]

    pieces = _kept_frame(_key((*parts, "public frame"), known), framed)
    back = quote(request.get_full_path(), safe="").encode()
    return HttpResponse(
        b"".join(back if piece == NEXT_MARK.encode() else piece for piece in pieces)
    )
