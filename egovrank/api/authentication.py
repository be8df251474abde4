"""How an API request says who it is: a personal token, or the browser's session.

``Authorization: Token egv_<prefix>_<random>``. The prefix finds the token; the SHA-256
digest of the whole secret must match the stored one. A revoked token, an unknown one or
one of an inactive person is refused (401) with the same message, so a caller learns
nothing about which tokens exist. The session works too, with Django's CSRF check on
changes, so the browsable documentation can call the API for a signed-in person.

A token older than ``API_TOKEN_MAX_AGE_DAYS`` (when set) is refused as expired; a new
password revokes the person's tokens (``actions.revoke_tokens_of``). A client address
with ``API_TOKEN_MAX_FAILURES`` failed tokens within the lock-out period is answered 429
(``Retry-After``) until it ends, whatever token it sends.
"""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from egovrank.accounts import throttle
from egovrank.accounts.models import SignInThrottle
from egovrank.core.clients import client_address

from .actions import SECRET_START, digest
from .models import ApiToken

__all__ = ["KEYWORD", "SessionAuthentication", "TokenAuthentication"]

KEYWORD = "Token"
# Recording every use would write a row per request; once a minute says enough.
LAST_USED_EVERY = timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: give “Token” and the token, separated by a space.")
            )
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            secret = ""
        address = client_address(request)
        until = throttle.refused_until(SignInThrottle.API_TOKEN, address)
        if until is not None:
            raise exceptions.Throttled(
                wait=throttle.retry_after_seconds(until),
                detail=str(_("Too many invalid tokens from your address: try again later.")),
            )
        try:
            return self.authenticate_secret(secret)
        except exceptions.AuthenticationFailed:
            throttle.count(SignInThrottle.API_TOKEN, address, settings.API_TOKEN_MAX_FAILURES)
            raise

    def authenticate_secret(self, secret: str) -> tuple[Any, ApiToken]:
        prefix = secret.removeprefix(SECRET_START).partition("_")[0]
        token = (
            ApiToken.objects.select_related("user").filter(prefix=prefix).first()
            if secret.startswith(SECRET_START) and prefix
            else None
        )
        if (
            token is None
            or not hmac.compare_digest(token.key_hash, digest(secret))
            or token.revoked_at is not None
            or not token.user.is_active
        ):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        now = timezone.now()
        max_age = settings.API_TOKEN_MAX_AGE_DAYS
        if max_age and now - token.created_at > timedelta(days=max_age):
            # Only the secret's holder gets this far: saying why is no leak.
            raise exceptions.AuthenticationFailed(
                _(
                    "This token has expired: create a new one on the “API tokens” page of your workspace."
                )
            )
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


class SessionAuthentication(authentication.SessionAuthentication):
    """The signed-in browser session; changes need the CSRF token, as on the pages."""
