"""Choosing the language by a link: ``/language/en/?next=/published/2019/``.

A link rather than Django's POST form (which stays at ``/i18n/setlang/``): the language
is a reader's preference, harmless for a third site to set, and a page without a form
needs no CSRF token, so a visitor without cookies gets the public pages as they are kept
(publication/snapshot.py) without a new secret, a cookie and ``Vary: Cookie`` each time.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

__all__ = ["switch_language"]


@never_cache
@require_safe
def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember ``code`` in the language cookie and go back to ``next`` (this site's
    only; the home page otherwise)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
